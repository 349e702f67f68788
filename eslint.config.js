import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const sdkAndIo = ['got', '@google-cloud/*', 'inversify', 'reflect-metadata', 'winston', 'msw', 'pngjs', 'commander'];
const nodeIo = ['fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'dgram', 'dns', 'node:*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'coverage', '.charts-out', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
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
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
            // End-to-end suites drive the real apps against the fakes in tools/.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:tool', 'type:app'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
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
