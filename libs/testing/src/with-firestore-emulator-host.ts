/**
 * Runs `build` (typically creating a Firestore client) with FIRESTORE_EMULATOR_HOST set to `host`, e.g. a proxy
 * in front of the emulator, and restores the variable afterwards. The SDK reads it once, in the client's
 * constructor, and lets it win over settings; so it is swapped for the construction only.
 */
export function withFirestoreEmulatorHost<T>(host: string, build: () => T): T {
  const saved = process.env['FIRESTORE_EMULATOR_HOST'];
  process.env['FIRESTORE_EMULATOR_HOST'] = host;
  try {
    return build();
  } finally {
    if (saved === undefined) delete process.env['FIRESTORE_EMULATOR_HOST'];
    else process.env['FIRESTORE_EMULATOR_HOST'] = saved;
  }
}
