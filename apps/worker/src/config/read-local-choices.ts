import type { WorkerStorage, WorkerTemplates } from './worker-config.js';
import { EMBEDDED_DEFAULTS, WORKER_DEFAULTS } from './worker-defaults.js';

/** Where blobs and templates come from, and whether the embedded default chose them. */
export interface LocalChoices {
  readonly embeddedDefault: boolean;
  readonly onlyEmulators: boolean;
  readonly storage: WorkerStorage;
  readonly templates: WorkerTemplates;
}

const STORAGE_KINDS = ['gcs', 'local'] as const;
const TEMPLATE_SOURCES = ['firestore', 'files'] as const;

/**
 * Reads `CHARTS_STORAGE`, `CHARTS_STORAGE_DIR`, `CHART_TEMPLATES_SOURCE` and `CHART_TEMPLATES_DIR`. Their
 * defaults are the deployed worker's (Cloud Storage, Firestore templates) unless the embedded default is on:
 * `FIRESTORE_EMULATOR_HOST` set and neither `CHARTS_BUCKET` nor `STORAGE_EMULATOR_HOST` given. Local files are
 * refused against a real project: the step would be finalized with `gs://` URIs of objects only this
 * instance's disk holds. Problems are pushed one line each, naming the variable and its value.
 */
export function readLocalChoices(read: (name: string) => string | undefined, problems: string[]): LocalChoices {
  const emulator = read('FIRESTORE_EMULATOR_HOST') !== undefined;
  const embeddedDefault = emulator && read('CHARTS_BUCKET') === undefined && read('STORAGE_EMULATOR_HOST') === undefined;

  const storageKind = oneOf(read, problems, 'CHARTS_STORAGE', STORAGE_KINDS, embeddedDefault ? EMBEDDED_DEFAULTS.storage : WORKER_DEFAULTS.storage);
  if (storageKind === 'local' && !emulator) {
    problems.push('CHARTS_STORAGE=local is refused without FIRESTORE_EMULATOR_HOST: a real project would be given gs:// URIs of files on this disk');
  }
  const storageDir = onlyWith(read, problems, 'CHARTS_STORAGE_DIR', storageKind, 'local', 'CHARTS_STORAGE=local');
  const storage: WorkerStorage = storageKind === 'local' ? { kind: 'local', dir: storageDir ?? WORKER_DEFAULTS.storageDir } : { kind: 'gcs' };

  const templatesFrom = oneOf(
    read,
    problems,
    'CHART_TEMPLATES_SOURCE',
    TEMPLATE_SOURCES,
    embeddedDefault ? EMBEDDED_DEFAULTS.templatesSource : WORKER_DEFAULTS.templatesSource,
  );
  const templatesDir = onlyWith(read, problems, 'CHART_TEMPLATES_DIR', templatesFrom, 'files', 'CHART_TEMPLATES_SOURCE=files');
  const templates: WorkerTemplates = templatesFrom === 'files' ? { from: 'files', dir: templatesDir ?? WORKER_DEFAULTS.templatesDir } : { from: 'firestore' };

  const onlyEmulators = emulator && (storage.kind === 'local' || read('STORAGE_EMULATOR_HOST') !== undefined);
  return { embeddedDefault, onlyEmulators, storage, templates };
}

function oneOf<T extends string>(
  read: (name: string) => string | undefined,
  problems: string[],
  name: string,
  values: readonly T[],
  fallback: T,
): T | undefined {
  const raw = read(name);
  if (raw === undefined) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} ${JSON.stringify(raw)} is not one of ${values.join(', ')}`);
  return undefined;
}

/**
 * A directory variable that means something only with one choice: set with another, it is refused rather than
 * silently ignored (no second problem when the choice itself was invalid).
 */
function onlyWith<T extends string>(
  read: (name: string) => string | undefined,
  problems: string[],
  name: string,
  choice: T | undefined,
  needed: T,
  requirement: string,
): string | undefined {
  const raw = read(name);
  if (raw !== undefined && choice !== undefined && choice !== needed) problems.push(`${name} ${JSON.stringify(raw)} is read only with ${requirement}`);
  return raw;
}
