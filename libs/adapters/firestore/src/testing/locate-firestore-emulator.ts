import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const EMULATOR_RELATIVE_PATH = join('platform', 'cloud-firestore-emulator', 'cloud_firestore_emulator');
const WELL_KNOWN_SDK_ROOTS = ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk', '/opt/google-cloud-sdk'];

export type EmulatorLocation =
  | { readonly found: true; readonly executable: string }
  /** `missing` names what is not installed, for the skip message. */
  | { readonly found: false; readonly missing: string };

/**
 * Finds the installed Cloud Firestore emulator: `FIRESTORE_EMULATOR_BIN`, else
 * `<sdk root>/platform/cloud-firestore-emulator/cloud_firestore_emulator` with the SDK root from
 * `gcloud info` (or a well-known install path). The emulator is a Java program, so `java` must run too.
 */
export function locateFirestoreEmulator(env: NodeJS.ProcessEnv = process.env): EmulatorLocation {
  const executable = env['FIRESTORE_EMULATOR_BIN'] ?? findInSdkRoots(env);
  if (executable === undefined || !existsSync(executable)) {
    return {
      found: false,
      missing:
        `the Cloud Firestore emulator (${executable ?? `<gcloud sdk root>/${EMULATOR_RELATIVE_PATH}`} not found; ` +
        'install it with `gcloud components install cloud-firestore-emulator` or the ' +
        '`google-cloud-cli-firestore-emulator` package, or set FIRESTORE_EMULATOR_BIN)',
    };
  }
  if (!commandRuns('java', ['-version'])) {
    return { found: false, missing: `java (needed by the Cloud Firestore emulator at ${executable}) is not on PATH` };
  }
  return { found: true, executable };
}

function findInSdkRoots(env: NodeJS.ProcessEnv): string | undefined {
  const roots = [env['CLOUDSDK_ROOT_DIR'], gcloudSdkRoot(), ...WELL_KNOWN_SDK_ROOTS];
  for (const root of roots) {
    if (root === undefined || root === '') continue;
    const candidate = join(root, EMULATOR_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function gcloudSdkRoot(): string | undefined {
  try {
    const out = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

function commandRuns(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
