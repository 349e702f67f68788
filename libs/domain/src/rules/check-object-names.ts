import { domainError, type DomainError } from '../errors/error-codes.js';
import { describeValue } from './describe-value.js';
import { longestObjectName, MAX_OBJECT_NAME_BYTES, type StepObjectNameParts } from './object-paths.js';

/**
 * Every object a step can write (each PNG, the manifest) must have a name Cloud Storage accepts: at most
 * 1024 bytes of UTF-8. Checked before any call, so ids that fit their own limits but not together cost
 * nothing. `requestField(i)` names request `i` in the message (e.g. `steps["x"].inputs.requests[3]`).
 * Returns a VALIDATION_FAILED error naming the longest object, or undefined when all fit.
 */
export function checkObjectNames(parts: StepObjectNameParts, requestField: (index: number) => string): DomainError | undefined {
  const longest = longestObjectName(parts);
  if (longest.bytes <= MAX_OBJECT_NAME_BYTES) return undefined;
  const index = longest.requestIndex;
  const what =
    index === undefined
      ? `the manifest's object name (runId and stepId ${describeValue(parts.stepId)})`
      : `the PNG object name of ${requestField(index)}.chartTemplateId ${describeValue(parts.chartTemplateIds[index])}`;
  const field = index === undefined ? 'stepId' : `${requestField(index)}.chartTemplateId`;
  return domainError(
    'VALIDATION_FAILED',
    `${what} would be ${longest.bytes} bytes of UTF-8, over Cloud Storage's ${MAX_OBJECT_NAME_BYTES}-byte limit: shorten runId, stepId or chartTemplateId`,
    { field, value: describeValue(longest.path), objectNameBytes: longest.bytes },
  );
}
