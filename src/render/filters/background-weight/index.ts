export * from './BackgroundWeightFilter.js';
