import { describe, expect, it } from '@jest/globals';
import { resolveStorageEndpoint } from './storage-endpoint.js';

describe('resolveStorageEndpoint', () => {
  it('prefers the explicit apiEndpoint over STORAGE_EMULATOR_HOST', () => {
    expect(resolveStorageEndpoint('http://127.0.0.1:4443', { STORAGE_EMULATOR_HOST: 'http://10.0.0.1:9000' })).toBe('http://127.0.0.1:4443');
  });

  it('falls back to STORAGE_EMULATOR_HOST, then to Google (undefined)', () => {
    expect(resolveStorageEndpoint(undefined, { STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
    expect(resolveStorageEndpoint(undefined, {})).toBeUndefined();
    expect(resolveStorageEndpoint('  ', { STORAGE_EMULATOR_HOST: '' })).toBeUndefined();
  });

  it('reads a bare host:port as http and drops trailing slashes and /storage/v1', () => {
    expect(resolveStorageEndpoint(undefined, { STORAGE_EMULATOR_HOST: '127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
    expect(resolveStorageEndpoint('https://gcs.example.test/storage/v1/', {})).toBe('https://gcs.example.test');
    expect(resolveStorageEndpoint('http://127.0.0.1:9000/', {})).toBe('http://127.0.0.1:9000');
  });

  it('refuses a value that is not an http(s) URL, naming it', () => {
    expect(() => resolveStorageEndpoint('http://', {})).toThrow('storage endpoint "http://" is not a URL');
    expect(() => resolveStorageEndpoint('ftp://127.0.0.1:21', {})).toThrow('"ftp://127.0.0.1:21" must be http:// or https://');
  });
});
