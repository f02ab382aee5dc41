// Config for `npm run analyze` (@custom-elements-manifest/analyzer), which writes
// custom-elements.json: the element's attributes, properties, events, CSS parts and CSS
// properties, read from its Lit decorators and JSDoc tags (@fires, @csspart, @cssprop).
// package.json's `customElements` field points at it.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['**/*.d.ts'],
  litelement: true,
  outdir: '.',
  // package.json already names the manifest. Left on, the analyzer rewrites package.json on
  // every build, racing anything else that edits it.
  packagejson: false,
};
