/** Where a command writes PNGs and manifests: files under `--storage-dir`, or Cloud Storage (or its emulator). */
export const STORAGE_KINDS = ['local', 'gcs'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** The env variable that points the Cloud Storage client at an emulator (the client library's own name). */
export const STORAGE_EMULATOR_HOST_ENV = 'STORAGE_EMULATOR_HOST';
