/** A value taken from a flag, else an environment variable, else a default; names its source for messages. */
export interface PickedSetting {
  readonly value: string;
  readonly source: string;
}

/** flag > env > default; an empty env variable counts as unset. */
export function pickSetting(
  flag: { readonly name: string; readonly value: string | undefined },
  envVar: { readonly name: string; readonly value: string | undefined },
  fallback: string,
): PickedSetting {
  if (flag.value !== undefined) return { value: flag.value, source: flag.name };
  if (envVar.value !== undefined && envVar.value !== '') return { value: envVar.value, source: envVar.name };
  return { value: fallback, source: 'default' };
}
