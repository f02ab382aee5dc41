export * from './CoefficientSmoothingFilter.js';
