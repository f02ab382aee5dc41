export * from './TemporalSmoothingFilter.js';
export * from './smoothing-weights.js';
