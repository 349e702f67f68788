/** The most of a step's budget kept for closing it: PNG uploads still in flight, the manifest, the finalize. */
const CLOSING_BUDGET_MAX_MS = 30_000;

/** Instants (epoch ms) by which each phase after the claim must be done. */
export interface StepDeadline {
  /** No Chart-IMG attempt starts after it. */
  readonly renderBy: number;
  readonly uploadsBy: number;
  readonly manifestBy: number;
  /** The step's deadline itself. */
  readonly finalizeBy: number;
}

/**
 * Splits the step's budget: rendering gets all but the closing part (a quarter of the budget, at most 30 s),
 * which is shared by the uploads still running, the manifest and the finalize, so a slow provider can never leave
 * the step without the time to write its outcome.
 */
export function stepDeadline(startedAt: number, stepDeadlineMs: number): StepDeadline {
  const closing = Math.min(CLOSING_BUDGET_MAX_MS, Math.floor(stepDeadlineMs / 4));
  const finalizeBy = startedAt + stepDeadlineMs;
  const renderBy = finalizeBy - closing;
  return {
    renderBy,
    uploadsBy: renderBy + Math.floor(closing / 3),
    // Whatever the uploads leave, up to the last quarter of the closing part, which is the finalize's.
    manifestBy: finalizeBy - Math.floor(closing / 4),
    finalizeBy,
  };
}
