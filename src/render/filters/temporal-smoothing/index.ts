export * from './TemporalSmoothingFilter.js';
export * from './smoothing-filter.js';
