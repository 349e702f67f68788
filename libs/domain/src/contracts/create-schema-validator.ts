import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ensureContractFormats } from './ensure-formats.js';
import { schemaIssues, type IssueOptions } from './schema-issues.js';
import type { ValidationResult } from './validation-issue.js';

/**
 * Compiles `schema` once and returns a validator that never throws: the typed value, or
 * field-naming issues. With `redactValues` no issue carries a value (for secrets).
 */
export function createSchemaValidator<T extends TSchema>(
  schema: T,
  options: IssueOptions = {},
): (value: unknown) => ValidationResult<Static<T>> {
  ensureContractFormats();
  const validator = Compile(schema);
  return (value: unknown) => {
    if (validator.Check(value)) return { ok: true, value: value as Static<T> };
    return { ok: false, issues: schemaIssues(schema, validator.Errors(value), value, options) };
  };
}
