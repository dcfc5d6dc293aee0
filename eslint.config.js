import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * The layers of src/lib, held by rule (docs/ARCHITECTURE.md, "Layers"). Each entry lists
 * what a layer may not import; a pattern matches `$lib/<layer>/...` and relative paths
 * that climb into that layer alike.
 */
const layer = (names) => ({
  regex: `(^\\$lib/|(^|/)\\.\\./)(${names.join('|')})(/|$)`,
  message: 'imports across a layer boundary: see "Layers" in docs/ARCHITECTURE.md'
});
const packages = (names, message) => ({ regex: `^(${names.join('|')})(/|$)`, message });
const UI_PACKAGES = [
  'svelte',
  '@sveltejs/kit',
  '\\$app',
  'dexie',
  '@tensorflow/[^/]+',
  'd3(-[a-z]+)?',
  '@observablehq/plot'
];
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export const LAYER_RULES = [
  // the model: pure TypeScript numerics; nothing above it, no framework, no storage, no tfjs
  restrict(
    ['src/lib/model/**'],
    [
      layer(['ui', 'data', 'workers', 'charts', 'bench', 'pipeline', 'notebooks', 'learn', 'validate', 'files']),
      packages([...UI_PACKAGES, 'papaparse'], 'the model imports no framework, storage, tfjs or chart library')
    ]
  ),
  // the model core (special functions, fits, BTYD models, CLV, random) knows nothing of scenarios
  restrict(
    ['src/lib/model/core/**'],
    [
      layer(['ui', 'data', 'workers', 'charts', 'bench', 'pipeline', 'notebooks', 'learn', 'validate', 'files']),
      {
        regex: '(^\\$lib/model/|(^|/)\\.\\./)scenario(/|$)',
        message: 'the model core imports nothing of the scenario engine'
      },
      packages([...UI_PACKAGES, 'papaparse'], 'the model imports no framework, storage, tfjs or chart library')
    ]
  ),
  // charts only draw: no model, no data, no workers, no app state
  restrict(
    ['src/lib/charts/**'],
    [layer(['model', 'data', 'pipeline', 'workers', 'ui', 'learn', 'notebooks', 'validate', 'bench'])]
  ),
  // notebooks compose the model and charts, never the app's UI
  restrict(['src/lib/notebooks/**'], [layer(['ui'])]),
  // the data layer and the fit pipeline run in workers and in node: no UI, no charts, no workers
  restrict(
    ['src/lib/data/**', 'src/lib/pipeline/**'],
    [
      layer(['ui', 'workers', 'charts', 'notebooks', 'bench']),
      packages(['svelte', '\\$app'], 'data and pipeline run in workers and node')
    ]
  ),
  // worker entry points and clients: no UI, no charts
  restrict(
    ['src/lib/workers/**'],
    [layer(['ui', 'charts', 'notebooks']), packages(['svelte', '\\$app'], 'workers run without the UI')]
  ),
  // classroom challenges: plain logic over the engine (node-testable), no UI, no storage, no framework
  restrict(
    ['src/lib/classroom/**'],
    [
      layer(['ui', 'data', 'charts', 'bench', 'learn', 'validate']),
      packages(['svelte', '\\$app'], 'classroom logic runs in node tests too')
    ]
  ),
  // plain file helpers (CSV, downloads) and text helpers (counts in words) import nothing of the app
  restrict(
    ['src/lib/files/**', 'src/lib/text/**'],
    [layer(['model', 'data', 'pipeline', 'workers', 'ui', 'charts', 'learn', 'notebooks', 'validate', 'bench'])]
  )
];

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-undef': 'off', // TypeScript checks this
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The app is a static SPA served from the site root (no `paths.base`), so plain hrefs are correct.
      'svelte/no-navigation-without-resolve': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
    }
  },
  ...LAYER_RULES
);
