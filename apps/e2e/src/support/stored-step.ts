import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { parseGsUri, validateChartsOutputsManifest, type ChartsOutputsManifest } from '@worker-chart-export/domain';

/** A PNG the CLI stored, decoded in full (a corrupt file throws). */
export interface StoredPng {
  readonly chartTemplateId: string;
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
}

/** What a step left under `<storageDir>/<bucket>/<object>`. */
export interface StoredStep {
  readonly manifest: ChartsOutputsManifest;
  /** The manifest file as written. */
  readonly manifestText: string;
  /** Every manifest item's PNG, in manifest order. */
  readonly pngs: StoredPng[];
  /** Every file in the step's directory, sorted. */
  readonly files: string[];
}

/** Reads the manifest at `gsUri` from the local storage dir, checks it against the domain schema and decodes each item's PNG. */
export async function readStoredStep(storageDir: string, gsUri: string): Promise<StoredStep> {
  const manifestPath = localPath(storageDir, gsUri);
  const manifestText = await readFile(manifestPath, 'utf8');
  const checked = validateChartsOutputsManifest(JSON.parse(manifestText));
  if (!checked.ok) throw new Error(`manifest ${gsUri} is not schema-valid: ${JSON.stringify(checked)}`);
  const manifest = checked.value;
  const pngs = await Promise.all(
    manifest.items.map(async (item) => {
      const png = PNG.sync.read(await readFile(localPath(storageDir, item.png_gcs_uri)));
      return { chartTemplateId: item.chartTemplateId, fileName: item.png_gcs_uri.split('/').at(-1) ?? '', width: png.width, height: png.height };
    }),
  );
  const files = (await readdir(join(manifestPath, '..'))).sort();
  return { manifest, manifestText, pngs, files };
}

function localPath(storageDir: string, gsUri: string): string {
  const parsed = parseGsUri(gsUri);
  if (parsed === undefined) throw new Error(`not a gs:// object URI: ${gsUri}`);
  return join(storageDir, parsed.bucket, parsed.objectPath);
}
