import { CHART_IMG_DRAWINGS } from './chart-img-drawings.js';
import { CHART_IMG_STUDIES } from './chart-img-studies.js';
import { badField, badValue, checkBoolean, checkKnownKeys, checkObject, checkOneOf, isPlainObject, type TemplateIssue } from './template-issue.js';

type ValueCheck = (path: string, value: unknown) => TemplateIssue | undefined;

/** A field of a study or a drawing: whether it must be present, and how its value is checked when it is. */
interface ItemField {
  readonly required: boolean;
  readonly check: ValueCheck;
}

/** The fields an item may have, checked in this order. */
type ItemFields = Readonly<Record<string, ItemField>>;

const requiredField = (check: ValueCheck): ItemField => ({ required: true, check });
const optionalField = (check: ValueCheck): ItemField => ({ required: false, check });

const STUDY_FIELDS: ItemFields = {
  name: requiredField((path, value) => checkOneOf(path, value, CHART_IMG_STUDIES, 'a Chart-IMG study')),
  forceOverlay: optionalField(checkBoolean),
  input: optionalField(checkObject),
  override: optionalField(checkObject),
};

const DRAWING_FIELDS: ItemFields = {
  name: requiredField((path, value) => checkOneOf(path, value, CHART_IMG_DRAWINGS, 'a Chart-IMG drawing')),
  input: requiredField(checkObject),
  override: optionalField(checkObject),
  zOrder: optionalField(checkScalar),
};

/** `studies[]`: `{name (in the catalogue), forceOverlay?, input?, override?}`. */
export function checkStudies(path: string, value: unknown): TemplateIssue | undefined {
  return checkItems(path, value, STUDY_FIELDS, 'a study field');
}

/** `drawings[]`: `{name (in the catalogue), input (required), override?, zOrder?}`. */
export function checkDrawings(path: string, value: unknown): TemplateIssue | undefined {
  return checkItems(path, value, DRAWING_FIELDS, 'a drawing field');
}

function checkItems(path: string, value: unknown, fields: ItemFields, what: string): TemplateIssue | undefined {
  if (!Array.isArray(value)) return badValue(path, value, 'must be an array');
  for (const [index, item] of value.entries()) {
    const itemPath = `${path}[${index}]`;
    const issue = isPlainObject(item) ? checkItem(itemPath, item, fields, what) : badValue(itemPath, item, 'must be an object');
    if (issue !== undefined) return issue;
  }
  return undefined;
}

function checkItem(itemPath: string, item: Record<string, unknown>, fields: ItemFields, what: string): TemplateIssue | undefined {
  const unknownField = checkKnownKeys(itemPath, item, Object.keys(fields), what);
  if (unknownField !== undefined) return unknownField;
  for (const [field, { required, check }] of Object.entries(fields)) {
    const fieldPath = `${itemPath}.${field}`;
    if (!Object.hasOwn(item, field)) {
      if (required) return badField(fieldPath, 'is required');
      continue;
    }
    const issue = check(fieldPath, item[field]);
    if (issue !== undefined) return issue;
  }
  return undefined;
}

function checkScalar(path: string, value: unknown): TemplateIssue | undefined {
  return typeof value === 'string' || typeof value === 'number' ? undefined : badValue(path, value, 'must be a string or a number');
}
