/** The named texts (stdout, a manifest ...) that contain any of `secrets`: `[]` when none leaks. */
export function textsLeaking(secrets: readonly string[], texts: Readonly<Record<string, string>>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => secrets.some((secret) => text.includes(secret)))
    .map(([name]) => name);
}
