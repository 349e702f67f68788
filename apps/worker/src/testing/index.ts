export { fakeWorkerDeps } from './fake-worker-deps.js';
