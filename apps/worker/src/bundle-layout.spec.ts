// The start-up budget depends on how the bundle is split: the SDKs must stay out of what main.js imports
// statically, or /healthz waits for them again. Builds the bundle with the real build script.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?from\s*"([^"]+)";|^import\s*"([^"]+)";/gms;
const DYNAMIC_IMPORT = /\bimport\("([^"]+)"\)/g;

let outDir: string;

/** Specifiers of a module's static imports (and re-exports). */
async function staticImports(file: string): Promise<string[]> {
  const code = await readFile(file, 'utf8');
  return [...code.matchAll(STATIC_IMPORT)].map((m) => (m[1] ?? m[2]) as string);
}

/** Every package the module loads before its own code runs: its static graph through relative chunks. */
async function staticPackages(entry: string): Promise<{ packages: Set<string>; files: Set<string> }> {
  const packages = new Set<string>();
  const files = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of await staticImports(file)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { packages, files };
}

describe('the worker bundle', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'worker-bundle-'));
    await promisify(execFile)(process.execPath, ['apps/worker/esbuild.mjs', '--outfile', join(outDir, 'main.js')], { cwd: ROOT, timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('loads neither the Google Cloud SDKs nor the composition before the server listens', async () => {
    const { packages } = await staticPackages(join(outDir, 'main.js'));
    const eager = [...packages].filter((name) => /^(@google-cloud\/|inversify$|got$)/.test(name));
    expect(eager).toEqual([]);
    expect(packages).toContain('node:http');
  });

  it('keeps the composition in a chunk of its own that imports the SDKs, loaded by a dynamic import', async () => {
    const main = await readFile(join(outDir, 'main.js'), 'utf8');
    const lazy = [...main.matchAll(DYNAMIC_IMPORT)].map((m) => m[1] as string);
    expect(lazy).toHaveLength(1);
    const { packages } = await staticPackages(resolve(outDir, lazy[0] as string));
    expect([...packages]).toEqual(expect.arrayContaining(['@google-cloud/firestore', '@google-cloud/storage', 'inversify', 'got']));
  });
});
