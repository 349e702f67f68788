import type { LeaseAcquisition, StepLease, StoredRender } from '../ports/step-lease-store.js';

/**
 * The lease rule every StepLeaseStore applies atomically, `now` being the store's own clock: no lease or an
 * expired one is taken as the next attempt (keeping the renders and call counts of earlier attempts); the
 * owner's own live lease is extended; another owner's live lease is `held`.
 */
export function acquireLease(previous: StepLease | undefined, p: { runId: string; stepId: string; owner: string; now: Date; ttlMs: number }): LeaseAcquisition {
  const expiresAt = new Date(p.now.getTime() + p.ttlMs);
  const live = previous !== undefined && previous.expiresAt.getTime() > p.now.getTime();
  if (live && previous.owner !== p.owner) return { type: 'held', lease: previous };
  if (live) return { type: 'acquired', lease: { ...previous, expiresAt } };
  return {
    type: 'acquired',
    lease: {
      runId: p.runId,
      stepId: p.stepId,
      owner: p.owner,
      attempt: (previous?.attempt ?? 0) + 1,
      claimedAt: p.now,
      firstClaimedAt: previous === undefined ? p.now : (previous.firstClaimedAt ?? previous.claimedAt),
      expiresAt,
      storedRenders: previous?.storedRenders ?? [],
      usageByAttempt: previous?.usageByAttempt ?? {},
    },
  };
}

/** `stored` plus `added`, one render per template, the latest winning: how every store merges noted PNGs. */
export function withRenders(stored: readonly StoredRender[], added: readonly StoredRender[]): StoredRender[] {
  let result = [...stored];
  for (const render of added) result = [...result.filter((r) => r.chartTemplateId !== render.chartTemplateId), { ...render }];
  return result;
}
