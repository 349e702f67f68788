import { fail, ok, type ConfigResult } from './config-result.js';

/** The environment as commands read it (process.env, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A trimmed value, or undefined when unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The keys of `F` whose value is text: commander's camelCase names of `--kebab-case` options that take a value. */
export type TextFlagKey<F> = { [K in keyof F]-?: NonNullable<F[K]> extends string ? K : never }[keyof F] & string;

/** The first of `keys` whose flag is given but blank, as "`--flag` must not be empty"; checked in `keys` order. */
export function rejectBlankFlags<F>(flags: F, keys: readonly TextFlagKey<F>[]): ConfigResult<F> {
  const blank = keys.find((key) => {
    const value = flags[key] as string | undefined;
    return value !== undefined && value.trim() === '';
  });
  return blank === undefined ? ok(flags) : fail(`${flagName(blank)} must not be empty`);
}

/** `--kebab-case` of a commander option key (`accountsConfigPath` is `--accounts-config-path`). */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** `value` when it is one of `choices`, else a message naming the flag and the choices; `fallback` when absent. */
export function pickChoice<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string } {
  if (value === undefined) return { ok: true, value: fallback };
  if ((choices as readonly string[]).includes(value)) return { ok: true, value: value as T };
  return { ok: false, message: `${flag} ${JSON.stringify(value)} is not one of ${choices.join(', ')}` };
}

/** A whole number from a flag within [min, max], or a message naming the flag. */
export function parseIntFlag(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string } {
  if (value === undefined) return { ok: true, value: fallback };
  const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    return { ok: false, message: `${flag} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}` };
  }
  return { ok: true, value: number };
}
