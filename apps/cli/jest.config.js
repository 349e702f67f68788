import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jestConfigFor } from '../../jest.preset.js';

// The Firestore emulator specs (`*.emulator.spec.ts`) share one emulator for the run, started and stopped
// by the Firestore adapter's global hooks; without an installed emulator they are skipped with a warning.
export default jestConfigFor(dirname(fileURLToPath(import.meta.url)), {
  globalSetup: '<rootDir>/../../libs/adapters/firestore/jest.global-setup.js',
  globalTeardown: '<rootDir>/../../libs/adapters/firestore/jest.global-teardown.js',
});
