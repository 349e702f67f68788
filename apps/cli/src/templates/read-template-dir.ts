import { join } from 'node:path';
import { validateChartTemplate } from '@worker-chart-export/domain';
import { FsTemplateRepo, isTemplateSourceError } from '@worker-chart-export/adapter-local';
import { fail, ok, type ConfigResult } from '../config/config-result.js';

/** A template of the repo, validated: its id (the file name) and its document. */
export interface RepoTemplate {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Reads every `<dir>/*.json` and validates each with the domain's `validateChartTemplate` (docs/design.md#templates).
 * All or nothing: one unreadable, non-JSON or invalid template fails the whole read with one line that
 * names every bad file and its field, so a sync never writes half a repo. An empty directory fails too
 * (a prune would otherwise empty the collection).
 */
export async function readTemplateDir(dir: string): Promise<ConfigResult<RepoTemplate[]>> {
  const repo = new FsTemplateRepo(dir);
  let ids: string[];
  try {
    ids = await repo.listTemplateIds();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return fail(`--templates-dir ${dir}: cannot read the directory${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (ids.length === 0) return fail(`--templates-dir ${dir} holds no *.json template: nothing to sync`);

  const templates: RepoTemplate[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const file = join(dir, `${id}.json`);
    try {
      const record = await repo.get(id);
      if (record === undefined) {
        problems.push(`${file}: the file name is not a valid template id`);
        continue;
      }
      const checked = validateChartTemplate(record, id);
      if (checked.ok) templates.push({ id, data: record.data as Record<string, unknown> });
      else problems.push(`${file}: ${checked.error.message}`);
    } catch (error) {
      if (!isTemplateSourceError(error)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    return fail(`${problems.length} of ${ids.length} templates in ${dir} are invalid, nothing written: ${problems.join('; ')}`);
  }
  return ok(templates);
}
