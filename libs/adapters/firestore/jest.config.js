import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jestConfigFor } from '../../../jest.preset.js';

// One Firestore emulator for the whole run (started and stopped by the global hooks); emulator specs
// skip with a warning when it is not installed.
export default jestConfigFor(dirname(fileURLToPath(import.meta.url)), {
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
});
