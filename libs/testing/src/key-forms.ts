/**
 * The named texts in which `key`, or any 8-character piece of it, can be read back by decoding the
 * text the way a reader might: as it is, JSON-unescaped (`\uXXXX` in any hex case, `\/` ...),
 * percent-decoded (`%XX`, `+` as a space), or both in either order. `[]` when none leaks. Written
 * independently of the code under test, so a form that code forgets is still caught here.
 */
export function textsLeakingKeyForms(key: string, texts: Readonly<Record<string, string>>): string[] {
  const pieces = new Set<string>();
  for (let start = 0; start + 8 <= key.length; start += 1) pieces.add(key.slice(start, start + 8));
  if (key.length < 8) pieces.add(key);
  return Object.entries(texts)
    .filter(([, text]) => readings(text).some((reading) => [...pieces].some((piece) => reading.includes(piece))))
    .map(([name]) => name);
}

function readings(text: string): string[] {
  const json = jsonUnescaped(text);
  const percent = percentDecoded(text);
  return [text, json, percent, percentDecoded(json), jsonUnescaped(percent)];
}

function jsonUnescaped(text: string): string {
  const short: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g, (_match, hex: string | undefined, char: string | undefined) =>
    hex === undefined ? (short[char ?? ''] ?? '') : String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function percentDecoded(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
