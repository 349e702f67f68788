export { BlobWriteError, isBlobWriteError } from './blob-write-error.js';
export type { BlobWriteErrorCode } from './blob-write-error.js';
export {
  createStorage,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_SECONDS,
} from './create-storage.js';
export type { GcsStorageOptions } from './create-storage.js';
export { GcsBlobStore } from './gcs-blob-store.js';
export { GcsOhlcvSource } from './gcs-ohlcv-source.js';
export { gcsModule } from './gcs-module.js';
export type { GcsModuleOptions } from './gcs-module.js';
export { resolveStorageEndpoint, STORAGE_EMULATOR_HOST_ENV } from './storage-endpoint.js';
export { toBlobWriteError } from './to-blob-write-error.js';
export type { BlobTarget } from './to-blob-write-error.js';
