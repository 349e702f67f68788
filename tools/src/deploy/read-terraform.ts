import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** Where the deploy's Terraform lives. */
export const TERRAFORM_DIR = join(REPO_ROOT, 'deploy/terraform');

/** A block list as HCL-to-JSON renders it: every block type maps labels to a list of bodies. */
export type TfBody = Record<string, unknown>;

/** One `.tf` file, parsed: its name and its top-level blocks in JSON form. */
export interface TfFile {
  readonly name: string;
  readonly json: TfBody;
}

type HclParse = (fileName: string, contents: string) => Promise<Record<string, unknown>>;

// Loaded untyped on purpose: the package's typings pull the DOM lib into the whole program, which changes
// `fetch`'s body types for every other file.
const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as { parse: HclParse };

/** One HCL file's text as JSON, by HashiCorp's own parser; a syntax error throws. */
export function parseHcl(fileName: string, contents: string): Promise<Record<string, unknown>> {
  return parse(fileName, contents);
}

/** Every `.tf` file of `dir`, parsed by HashiCorp's own HCL parser (`@cdktf/hcl2json`); a syntax error throws. */
export async function readTerraform(dir: string = TERRAFORM_DIR): Promise<TfFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.tf')).sort();
  return Promise.all(names.map(async (name) => ({ name, json: (await parseHcl(name, await readFile(join(dir, name), 'utf8'))) as TfBody })));
}

/** Every string anywhere in `value`, depth first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The bodies of `${...}` interpolations in `text` (nested braces included), where Terraform references live. */
export function interpolations(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', start + 2)) {
    let depth = 0;
    for (let i = start + 1; i < text.length; i += 1) {
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}' && (depth -= 1) === 0) {
        found.push(text.slice(start + 2, i));
        break;
      }
    }
  }
  return found;
}

/** Block bodies of one kind across files: `blocks(files, 'variable')` is every `variable "name" {}` by name. */
export function blocks(files: readonly TfFile[], kind: string): Map<string, TfBody> {
  const found = new Map<string, TfBody>();
  for (const file of files) {
    for (const [name, bodies] of Object.entries((file.json[kind] ?? {}) as Record<string, TfBody[]>)) found.set(name, bodies[0] as TfBody);
  }
  return found;
}

/** Resources (or data sources) by `type.name`. */
export function resources(files: readonly TfFile[], kind: 'resource' | 'data' = 'resource'): Map<string, TfBody> {
  const found = new Map<string, TfBody>();
  for (const file of files) {
    for (const [type, byName] of Object.entries((file.json[kind] ?? {}) as Record<string, Record<string, TfBody[]>>)) {
      for (const [name, bodies] of Object.entries(byName)) found.set(`${type}.${name}`, bodies[0] as TfBody);
    }
  }
  return found;
}

/** The `locals` of every file, merged. */
export function locals(files: readonly TfFile[]): TfBody {
  return Object.assign({}, ...files.flatMap((file) => (file.json['locals'] ?? []) as TfBody[])) as TfBody;
}
