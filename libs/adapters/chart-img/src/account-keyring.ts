import { inspect } from 'node:util';
import type { ChartImgAccount } from '@worker-chart-export/domain';

/** No account with that id is configured. */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
  constructor(readonly accountId: string) {
    super(`Chart-IMG account ${JSON.stringify(accountId)} is not configured`);
  }
}

const REDACTED = '[redacted]';

/**
 * The accounts' API keys, looked up by account id when a call is made. The keys live in a
 * private field: `toString`, `toJSON` and `util.inspect` show only the ids, and `scrub` removes
 * every key from a text before it leaves the adapter.
 */
export class AccountKeyring {
  readonly #keys: ReadonlyMap<string, string>;

  constructor(accounts: readonly Pick<ChartImgAccount, 'id' | 'apiKey'>[]) {
    this.#keys = new Map(accounts.map((account) => [account.id, account.apiKey]));
  }

  get accountIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  keyFor(accountId: string): string {
    const key = this.#keys.get(accountId);
    if (key === undefined) throw new UnknownAccountError(accountId);
    return key;
  }

  /** `text` with every configured key replaced by `[redacted]`. */
  scrub(text: string): string {
    let result = text;
    for (const key of this.#keys.values()) {
      if (key !== '') result = result.split(key).join(REDACTED);
    }
    return result;
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
