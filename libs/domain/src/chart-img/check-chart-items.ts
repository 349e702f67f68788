import { CHART_IMG_DRAWINGS } from './chart-img-drawings.js';
import { CHART_IMG_STUDIES } from './chart-img-studies.js';
import { badField, badValue, checkBoolean, checkKnownKeys, checkObject, checkOneOf, firstIssue, isPlainObject, type TemplateIssue } from './template-issue.js';

const STUDY_FIELDS = ['name', 'forceOverlay', 'input', 'override'] as const;
const DRAWING_FIELDS = ['name', 'input', 'override', 'zOrder'] as const;

/** `studies[]`: `{name (in the catalogue), forceOverlay?, input?, override?}`. */
export function checkStudies(path: string, value: unknown): TemplateIssue | undefined {
  return checkItems(path, value, (itemPath, item) =>
    firstIssue(
      () => checkKnownKeys(itemPath, item, STUDY_FIELDS, 'a study field'),
      () => required(item, 'name', itemPath),
      () => checkOneOf(`${itemPath}.name`, item['name'], CHART_IMG_STUDIES, 'a Chart-IMG study'),
      () => optional(item, 'forceOverlay', (v) => checkBoolean(`${itemPath}.forceOverlay`, v)),
      () => optional(item, 'input', (v) => checkObject(`${itemPath}.input`, v)),
      () => optional(item, 'override', (v) => checkObject(`${itemPath}.override`, v)),
    ),
  );
}

/** `drawings[]`: `{name (in the catalogue), input (required), override?, zOrder?}`. */
export function checkDrawings(path: string, value: unknown): TemplateIssue | undefined {
  return checkItems(path, value, (itemPath, item) =>
    firstIssue(
      () => checkKnownKeys(itemPath, item, DRAWING_FIELDS, 'a drawing field'),
      () => required(item, 'name', itemPath),
      () => checkOneOf(`${itemPath}.name`, item['name'], CHART_IMG_DRAWINGS, 'a Chart-IMG drawing'),
      () => required(item, 'input', itemPath),
      () => checkObject(`${itemPath}.input`, item['input']),
      () => optional(item, 'override', (v) => checkObject(`${itemPath}.override`, v)),
      () => optional(item, 'zOrder', (v) => checkScalar(`${itemPath}.zOrder`, v)),
    ),
  );
}

function checkItems(
  path: string,
  value: unknown,
  checkItem: (itemPath: string, item: Record<string, unknown>) => TemplateIssue | undefined,
): TemplateIssue | undefined {
  if (!Array.isArray(value)) return badValue(path, value, 'must be an array');
  for (const [index, item] of value.entries()) {
    const itemPath = `${path}[${index}]`;
    const issue = isPlainObject(item) ? checkItem(itemPath, item) : badValue(itemPath, item, 'must be an object');
    if (issue !== undefined) return issue;
  }
  return undefined;
}

function required(item: Record<string, unknown>, field: string, itemPath: string): TemplateIssue | undefined {
  return Object.hasOwn(item, field) ? undefined : badField(`${itemPath}.${field}`, 'is required');
}

function optional(item: Record<string, unknown>, field: string, check: (value: unknown) => TemplateIssue | undefined): TemplateIssue | undefined {
  return Object.hasOwn(item, field) ? check(item[field]) : undefined;
}

function checkScalar(path: string, value: unknown): TemplateIssue | undefined {
  return typeof value === 'string' || typeof value === 'number' ? undefined : badValue(path, value, 'must be a string or a number');
}
