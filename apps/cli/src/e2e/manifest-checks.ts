import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseGsUri, validateChartsOutputsManifest, type ChartsOutputsManifest } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

async function compile(relativePath: string): Promise<ValidateFunction> {
  return ajv.compile(JSON.parse(await readFile(join(REPO_ROOT, relativePath), 'utf8')) as object);
}

/** Our published manifest schema and upstream's. */
export const manifestSchemas = Promise.all([
  compile('contracts/charts_outputs_manifest.schema.json'),
  compile('fixtures/upstream/charts_outputs_manifest.schema.json'),
]);

/** Reads a manifest from `<storageDir>/<bucket>/<object>` and checks it against the domain validator and both JSON Schemas. */
export async function readValidManifest(storageDir: string, gsUri: string): Promise<ChartsOutputsManifest> {
  const parsed = parseGsUri(gsUri);
  if (parsed === undefined) throw new Error(`not a gs:// object URI: ${gsUri}`);
  const manifest: unknown = JSON.parse(await readFile(join(storageDir, parsed.bucket, parsed.objectPath), 'utf8'));
  for (const validate of await manifestSchemas) {
    if (!validate(manifest)) throw new Error(`manifest ${gsUri} breaks a JSON Schema: ${ajv.errorsText(validate.errors)}`);
  }
  const checked = validateChartsOutputsManifest(manifest);
  if (!checked.ok) throw new Error(`manifest ${gsUri} is not valid for the domain`);
  return checked.value;
}

/** `2025-12-15T10:26:12Z` -> `20251215-102612`, the file-name form of an RFC 3339 UTC instant (docs/design.md#object-paths). */
export function compactUtc(rfc3339: string): string {
  const date = new Date(rfc3339);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}
