export * from './BoxMeanFilter.js';
