import { CHART_IMG_RANGE_PRESETS, CHART_IMG_STYLES } from './chart-img-body-options.js';
import { CHART_IMG_OVERRIDE_BOOLEAN_KEYS, CHART_IMG_OVERRIDE_INTEGER_BOUNDS, CHART_IMG_OVERRIDE_KEYS } from './chart-img-override-keys.js';
import { badValue, checkBoolean, checkInteger, checkKnownKeys, checkOneOf, firstIssue, isPlainObject, ownValue, type TemplateIssue } from './template-issue.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** `range`: a preset such as `3M`, or `{from, to}` ISO 8601 instants with `from` before `to`. */
export function checkRange(path: string, value: unknown): TemplateIssue | undefined {
  if (typeof value === 'string') {
    return checkOneOf(path, value, CHART_IMG_RANGE_PRESETS, `a range preset (${CHART_IMG_RANGE_PRESETS.join(', ')})`);
  }
  if (!isPlainObject(value)) return badValue(path, value, 'must be a range preset or {from, to}');
  return firstIssue(
    () => checkKnownKeys(path, value, ['from', 'to'], 'a range field'),
    () => checkInstant(`${path}.from`, value['from']),
    () => checkInstant(`${path}.to`, value['to']),
    () =>
      Date.parse(value['from'] as string) < Date.parse(value['to'] as string) ? undefined : badValue(`${path}.to`, value['to'], `must be after ${path}.from`),
  );
}

type SettingCheck = (path: string, value: unknown) => TemplateIssue | undefined;

/** How each documented `override` setting is checked. */
const OVERRIDE_SETTING_CHECKS: Readonly<Record<string, SettingCheck>> = {
  style: (path, value) => checkOneOf(path, value, CHART_IMG_STYLES),
  priceRange: (path, value) => checkPriceRange(path, value),
  ...Object.fromEntries(
    Object.entries(CHART_IMG_OVERRIDE_INTEGER_BOUNDS).map(([key, { min, max }]): [string, SettingCheck] => [
      key,
      (path, value) => checkInteger(path, value, min, max),
    ]),
  ),
  ...Object.fromEntries(CHART_IMG_OVERRIDE_BOOLEAN_KEYS.map((key): [string, SettingCheck] => [key, checkBoolean])),
};

/** `override`: the chart settings the provider documents, with their types and bounds. */
export function checkOverride(path: string, value: unknown): TemplateIssue | undefined {
  if (!isPlainObject(value)) return badValue(path, value, 'must be an object');
  const unknownKey = checkKnownKeys(path, value, CHART_IMG_OVERRIDE_KEYS, 'a Chart-IMG override setting');
  if (unknownKey !== undefined) return unknownKey;
  for (const [key, setting] of Object.entries(value)) {
    const issue = ownValue(OVERRIDE_SETTING_CHECKS, key)?.(`${path}.${key}`, setting);
    if (issue !== undefined) return issue;
  }
  return undefined;
}

function checkPriceRange(path: string, value: unknown): TemplateIssue | undefined {
  if (!isPlainObject(value)) return badValue(path, value, 'must be {from, to} prices');
  return firstIssue(
    () => checkKnownKeys(path, value, ['from', 'to'], 'a price range field'),
    () => checkFinite(`${path}.from`, value['from']),
    () => checkFinite(`${path}.to`, value['to']),
    () => ((value['from'] as number) < (value['to'] as number) ? undefined : badValue(`${path}.to`, value['to'], `must be above ${path}.from`)),
  );
}

function checkFinite(path: string, value: unknown): TemplateIssue | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? undefined : badValue(path, value, 'must be a number');
}

function checkInstant(path: string, value: unknown): TemplateIssue | undefined {
  const ok = typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
  return ok ? undefined : badValue(path, value, 'must be an ISO 8601 date or date-time');
}
