/** A resolved value, or a one-line message naming the flag or variable and the value that is wrong. */
export type ConfigResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): ConfigResult<T> => ({ ok: true, value });
export const fail = <T>(message: string): ConfigResult<T> => ({ ok: false, message });
