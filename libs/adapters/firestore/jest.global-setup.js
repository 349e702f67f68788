// Jest loads global hooks with plain Node resolution (no moduleNameMapper), so the TypeScript hook,
// whose relative imports end in `.js`, is loaded through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const hook = await tsImport('./src/testing/jest-global-setup.ts', import.meta.url);
  await hook.default();
}
