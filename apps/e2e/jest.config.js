import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jestConfigFor } from '../../jest.preset.js';

// The worker-process suite runs the bundled worker against the Firestore emulator (one per run, started by
// the adapter's global hooks); the CLI suites never use it.
export default jestConfigFor(dirname(fileURLToPath(import.meta.url)), {
  globalSetup: '<rootDir>/../../libs/adapters/firestore/jest.global-setup.js',
  globalTeardown: '<rootDir>/../../libs/adapters/firestore/jest.global-teardown.js',
});
