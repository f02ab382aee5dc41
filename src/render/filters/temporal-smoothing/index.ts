export * from './TemporalSmoothingFilter.js';
