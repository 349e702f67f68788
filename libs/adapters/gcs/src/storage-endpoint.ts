/** The env variable the Google client libraries read for a storage emulator. */
export const STORAGE_EMULATOR_HOST_ENV = 'STORAGE_EMULATOR_HOST';

/**
 * The endpoint origin the client should use: the explicit `apiEndpoint` option wins, then env
 * `STORAGE_EMULATOR_HOST`, else `undefined` (Google's own endpoint). A value without a scheme
 * (`127.0.0.1:4443`, the usual emulator form) means `http://`; trailing slashes and a trailing
 * `/storage/v1` are dropped, because the client appends the API paths itself.
 */
export function resolveStorageEndpoint(apiEndpoint: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = nonBlank(apiEndpoint) ?? nonBlank(env[STORAGE_EMULATOR_HOST_ENV]);
  if (chosen === undefined) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen) ? chosen : `http://${chosen}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`storage endpoint ${JSON.stringify(chosen)} is not a URL (expected e.g. http://127.0.0.1:4443)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`storage endpoint ${JSON.stringify(chosen)} must be http:// or https://`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/storage\/v1$/, '')}`;
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
