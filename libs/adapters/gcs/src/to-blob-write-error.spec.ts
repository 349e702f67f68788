import { describe, expect, it } from '@jest/globals';
import { ApiError } from '@google-cloud/storage';
import { BlobWriteError, isBlobWriteError } from './blob-write-error.js';
import { toBlobWriteError } from './to-blob-write-error.js';

const target = { bucket: 'charts', path: 'runs/r1/charts:1M:ctpl_x/a.png', operation: 'put' } as const;
const uri = 'gs://charts/runs/r1/charts:1M:ctpl_x/a.png';

// The body-overload is what the SDK uses for JSON API errors; `response` only rides along.
type ErrorBody = Omit<Extract<ConstructorParameters<typeof ApiError>[0], object>, 'response'>;
function apiErrorOf(body: ErrorBody): ApiError {
  return new ApiError({ ...body, response: undefined } as unknown as ConstructorParameters<typeof ApiError>[0]);
}

function apiError(code: number, message: string, reasons: string[] = []): ApiError {
  return apiErrorOf({ code, message, errors: reasons.map((reason) => ({ reason, message })) });
}

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('toBlobWriteError', () => {
  it.each([
    [412, 'already-exists'],
    [401, 'forbidden'],
    [403, 'forbidden'],
    [408, 'unavailable'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [400, 'unknown'],
    [404, 'unknown'],
  ] as const)('classifies HTTP %i as %s', (status, code) => {
    expect(toBlobWriteError(apiError(status, 'x'), target).code).toBe(code);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'])('classifies the network failure %s as unavailable', (code) => {
    expect(toBlobWriteError(socketError(code, `connect ${code} 127.0.0.1:1`), target).code).toBe('unavailable');
  });

  it('classifies a request timeout as unavailable', () => {
    const timeout = Object.assign(new Error('network timeout at: http://127.0.0.1:1/upload'), { type: 'request-timeout' });

    expect(toBlobWriteError(timeout, target).code).toBe('unavailable');
  });

  it('names the object and the cause in one line and keeps the cause', () => {
    const cause = apiError(403, 'sa@p.iam.gserviceaccount.com does not have storage.objects.create access', ['forbidden']);

    const error = toBlobWriteError(cause, target);

    expect(error).toBeInstanceOf(BlobWriteError);
    expect(error).toMatchObject({ name: 'BlobWriteError', code: 'forbidden', bucket: 'charts', objectPath: target.path, operation: 'put' });
    expect(error.message).toBe(`cannot write ${uri}: permission denied (HTTP 403: sa@p.iam.gserviceaccount.com does not have storage.objects.create access)`);
    expect(error.uri).toBe(uri);
    expect(error.cause).toBe(cause);
  });

  it('says an existing object is never overwritten', () => {
    expect(toBlobWriteError(apiError(412, 'At least one of the pre-conditions you specified did not hold.'), target).message).toBe(
      `cannot write ${uri}: the object already exists and is never overwritten (HTTP 412: At least one of the pre-conditions you specified did not hold.)`,
    );
  });

  it("takes the first inner message when the SDK folds several into 'Multiple errors occurred'", () => {
    const cause = apiErrorOf({ code: 503, message: 'Backend Error', errors: [{ reason: 'backendError', message: 'try again later' }] });

    const error = toBlobWriteError(cause, target);

    expect(cause.message).toContain('Multiple errors occurred');
    expect(error.message).toBe(`cannot write ${uri}: storage unavailable (HTTP 503: Backend Error)`);
  });

  it('names a socket failure by its code and says "cannot check" for exists', () => {
    const error = toBlobWriteError(socketError('ECONNREFUSED', 'request to http://127.0.0.1:1/x failed, reason: connect ECONNREFUSED'), {
      ...target,
      operation: 'exists',
    });

    expect(error.message).toBe(`cannot check ${uri}: storage unavailable (ECONNREFUSED: request to http://127.0.0.1:1/x failed, reason: connect ECONNREFUSED)`);
  });

  it('keeps long causes to one bounded line', () => {
    const error = toBlobWriteError(new Error(`${'x'.repeat(1000)}\nstack-like second line`), target);

    expect(error.code).toBe('unknown');
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(400);
  });

  it('passes a BlobWriteError through unchanged', () => {
    const original = toBlobWriteError(apiError(403, 'no'), target);

    expect(toBlobWriteError(original, { ...target, path: 'elsewhere' })).toBe(original);
  });
});

describe('isBlobWriteError', () => {
  it('recognises the error by class or by name', () => {
    const byName = Object.assign(new Error('m'), { name: 'BlobWriteError', code: 'unknown' });

    expect(isBlobWriteError(toBlobWriteError(apiError(500, 'x'), target))).toBe(true);
    expect(isBlobWriteError(byName)).toBe(true);
    expect(isBlobWriteError(new Error('m'))).toBe(false);
    expect(isBlobWriteError('BlobWriteError')).toBe(false);
  });
});
