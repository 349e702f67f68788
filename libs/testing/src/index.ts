export { REPO_ROOT } from './repo-root.js';
export { jsonSummaryOf, lastJsonLine, spawnCli, spawnShell } from './spawn-cli.js';
export type { CliRun } from './spawn-cli.js';
export { startLineProcess } from './line-process.js';
export { startToolServer } from './tool-server.js';
export type { ToolServer } from './tool-server.js';
export { startFakeBackends } from './fake-backends.js';
export type { FakeBackends, FakeBackendUrls } from './fake-backends.js';
export type { LineProcess } from './line-process.js';
export { tempDir, TempDirs } from './temp-dir.js';
export { textsLeakingKeyForms } from './key-forms.js';
export {
  binaryModeRequest,
  documentEventBytes,
  documentNameOf,
  EVENT_PROJECT_ID,
  flowRunUpdatedEvent,
  structuredModeRequest,
} from './firestore-event.js';
export type { DocumentEventInput, EventAttributes, EventDelivery } from './firestore-event.js';
export { googleDocumentEventDataType } from './google-document-event-data.js';
export { buildWorkerBundle, startWorker } from './worker-process.js';
export type { WorkerProcess, WorkerReply } from './worker-process.js';
