// @ts-check
// ESLint flat config: typescript-eslint's type-checked rules, Lit, web-component and Lit
// accessibility rules for the shipped code, and imports pointing down the layers
// (docs/architecture.md).
import { defineConfig } from 'eslint/config';
import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

/** An import specifier that reaches into `folder` (relative, from anywhere under src/). */
const into = (folder) => `(^|/)${folder}/`;

/**
 * What each folder may not import. Layers, top to bottom:
 *   adapters → processor (its public entry only)
 *   components → processor → pipeline/client → shared
 *   pipeline/host → render, inference → shared
 * The page side (components, processor, pipeline/client) never imports the host side
 * (pipeline/host, render) or pixi: those run in the pipeline worker, and the page loads
 * the page host only by URL (`?worker&url`) where workers have no WebGL2.
 */
const LAYERS = [
  {
    name: 'shared',
    files: ['src/shared/**/*.ts'],
    forbidden: [into('(components|processor|pipeline|render|inference)'), '^lit($|/)', '^pixi\\.js($|/)', '^@tensorflow/'],
    why: 'src/shared holds plain types and values for both sides of a worker boundary; it imports nothing above it',
  },
  {
    name: 'inference',
    files: ['src/inference/**/*.ts'],
    forbidden: [into('(components|processor|pipeline|render)'), '^lit($|/)'],
    why: 'src/inference imports only src/shared',
  },
  {
    name: 'render',
    files: ['src/render/**/*.ts'],
    forbidden: [into('(components|processor|pipeline)'), '^lit($|/)'],
    why: 'src/render imports only src/inference and src/shared',
  },
  {
    name: 'pipeline host',
    files: ['src/pipeline/host/**/*.ts'],
    forbidden: [into('(components|processor|client)'), '^lit($|/)'],
    why: 'the pipeline host (worker, or page host) imports only src/render, src/inference and src/shared',
  },
  {
    name: 'pipeline client',
    files: ['src/pipeline/client/**/*.ts'],
    // The one way to the host side: the page host's URL, loaded only where workers lack WebGL2.
    forbidden: [into('(components|processor|render)'), `${into('host')}(?!.*\\?worker&url$)`, '^lit($|/)', '^pixi\\.js($|/)'],
    why: 'the page-side pipeline client imports only src/inference (URLs, types) and src/shared; the host side only as a worker URL',
  },
  {
    name: 'processor',
    files: ['src/processor/**/*.ts'],
    forbidden: [into('(components|adapters|render|host)'), '^lit($|/)', '^pixi\\.js($|/)'],
    why: 'src/processor (the session, free of Lit and of the preview) imports only the pipeline client, src/inference and src/shared',
  },
  {
    name: 'adapters',
    files: ['src/adapters/**/*.ts'],
    // The build leaves `../processor/index.js` to `./processor.js` at run time: anything else
    // from src/ would be bundled into each adapter, a second copy beside the processor's.
    forbidden: [into('(components|pipeline|render|inference|shared)'), `${into('processor')}(?!index\\.js$)`, '^lit($|/)', '^pixi\\.js($|/)', '^@tensorflow/'],
    why: 'an SDK adapter imports the processor only through its public entry (../processor/index.js), and the SDK (types, or agora-rte-extension)',
  },
  {
    name: 'components',
    files: ['src/components/**/*.ts'],
    forbidden: [into('(render|host)'), '^pixi\\.js($|/)'],
    why: 'the element runs on the page: it reaches the pipeline through src/processor, never the host side or pixi',
  },
];

export default defineConfig([
  { ignores: ['dist/', 'storybook-static/', 'eval/results/', 'coverage/', '.vite/', '.probe/'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked, lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/components/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: litA11y.configs.recommended.rules,
  },
  ...LAYERS.map(({ name, files, forbidden, why }) => ({
    name: `layers/${name}`,
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: forbidden.map((regex) => ({ regex, message: `${why}.` })) }],
    },
  })),
]);
