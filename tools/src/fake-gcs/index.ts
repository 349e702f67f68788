export { startFakeGcs } from './fake-gcs.js';
export type { FakeGcs, FakeGcsFault, FakeGcsObject, FakeGcsOptions, FakeGcsRequest, FakeGcsRequestKind, FakeGcsRequestView } from './fake-gcs-types.js';
