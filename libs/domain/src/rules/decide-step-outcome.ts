import { domainError, type DomainError, type ErrorCode } from '../errors/error-codes.js';

export type StepOutcome = { status: 'SUCCEEDED' } | { status: 'FAILED'; error: DomainError };

/**
 * docs/design.md#step-outcomes: SUCCEEDED iff `items >= minImages`. Otherwise FAILED with the most common failure code (ties go to the
 * code seen first in request order), a message such as "1 of 3 charts rendered, minImages=2", and details
 * counting the codes. `failures` must be in request order.
 */
export function decideStepOutcome(p: { minImages: number; requested: number; items: number; failures: DomainError[] }): StepOutcome {
  if (p.items >= p.minImages) return { status: 'SUCCEEDED' };
  const codes: Partial<Record<ErrorCode, number>> = {};
  for (const failure of p.failures) codes[failure.code] = (codes[failure.code] ?? 0) + 1;
  let code: ErrorCode | undefined;
  // Keys keep first-occurrence order, so "strictly greater" leaves a tie to the code seen first in request order.
  for (const [candidate, count] of Object.entries(codes) as [ErrorCode, number][]) {
    if (code === undefined || count > (codes[code] ?? 0)) code = candidate;
  }
  return {
    status: 'FAILED',
    error: domainError(
      // Without failures, falling short means minImages exceeds what could be rendered: an input problem
      // validation should already have caught.
      code ?? 'VALIDATION_FAILED',
      `${p.items} of ${p.requested} charts rendered, minImages=${p.minImages}`,
      { itemsCount: p.items, failuresCount: p.failures.length, minImages: p.minImages, codes },
    ),
  };
}
