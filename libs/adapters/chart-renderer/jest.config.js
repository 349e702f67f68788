import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jestConfigFor } from '../../../jest.preset.js';

export default jestConfigFor(dirname(fileURLToPath(import.meta.url)));
