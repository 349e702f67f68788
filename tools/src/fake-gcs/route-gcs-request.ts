import type { FakeGcsRequestView } from './fake-gcs-types.js';

// The client addresses objects under `${apiEndpoint}/storage/v1`, but under a raw
// STORAGE_EMULATOR_HOST (no path) it uses that value as its base URL: accept both.
const OBJECT = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)$/;
const OBJECTS = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o\/?$/;
const UPLOAD = /^\/upload\/storage\/v1\/b\/([^/]+)\/o\/?$/;

/** Which JSON API call a request is, and the bucket and (decoded) object name it names. */
export function routeGcsRequest(method: string, rawUrl: string): FakeGcsRequestView {
  const url = new URL(rawUrl, 'http://fake-gcs');
  const path = url.pathname;
  const query = Object.fromEntries(url.searchParams);
  const base = { method, path, query };
  const upload = UPLOAD.exec(path);
  if (upload !== null && method === 'POST') {
    return { ...base, kind: 'upload', bucket: decode(upload[1] ?? ''), ...named(query['name']) };
  }
  const object = OBJECT.exec(path);
  if (object !== null) {
    const target = { bucket: decode(object[1] ?? ''), objectName: decode(object[2] ?? '') };
    if (method === 'GET') return { ...base, kind: query['alt'] === 'media' ? 'media' : 'metadata', ...target };
    if (method === 'DELETE') return { ...base, kind: 'delete', ...target };
  }
  const objects = OBJECTS.exec(path);
  if (objects !== null && method === 'GET') return { ...base, kind: 'list', bucket: decode(objects[1] ?? '') };
  return { ...base, kind: 'unsupported' };
}

function named(name: string | undefined): { objectName?: string } {
  return name === undefined ? {} : { objectName: name };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
