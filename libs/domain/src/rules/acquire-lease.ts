import type { LeaseAcquisition, StepLease } from '../ports/step-lease-store.js';

/**
 * The lease rule every StepLeaseStore applies atomically: no lease or an expired one is taken as the
 * next attempt (keeping the renders already stored); the owner's own live lease is extended; another
 * owner's live lease is `held`.
 */
export function acquireLease(
  previous: StepLease | undefined,
  p: { runId: string; stepId: string; owner: string; now: Date; ttlMs: number },
): LeaseAcquisition {
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
      expiresAt,
      storedRenders: previous?.storedRenders ?? [],
    },
  };
}
