export { clearEmulatorProject, describeWithFirestoreEmulator, useEmulatorFirestore } from './firestore-emulator-suite.js';
export type { EmulatorFirestore } from './firestore-emulator-suite.js';
export { EMULATOR_HOST_ENV, EMULATOR_REQUIRED_ENV, EMULATOR_SKIP_REASON_ENV } from './firestore-emulator-env.js';
export { locateFirestoreEmulator } from './locate-firestore-emulator.js';
export type { EmulatorLocation } from './locate-firestore-emulator.js';
export { startFirestoreEmulator, stopProcessGroup } from './start-firestore-emulator.js';
export type { FirestoreEmulator, StartFirestoreEmulatorOptions } from './start-firestore-emulator.js';
