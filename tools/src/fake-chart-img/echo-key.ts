/**
 * The forms in which a provider may echo the key it was sent, as they appear inside a JSON string:
 * - `plain`: the key as it is (JSON-escaped only where JSON requires it);
 * - `json-unicode-lower` / `json-unicode-upper`: every character as `\uXXXX`, lower or upper case hex;
 * - `json-solidus`: as a serializer that escapes slashes writes it (`/` as `\/`);
 * - `percent-lower` / `percent-upper`: every UTF-8 byte as `%XX`, lower or upper case hex;
 * - `form`: form-encoded (`application/x-www-form-urlencoded`: a space as `+`);
 * - `mixed`: character by character, the forms above in turn (`/` as `\/`, a space as `+`, `+` as `%2B`);
 * - `json-escaped-percent`: two layers, percent-encoded and then every `%` JSON-escaped (`\u0025`), so
 *   decoding the JSON string yields the percent-encoded key, not the plain one.
 */
export const KEY_ECHO_FORMS = [
  'plain',
  'json-unicode-lower',
  'json-unicode-upper',
  'json-solidus',
  'percent-lower',
  'percent-upper',
  'form',
  'mixed',
  'json-escaped-percent',
] as const;

export type KeyEchoForm = (typeof KEY_ECHO_FORMS)[number];

export function isKeyEchoForm(value: string): value is KeyEchoForm {
  return (KEY_ECHO_FORMS as readonly string[]).includes(value);
}

/** `key` encoded in `form`, ready to be put between the quotes of a JSON string. */
export function echoKey(key: string, form: KeyEchoForm): string {
  switch (form) {
    case 'plain':
      return jsonContent(key);
    case 'json-unicode-lower':
      return eachCharacter(key, (char) => unicodeEscape(char, 'lower'));
    case 'json-unicode-upper':
      return eachCharacter(key, (char) => unicodeEscape(char, 'upper'));
    case 'json-solidus':
      return jsonContent(key).replaceAll('/', '\\/');
    case 'percent-lower':
      return eachCharacter(key, (char) => percent(char, 'lower'));
    case 'percent-upper':
      return eachCharacter(key, (char) => percent(char, 'upper'));
    case 'form':
      return jsonContent(new URLSearchParams({ k: key }).toString().slice('k='.length));
    case 'json-escaped-percent':
      return eachCharacter(key, (char) => percent(char, 'upper')).replaceAll('%', '\\u0025');
    case 'mixed':
      return eachCharacter(key, (char, index) => {
        if (char === '/') return '\\/';
        if (char === ' ') return '+';
        if (char === '+') return '%2B';
        const forms = [jsonContent(char), unicodeEscape(char, 'lower'), percent(char, 'upper'), unicodeEscape(char, 'upper'), percent(char, 'lower')];
        return forms[index % forms.length] as string;
      });
  }
}

function eachCharacter(text: string, encode: (char: string, index: number) => string): string {
  return Array.from(text, encode).join('');
}

function jsonContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function unicodeEscape(char: string, hexCase: 'lower' | 'upper'): string {
  let escaped = '';
  for (let index = 0; index < char.length; index += 1) escaped += `\\u${hex(char.charCodeAt(index), 4, hexCase)}`;
  return escaped;
}

function percent(char: string, hexCase: 'lower' | 'upper'): string {
  return Array.from(new TextEncoder().encode(char), (byte) => `%${hex(byte, 2, hexCase)}`).join('');
}

function hex(value: number, width: number, hexCase: 'lower' | 'upper'): string {
  const digits = value.toString(16).padStart(width, '0');
  return hexCase === 'upper' ? digits.toUpperCase() : digits;
}
