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

/** The files a module imports dynamically (relative chunks). */
async function dynamicImports(file: string): Promise<string[]> {
  const code = await readFile(file, 'utf8');
  return [...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolve(dirname(file), m[1] as string));
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
    const lazy = await dynamicImports(join(outDir, 'main.js'));
    expect(lazy).toHaveLength(1);
    const { packages } = await staticPackages(lazy[0] as string);
    expect([...packages]).toEqual(expect.arrayContaining(['@google-cloud/firestore', 'inversify', 'got']));
  });

  it('loads the GCS SDK only when blobs go to Cloud Storage: a dynamic import of the composition', async () => {
    const [composition] = await dynamicImports(join(outDir, 'main.js'));
    const { packages, files } = await staticPackages(composition as string);
    expect([...packages]).not.toContain('@google-cloud/storage');
    const gcsChunks = new Set<string>();
    for (const file of files) {
      for (const chunk of await dynamicImports(file)) {
        if ((await staticPackages(chunk)).packages.has('@google-cloud/storage')) gcsChunks.add(chunk);
      }
    }
    expect(gcsChunks.size).toBe(1);
  });

  it('loads the local renderer (ECharts, Skia) only when a chart is drawn locally: a dynamic import of the composition', async () => {
    const [composition] = await dynamicImports(join(outDir, 'main.js'));
    const { packages, files } = await staticPackages(composition as string);
    expect([...packages].filter((name) => /^(echarts|@napi-rs\/canvas)/.test(name))).toEqual([]);
    const rendererChunks = new Set<string>();
    for (const file of files) {
      for (const chunk of await dynamicImports(file)) {
        const loaded = (await staticPackages(chunk)).packages;
        if (loaded.has('@napi-rs/canvas') && [...loaded].some((name) => name.startsWith('echarts'))) rendererChunks.add(chunk);
      }
    }
    expect(rendererChunks.size).toBe(1);
  });
});
