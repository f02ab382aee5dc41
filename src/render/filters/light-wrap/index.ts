export * from './LightWrapFilter.js';
