/** The two-character JSON escapes (`\"`, `\\`, `\/`, `\n` ...) of the characters that have one. */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * One regular expression (global) that finds any of `secrets` in the forms a provider may echo it:
 * plain, JSON-escaped (any character as `\uXXXX` with upper or lower case hex digits, or as its short
 * escape such as `\/`), percent-encoded (UTF-8 bytes as `%XX`, either case; a space also as `+`),
 * and any mix of those within one occurrence. Longer secrets are tried first, so a secret that
 * contains another is matched whole. Undefined when no secret is non-empty.
 */
export function secretPattern(secrets: readonly string[]): RegExp | undefined {
  const distinct = [...new Set(secrets.filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
  if (distinct.length === 0) return undefined;
  return new RegExp(distinct.map(secretSource).join('|'), 'g');
}

function secretSource(secret: string): string {
  return Array.from(secret, characterSource).join('');
}

/** Every form of one character (a code point), as a non-capturing alternation. */
function characterSource(character: string): string {
  const forms = [escapeRegExp(character), jsonUnicodeEscape(character), percentEncoded(character)];
  const short = JSON_SHORT_ESCAPES[character];
  if (short !== undefined) forms.push(escapeRegExp(short));
  if (character === ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

/** `\uXXXX` per UTF-16 code unit (a surrogate pair is two escapes), hex digits in either case. */
function jsonUnicodeEscape(character: string): string {
  let source = '';
  for (let index = 0; index < character.length; index += 1) {
    source += `\\\\u${anyCaseHex(character.charCodeAt(index), 4)}`;
  }
  return source;
}

/** `%XX` per UTF-8 byte, hex digits in either case. */
function percentEncoded(character: string): string {
  return Array.from(new TextEncoder().encode(character), (byte) => `%${anyCaseHex(byte, 2)}`).join('');
}

function anyCaseHex(value: number, width: number): string {
  return Array.from(value.toString(16).padStart(width, '0'), (digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
