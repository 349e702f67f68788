/** Set by the jest global setup when no emulator can run, so emulator specs skip and say why. */
export const EMULATOR_SKIP_REASON_ENV = 'FIRESTORE_EMULATOR_SKIP_REASON';

/** With `1`, a missing emulator fails the run instead of skipping (for CI). */
export const EMULATOR_REQUIRED_ENV = 'FIRESTORE_EMULATOR_REQUIRED';

/** The standard client variable: `host:port` of a running emulator. */
export const EMULATOR_HOST_ENV = 'FIRESTORE_EMULATOR_HOST';
