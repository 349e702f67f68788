import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries reads the project graph from Nx's cache and silently skips itself when there
// is none (a fresh clone) or uses a stale one (tags just changed). Building it here, before any file is
// linted, makes every ESLint run (npm run lint, npx eslint PATH, an editor) check the boundaries.
// tools/src/lint/module-boundaries.spec.ts proves it from an empty cache.
await createProjectGraphAsync({ exitOnError: false });

const sdkAndIo = [
  'got',
  '@google-cloud/*',
  'inversify',
  'reflect-metadata',
  'winston',
  'msw',
  'pngjs',
  'commander',
  'cloudevents',
  'protobufjs',
  'protobufjs/*',
  'echarts',
  'echarts/*',
  '@napi-rs/*',
];
const nodeIo = ['fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'dgram', 'dns', 'node:*'];

// Shared test support (libs/testing, tag type:testing: spawning the CLI, Eventarc events, temp dirs) serves
// tests and tools only: the apps' production code may never import it, their specs and test helpers may.
const APP_TEST_FILES = ['apps/*/src/**/*.spec.ts', 'apps/*/src/e2e/**/*.ts', 'apps/*/src/testing/**/*.ts'];

/** The module-boundary rule; `appTests` lets the apps' test files (APP_TEST_FILES) use the test support. */
function moduleBoundaries({ appTests }) {
  const appDeps = ['type:domain', 'type:adapter', ...(appTests ? ['type:testing'] : [])];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: [
        {
          sourceTag: 'type:domain',
          onlyDependOnLibsWithTags: ['type:domain'],
          bannedExternalImports: [...sdkAndIo, ...nodeIo],
        },
        { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain'] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: appDeps },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:testing'] },
        // End-to-end suites drive the real apps against the fakes in tools/.
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:tool', 'type:app', 'type:testing'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'coverage', '.charts-out', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ appTests: false }),
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: APP_TEST_FILES, rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ appTests: true }) } },
  {
    // The domain is pure: no I/O, no SDKs, no DI container, even through a relative path.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/apps/**', '@worker-chart-export/adapter-*'], message: 'The domain may not import adapters or apps.' },
            { group: [...sdkAndIo, ...nodeIo], message: 'The domain stays free of I/O and SDKs.' },
          ],
        },
      ],
    },
  },
];
