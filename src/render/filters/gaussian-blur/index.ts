export * from './GaussianBlurFilter.js';
