export { createSecretRedactor, REDACTED, type SecretRedactor, type SecretRedactorOptions } from './secret-redactor.js';
export { RedactingBlobStore } from './redacting-blob-store.js';
export { RedactingFlowRunStore } from './redacting-flow-run-store.js';
