import { inspect } from 'node:util';
import { createSecretRedactor, type ChartImgAccount, type SecretRedactor } from '@worker-chart-export/domain';

/** No account with that id is configured. */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
  constructor(readonly accountId: string) {
    super(`Chart-IMG account ${JSON.stringify(accountId)} is not configured`);
  }
}

/**
 * The accounts' API keys, looked up by account id when a call is made. The keys live in a
 * private field: `toString`, `toJSON` and `util.inspect` show only the ids, and `scrub` removes
 * every key, in any form a provider may echo it (JSON-escaped, percent-encoded), from a text before
 * it leaves the adapter.
 */
export class AccountKeyring {
  readonly #keys: ReadonlyMap<string, string>;
  readonly #redactor: SecretRedactor;

  constructor(accounts: readonly Pick<ChartImgAccount, 'id' | 'apiKey'>[]) {
    this.#keys = new Map(accounts.map((account) => [account.id, account.apiKey]));
    this.#redactor = createSecretRedactor([...this.#keys.values()], { replacement: '[redacted]' });
  }

  get accountIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  keyFor(accountId: string): string {
    const key = this.#keys.get(accountId);
    if (key === undefined) throw new UnknownAccountError(accountId);
    return key;
  }

  /**
   * `text` with every configured key, plain, JSON-escaped or percent-encoded, replaced by `[redacted]`; a JSON
   * text (a provider's error body) is also redacted in its decoded strings, so no decoding brings a key back.
   */
  scrub(text: string): string {
    return this.#redactor.redactJson(text);
  }

  toString(): string {
    return `AccountKeyring(${this.accountIds.join(', ')})`;
  }

  toJSON(): { accountIds: readonly string[] } {
    return { accountIds: this.accountIds };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
