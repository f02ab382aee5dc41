export * from './GuidedCoefficientsFilter.js';
