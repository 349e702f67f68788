import type { ChartImgPlan } from '../contracts/accounts-config.schema.js';
import type { PlanRefusal, RenderDemand } from '../ports/account-pool.js';

/** What one Chart-IMG plan allows. */
export interface PlanLimits {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly dailyMax: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  /** studies[] + drawings[] */
  readonly maxParameters: number;
}

/**
 * Limits by plan, as Chart-IMG documents them ("Limits by plan").
 * ENTERPRISE is documented as "35+ / 50+ / 5,000+": the floor is used.
 */
export const PLAN_LIMITS: Readonly<Record<ChartImgPlan, PlanLimits>> = {
  BASIC: { ratePerSecond: 1, burst: 3, dailyMax: 50, maxWidth: 800, maxHeight: 600, maxParameters: 3 },
  PRO: { ratePerSecond: 10, burst: 15, dailyMax: 500, maxWidth: 1920, maxHeight: 1080, maxParameters: 5 },
  MEGA: { ratePerSecond: 15, burst: 25, dailyMax: 1000, maxWidth: 1920, maxHeight: 1600, maxParameters: 10 },
  ULTRA: { ratePerSecond: 35, burst: 50, dailyMax: 3000, maxWidth: 2048, maxHeight: 1920, maxParameters: 25 },
  ENTERPRISE: { ratePerSecond: 35, burst: 50, dailyMax: 5000, maxWidth: 2048, maxHeight: 1920, maxParameters: 50 },
};

/** The largest render any plan serves: templates beyond it can never succeed. */
export const CHART_IMG_MAX_WIDTH = 2048;
export const CHART_IMG_MAX_HEIGHT = 1920;
export const CHART_IMG_MAX_PARAMETERS = 50;

/**
 * true when an account on `plan` may be sent a render of this size and studies+drawings count, and the
 * provider has not already refused it on a plan at least as large in the limit it named.
 */
export function planCanServe(plan: ChartImgPlan, demand: RenderDemand): boolean {
  const limits = PLAN_LIMITS[plan];
  return (
    demand.width <= limits.maxWidth &&
    demand.height <= limits.maxHeight &&
    demand.parameterCount <= limits.maxParameters &&
    !(demand.refusedPlans ?? []).some((refusal) => planIsNoLarger(plan, refusal))
  );
}

/**
 * true when `plan` allows no more than the refused plan in the limit the provider named (in every limit
 * when it named none): the provider would refuse it too.
 */
function planIsNoLarger(plan: ChartImgPlan, refusal: PlanRefusal): boolean {
  const mine = PLAN_LIMITS[plan];
  const refused = PLAN_LIMITS[refusal.plan];
  const resolution = mine.maxWidth <= refused.maxWidth && mine.maxHeight <= refused.maxHeight;
  const parameters = mine.maxParameters <= refused.maxParameters;
  if (refusal.limit === 'resolution') return resolution;
  if (refusal.limit === 'parameters') return parameters;
  return resolution && parameters;
}
