import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkPathSegment, type TemplateRecord, type TemplateRepo } from '@worker-chart-export/domain';
import { describeError, isErrnoCode } from './fs-errors.js';
import { TemplateSourceError } from './template-source-error.js';

const TEMPLATE_SUFFIX = '.json';

/**
 * Chart templates as `<dir>/<id>.json` (the repo's `chart-templates/`). Returns the raw JSON;
 * the domain validates it. An id that is not a safe file-name segment is simply not found,
 * so no lookup ever leaves `dir`.
 */
export class FsTemplateRepo implements TemplateRepo {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async get(id: string): Promise<TemplateRecord | undefined> {
    if (checkPathSegment('chartTemplateId', id) !== undefined) return undefined;
    const source = join(this.dir, `${id}${TEMPLATE_SUFFIX}`);
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return undefined;
      throw new TemplateSourceError(id, source, describeError(error), { cause: error });
    }
    try {
      return { id, source, data: JSON.parse(text) as unknown };
    } catch (error) {
      throw new TemplateSourceError(id, source, describeError(error), { cause: error });
    }
  }

  /** Ids of every `*.json` file in the directory, sorted (for `templates sync` and tests). */
  async listTemplateIds(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names
      .filter((name) => name.endsWith(TEMPLATE_SUFFIX) && !name.startsWith('.'))
      .map((name) => name.slice(0, -TEMPLATE_SUFFIX.length))
      .sort();
  }
}
