export * from './CompositeFilter.js';
