import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorFixtureSuffix, parseProviderError } from '@worker-chart-export/domain';

/** A stored answer for one fixture key. `file` is the error fixture's path, for messages. */
export type Fixture =
  { readonly type: 'png'; readonly bytes: Uint8Array } | { readonly type: 'error'; readonly status: number; readonly body: unknown; readonly file: string };

/** `<key>__<STATUS>[_<MESSAGE>].json`, the part after `<key>__`. No `__` inside, so keys never collide. */
const ERROR_SUFFIX_FILE = /^(\d{3})(?:_[A-Z0-9]+)*\.json$/;

/** A fixture file that exists but cannot be used (broken JSON, no status). */
export class FixtureFormatError extends Error {
  override readonly name = 'FixtureFormatError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Chart-IMG fixture ${file} is unusable: ${problem}`);
  }
}

/**
 * Chart-IMG fixtures in one directory (docs/design.md#chart-img-modes-and-fixtures): a success is
 * `<dir>/<key>.png`, an error `<dir>/<key>__<STATUS>_<MESSAGE>.json` holding `{status, body}`.
 * When a key has both, the PNG wins; among several error fixtures, the first by file name wins
 * (so `429_...` before `500_...`). Writes are atomic (temp file + rename) and store only the
 * provider's status and body, never a request header.
 */
export class FixtureStore {
  constructor(readonly dir: string) {}

  async find(key: string): Promise<Fixture | undefined> {
    assertSafeKey(key);
    const png = await readIfExists(join(this.dir, `${key}.png`));
    if (png !== undefined) return { type: 'png', bytes: png };
    const file = (await this.errorFiles(key))[0];
    return file === undefined ? undefined : readErrorFixture(join(this.dir, file));
  }

  async savePng(key: string, bytes: Uint8Array): Promise<string> {
    assertSafeKey(key);
    return this.write(`${key}.png`, bytes);
  }

  /** Saves `{status, body}` as `<key>__<errorFixtureSuffix(status, message)>.json`; returns the path. */
  async saveError(key: string, status: number, body: unknown): Promise<string> {
    assertSafeKey(key);
    const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
    const suffix = errorFixtureSuffix(status, parseProviderError(bytes));
    const json = `${JSON.stringify({ status, body }, null, 2)}\n`;
    return this.write(`${key}__${suffix}.json`, new TextEncoder().encode(json));
  }

  private async errorFiles(key: string): Promise<string[]> {
    const prefix = `${key}__`;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return names.filter((name) => name.startsWith(prefix) && ERROR_SUFFIX_FILE.test(name.slice(prefix.length))).sort();
  }

  private async write(name: string, bytes: Uint8Array): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, name);
    const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return path;
  }
}

async function readErrorFixture(file: string): Promise<Fixture> {
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FixtureFormatError(file, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FixtureFormatError(file, 'expected an object {status, body}');
  }
  const { status, body } = parsed as { status?: unknown; body?: unknown };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new FixtureFormatError(file, `"status" must be an HTTP status, got ${JSON.stringify(status)}`);
  }
  return { type: 'error', status, body, file };
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function assertSafeKey(key: string): void {
  if (key === '' || key.includes('/') || key.includes('\\') || key.includes('..') || hasControlCharacter(key)) {
    throw new Error(`fixture key ${JSON.stringify(key)} is not a safe file name`);
  }
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
