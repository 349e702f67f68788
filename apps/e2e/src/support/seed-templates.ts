import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHART_IMG_DEFAULT_HEIGHT, CHART_IMG_DEFAULT_WIDTH } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** A seed template and the PNG size the provider renders for it. */
export interface SeedTemplate {
  readonly id: string;
  /** `width`/`height` of the template's request body (unset: the provider's default applies). */
  readonly requested: { readonly width?: number; readonly height?: number };
  readonly width: number;
  readonly height: number;
}

/** The seed templates in `chart-templates/`, sorted by id, with the size of their PNGs (the provider's default where unset). */
export async function readSeedTemplates(): Promise<SeedTemplate[]> {
  const dir = join(REPO_ROOT, 'chart-templates');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const template = JSON.parse(await readFile(join(dir, name), 'utf8')) as { id: string; request: { width?: number; height?: number } };
      const { width, height } = template.request;
      return {
        id: template.id,
        requested: { ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) },
        width: template.request.width ?? CHART_IMG_DEFAULT_WIDTH,
        height: template.request.height ?? CHART_IMG_DEFAULT_HEIGHT,
      };
    }),
  );
}
