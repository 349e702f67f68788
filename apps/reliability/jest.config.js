import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jestConfigFor } from '../../jest.preset.js';

// Crash, fault-injection and recovery suites: real worker processes against the Firestore emulator
// (one per run, started by the adapter's global hooks), the fake GCS and the fake Chart-IMG.
export default jestConfigFor(dirname(fileURLToPath(import.meta.url)), {
  globalSetup: '<rootDir>/../../libs/adapters/firestore/jest.global-setup.js',
  globalTeardown: '<rootDir>/../../libs/adapters/firestore/jest.global-teardown.js',
  testTimeout: 180_000,
});
