// Catalogue of the provider's Advanced Chart v2 body, from Chart-IMG's documentation (docs/design.md#the-provider-catalogue).
export { CHART_IMG_STUDIES } from './chart-img-studies.js';
export type { ChartImgStudy } from './chart-img-studies.js';
export { CHART_IMG_DRAWINGS } from './chart-img-drawings.js';
export type { ChartImgDrawing } from './chart-img-drawings.js';
export { CHART_IMG_TIMEZONES } from './chart-img-timezones.js';
export type { ChartImgTimezone } from './chart-img-timezones.js';
export * from './chart-img-body-options.js';
export { CHART_IMG_OVERRIDE_BOOLEAN_KEYS, CHART_IMG_OVERRIDE_INTEGER_BOUNDS, CHART_IMG_OVERRIDE_KEYS } from './chart-img-override-keys.js';
export { CHART_IMG_MAX_HEIGHT, CHART_IMG_MAX_PARAMETERS, CHART_IMG_MAX_WIDTH, PLAN_LIMITS, planCanServe } from './plan-limits.js';
export type { PlanLimits } from './plan-limits.js';

// Templates and the request body (docs/design.md#templates).
export { validateChartTemplate } from './validate-chart-template.js';
export type { ChartTemplateValidation } from './validate-chart-template.js';
export { renderChartImgSymbol, SYMBOL_PLACEHOLDER } from './render-chart-img-symbol.js';
export { errorFixtureSuffix, fixtureKey } from './fixture-key.js';
export { buildChartCall, renderDemandOf } from './build-chart-call.js';

// Responses (docs/design.md#provider-answers).
export { isPng, readPngSize } from './png-facts.js';
export { parseProviderError } from './parse-provider-error.js';
export { classifyChartResponse } from './classify-chart-response.js';
export type { ChartVerdict, RetriableReason } from './chart-verdict.js';
export { isControlCharacter } from './is-control-character.js';

// Accounts (docs/design.md#accounts-and-quota).
export { parseAccountsConfig } from './parse-accounts-config.js';
export type { AccountsConfigResult } from './parse-accounts-config.js';
export { utcDayWindow } from './utc-day-window.js';
export { currentUsage, isExhausted, remainingQuota, stillCounted } from './account-state.js';
export type { AccountState } from './account-state.js';
export { chooseAccount } from './choose-account.js';
export { allocateUnits, sendCapacity } from './allocate-units.js';
export type { UnitGrant, UnitWanted } from './allocate-units.js';
export { scheduleSend, sendsAvailable } from './send-schedule.js';
export type { ScheduledSend } from './send-schedule.js';
export type { AccountChoice } from './choose-account.js';
