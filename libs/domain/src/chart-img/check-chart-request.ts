import {
  CHART_IMG_MIN_HEIGHT,
  CHART_IMG_MIN_WIDTH,
  CHART_IMG_SCALES,
  CHART_IMG_SESSIONS,
  CHART_IMG_SHIFT_BOUNDS,
  CHART_IMG_STYLES,
  CHART_IMG_THEMES,
} from './chart-img-body-options.js';
import { CHART_IMG_TIMEZONES } from './chart-img-timezones.js';
import { checkDrawings, checkStudies } from './check-chart-items.js';
import { checkOverride, checkRange } from './check-chart-look.js';
import { CHART_IMG_MAX_HEIGHT, CHART_IMG_MAX_PARAMETERS, CHART_IMG_MAX_WIDTH } from './plan-limits.js';
import { badField, badValue, checkInteger, checkOneOf, ownValue, type TemplateIssue } from './template-issue.js';

type FieldCheck = (path: string, value: unknown) => TemplateIssue | undefined;

/** Every Advanced Chart body field a template may set, and how its value is checked. */
const REQUEST_FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  width: (path, value) => checkInteger(path, value, CHART_IMG_MIN_WIDTH, CHART_IMG_MAX_WIDTH),
  height: (path, value) => checkInteger(path, value, CHART_IMG_MIN_HEIGHT, CHART_IMG_MAX_HEIGHT),
  style: (path, value) => checkOneOf(path, value, CHART_IMG_STYLES),
  theme: (path, value) => checkOneOf(path, value, CHART_IMG_THEMES),
  scale: (path, value) => checkOneOf(path, value, CHART_IMG_SCALES),
  session: (path, value) => checkOneOf(path, value, CHART_IMG_SESSIONS),
  timezone: (path, value) => checkOneOf(path, value, CHART_IMG_TIMEZONES, 'a Chart-IMG timezone'),
  format: (path, value) => (value === 'png' ? undefined : badValue(path, value, 'must be "png" or absent')),
  range: checkRange,
  override: checkOverride,
  studies: checkStudies,
  drawings: checkDrawings,
  shiftLeft: (path, value) => checkInteger(path, value, CHART_IMG_SHIFT_BOUNDS.min, CHART_IMG_SHIFT_BOUNDS.max),
  shiftRight: (path, value) => checkInteger(path, value, CHART_IMG_SHIFT_BOUNDS.min, CHART_IMG_SHIFT_BOUNDS.max),
};

/** Fields the provider knows that a template may still not set, with the reason. */
const FORBIDDEN_FIELDS: Readonly<Record<string, string>> = {
  symbol: 'is injected by the worker from chartImgSymbolTemplate; a template may not set it',
  interval: 'is injected by the worker from the step timeframe; a template may not set it',
  // Plan routing does not look at watermarks, so such a template would fail on most accounts.
  watermark: 'is not supported: a custom watermark needs an ULTRA or ENTERPRISE plan',
  watermarkSize: 'is not supported: a custom watermark needs an ULTRA or ENTERPRISE plan',
  watermarkOpacity: 'is not supported: a custom watermark needs an ULTRA or ENTERPRISE plan',
};

/** The first problem of a template's `request` body (docs/design.md#templates), or undefined when it is usable. */
export function checkChartRequest(request: Record<string, unknown>): TemplateIssue | undefined {
  for (const [field, value] of Object.entries(request)) {
    const path = `request.${field}`;
    const forbidden = ownValue(FORBIDDEN_FIELDS, field);
    if (forbidden !== undefined) return badField(path, forbidden);
    const check = ownValue(REQUEST_FIELD_CHECKS, field);
    if (check === undefined) return badField(path, 'is not an Advanced Chart field a template may set');
    const issue = check(path, value);
    if (issue !== undefined) return issue;
  }
  const parameters = countOf(request['studies']) + countOf(request['drawings']);
  if (parameters > CHART_IMG_MAX_PARAMETERS) {
    return badValue('request.studies+drawings', parameters, `exceeds ${CHART_IMG_MAX_PARAMETERS}, the most any plan serves`);
  }
  return undefined;
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
