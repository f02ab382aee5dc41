import type { Plugin } from 'vite';

const SKIPPED = '\0pixi-environment-skipped';

/**
 * pixi's root module imports its whole browser or worker environment (accessibility, DOM
 * events, spritesheets…) on the first renderer init. Bundled into one file, that code would
 * ship and run eagerly; in a worker, accessibility even touches `document`. The compositor
 * imports the one extension set it uses (filters) and inits with `skipExtensionImports`.
 */
export function skipPixiEnvironments(): Plugin {
  return {
    name: 'skip-pixi-environments',
    enforce: 'pre',
    resolveId(source, importer) {
      const fromEnvironment = importer && /[\\/]environment-(browser|webworker)[\\/]\w+Ext\.mjs$/.test(importer);
      return fromEnvironment && /All\.mjs$/.test(source) ? SKIPPED : null;
    },
    load(id) {
      return id === SKIPPED ? 'export {};' : null;
    },
  };
}
