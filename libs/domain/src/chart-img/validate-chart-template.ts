import type { ChartTemplate } from '../contracts/chart-template.schema.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import type { TemplateRecord } from '../ports/template-repo.js';
import { checkPathSegment, describeValue } from '../rules/index.js';
import { checkChartRequest } from './check-chart-request.js';
import { checkSymbolTemplate } from './check-symbol-template.js';
import { badField, badValue, isPlainObject, type TemplateIssue } from './template-issue.js';

const TEMPLATE_FIELDS = ['id', 'description', 'chartImgSymbolTemplate', 'request'] as const;

export type ChartTemplateValidation = { readonly ok: true; readonly template: ChartTemplate } | { readonly ok: false; readonly error: DomainError };

/**
 * Checks a stored template before it is used (docs/design.md#templates): `{id, description, chartImgSymbolTemplate, request}`,
 * `id` equal to `expectedId` and path-safe, `{symbol}` exactly once, and a `request` body the provider accepts
 * (no `symbol`/`interval`, `format` png, catalogue names, enums and bounds). A failure is a VALIDATION_FAILED
 * whose message names the template, the field path and the value.
 */
export function validateChartTemplate(record: TemplateRecord, expectedId: string): ChartTemplateValidation {
  const data = record.data;
  const issue = isPlainObject(data) ? checkTemplate(data, expectedId) : badValue('document', data, 'must be a JSON object');
  if (issue !== undefined) return { ok: false, error: toDomainError(issue, record, expectedId) };
  const template = data as Record<string, unknown>;
  return {
    ok: true,
    template: {
      id: template['id'] as string,
      description: template['description'] as string,
      chartImgSymbolTemplate: template['chartImgSymbolTemplate'] as string,
      request: template['request'] as Record<string, unknown>,
    },
  };
}

function checkTemplate(data: Record<string, unknown>, expectedId: string): TemplateIssue | undefined {
  const unknownField = Object.keys(data).find((field) => !(TEMPLATE_FIELDS as readonly string[]).includes(field));
  if (unknownField !== undefined) return badField(unknownField, 'is not a template field');
  const missing = TEMPLATE_FIELDS.find((field) => !Object.hasOwn(data, field));
  if (missing !== undefined) return badField(missing, 'is required');
  const id = data['id'];
  if (checkPathSegment('id', id) !== undefined) {
    return badValue('id', id, 'must be 1 to 200 characters without /, \\, .. or control characters');
  }
  if (id !== expectedId) return badValue('id', id, `does not match the requested id ${describeValue(expectedId)}`);
  const description = data['description'];
  if (typeof description !== 'string' || description.trim() === '') {
    return badValue('description', description, 'must be a non-empty string');
  }
  const symbolIssue = checkSymbolTemplate('chartImgSymbolTemplate', data['chartImgSymbolTemplate']);
  if (symbolIssue !== undefined) return symbolIssue;
  const request = data['request'];
  return isPlainObject(request) ? checkChartRequest(request) : badValue('request', request, 'must be an object');
}

function toDomainError(issue: TemplateIssue, record: TemplateRecord, expectedId: string): DomainError {
  const shown = issue.hasValue ? ` ${describeValue(issue.value)}` : '';
  const message = `template ${describeValue(expectedId)}: ${issue.path}${shown} ${issue.problem}`;
  const details: Record<string, unknown> = { chartTemplateId: expectedId, field: issue.path, source: record.source };
  if (issue.hasValue) details['value'] = describeValue(issue.value);
  return domainError('VALIDATION_FAILED', message, details);
}
