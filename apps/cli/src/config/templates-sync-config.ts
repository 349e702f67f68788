import { ok, type ConfigResult } from './config-result.js';
import { pickChoice, rejectBlankFlags, type Env } from './env.js';
import { resolveFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';

export const SYNC_OUTPUTS = ['text', 'json'] as const;
export type SyncOutput = (typeof SYNC_OUTPUTS)[number];

/** The flags of `templates sync` as commander hands them over. */
export interface TemplatesSyncFlags {
  readonly templatesDir: string;
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly output: string;
  readonly project?: string;
}

export interface TemplatesSyncConfig {
  readonly templatesDir: string;
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly output: SyncOutput;
  readonly firestore: FirestoreTarget;
}

/** Resolves `templates sync`'s configuration without I/O; the first problem is one line naming the flag. */
export function resolveTemplatesSyncConfig(flags: TemplatesSyncFlags, env: Env): ConfigResult<TemplatesSyncConfig> {
  const blank = rejectBlankFlags(flags, ['templatesDir', 'project']);
  if (!blank.ok) return blank;
  const output = pickChoice('--output', flags.output, SYNC_OUTPUTS, 'text');
  if (!output.ok) return output;
  const firestore = resolveFirestoreTarget(flags.project, env, 'templates sync');
  if (!firestore.ok) return firestore;
  return ok({ templatesDir: flags.templatesDir, dryRun: flags.dryRun, prune: flags.prune, output: output.value, firestore: firestore.value });
}
