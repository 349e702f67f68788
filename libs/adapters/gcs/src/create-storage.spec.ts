import { describe, expect, it } from '@jest/globals';
import { IdempotencyStrategy } from '@google-cloud/storage';
import { createStorage, DEFAULT_MAX_RETRIES } from './create-storage.js';

describe('createStorage', () => {
  it('retries a few times with RetryAlways, which every call of the blob store tolerates', () => {
    const storage = createStorage({ projectId: 'p', apiEndpoint: 'http://127.0.0.1:4443' }, {});

    expect(storage.retryOptions).toMatchObject({
      autoRetry: true,
      maxRetries: DEFAULT_MAX_RETRIES,
      idempotencyStrategy: IdempotencyStrategy.RetryAlways,
    });
  });

  it('turns retries off for maxRetries 0 (which the SDK alone would read as its default 3)', () => {
    const storage = createStorage({ apiEndpoint: 'http://127.0.0.1:4443', maxRetries: 0 }, {});

    expect(storage.retryOptions.autoRetry).toBe(false);
  });

  it('refuses a maxRetries that is not a whole number >= 0', () => {
    expect(() => createStorage({ maxRetries: -1 }, {})).toThrow('GCS maxRetries -1 must be a whole number >= 0');
    expect(() => createStorage({ maxRetries: 1.5 }, {})).toThrow('GCS maxRetries 1.5');
  });

  it('addresses uploads and the other calls at the same chosen endpoint', () => {
    const storage = createStorage({ apiEndpoint: '127.0.0.1:4443' }, {});

    expect(storage.apiEndpoint).toBe('http://127.0.0.1:4443');
    expect(storage.baseUrl).toBe('http://127.0.0.1:4443/storage/v1');
  });

  it('takes STORAGE_EMULATOR_HOST from the given env when no apiEndpoint is set', () => {
    const storage = createStorage({}, { STORAGE_EMULATOR_HOST: '127.0.0.1:9199' });

    expect(storage.baseUrl).toBe('http://127.0.0.1:9199/storage/v1');
  });

  it("leaves Google's endpoint alone without an override", () => {
    const saved = process.env['STORAGE_EMULATOR_HOST'];
    delete process.env['STORAGE_EMULATOR_HOST'];
    try {
      const storage = createStorage({ projectId: 'p' }, {});

      expect(storage.apiEndpoint).toBe('https://storage.googleapis.com');
      expect(storage.baseUrl).toBe('https://storage.googleapis.com/storage/v1');
    } finally {
      if (saved !== undefined) process.env['STORAGE_EMULATOR_HOST'] = saved;
    }
  });
});
