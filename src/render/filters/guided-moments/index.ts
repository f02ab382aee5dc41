export * from './GuidedMomentsFilter.js';
