// Shared jest settings: TypeScript is compiled by SWC to native ES modules
// (jest runs with --experimental-vm-modules), and tsconfig path aliases map to source.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8'));

const escape = (text) => text.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&');
// `name/*` -> `target/*` wildcards become capture groups; a `.js` suffix maps back to the `.ts` source.
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) =>
    name.endsWith('/*')
      ? [`^${escape(name.slice(0, -1))}(.*?)(\\.js)?$`, `${resolve(root, target.slice(0, -1))}/$1`]
      : [`^${escape(name)}$`, resolve(root, target)],
  ),
);

/** @param {string} projectDir absolute directory of the project */
export function jestConfigFor(projectDir, overrides = {}) {
  return {
    displayName: projectDir.slice(root.length + 1),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
          },
          module: { type: 'es6' },
        },
      ],
    },
    ...overrides,
  };
}
