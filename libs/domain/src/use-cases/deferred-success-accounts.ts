import type { AccountPool, AccountReservation } from '../ports/account-pool.js';

/** An AccountPool whose success records wait for {@link DeferredSuccessAccounts.flush}. */
export interface DeferredSuccessAccounts {
  readonly pool: AccountPool;
  /** Writes the held success records; resolves when they are written (rejects with the first failure). */
  flush(): Promise<void>;
}

/**
 * Wraps `inner` for one request so that recording a success is held until its PNG is stored: between the
 * provider's answer and the stored bytes nothing else waits, so a worker killed there loses as little as can
 * be. Every other method goes straight to `inner` (a Proxy, so methods the port gains pass through too).
 */
export function deferSuccessRecords(inner: AccountPool): DeferredSuccessAccounts {
  let held: AccountReservation[] = [];
  const pool = new Proxy(inner, {
    get(target, property) {
      if (property === 'record') {
        return async (...args: Parameters<AccountPool['record']>) => {
          const [reservation, outcome] = args;
          if (outcome.type === 'succeeded') held.push(reservation);
          else await target.record(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    pool,
    flush: async () => {
      const records = held;
      held = [];
      await Promise.all(records.map((reservation) => inner.record(reservation, { type: 'succeeded' })));
    },
  };
}
