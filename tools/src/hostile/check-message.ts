/** Longest message a hostile input may produce: a bounded error, however big the input. */
export const MAX_MESSAGE_LENGTH = 2000;

const STACK_LINE = /^\s+at /m;

/**
 * The problems of a user-facing message: a stack trace, an unbounded length, an unrendered object,
 * or a missing mention of the field (each `mentions` entry must appear).
 */
export function checkMessage(message: string, mentions: readonly string[]): string[] {
  const problems: string[] = [];
  if (message.trim() === '') problems.push('the message is empty');
  if (STACK_LINE.test(message)) problems.push('the message carries a stack trace');
  if (message.length > MAX_MESSAGE_LENGTH) problems.push(`the message is ${message.length} characters long (at most ${MAX_MESSAGE_LENGTH})`);
  if (message.includes('[object Object]')) problems.push('the message shows [object Object]');
  for (const mention of mentions) {
    if (!message.includes(mention)) problems.push(`the message does not mention ${JSON.stringify(mention)}`);
  }
  return problems;
}

/** A key counts as leaked when any run of this many of its characters shows (a truncated key is still a key). */
export const LEAK_WINDOW = 16;

/** Which of `secrets` (by position, `secret #1` ...) leak into `text`, whole or in part. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((secret, i) => (leaks(text, secret) ? [`secret #${i + 1}`] : []));
}

function leaks(text: string, secret: string): boolean {
  if (secret.length <= LEAK_WINDOW) return secret !== '' && text.includes(secret);
  for (let start = 0; start + LEAK_WINDOW <= secret.length; start += 1) {
    if (text.includes(secret.slice(start, start + LEAK_WINDOW))) return true;
  }
  return false;
}
