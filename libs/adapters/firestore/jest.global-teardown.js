// See jest.global-setup.js for why the hook goes through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const hook = await tsImport('./src/testing/jest-global-teardown.ts', import.meta.url);
  await hook.default();
}
