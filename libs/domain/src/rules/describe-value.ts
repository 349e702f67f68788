/**
 * A short, log-safe rendering of an untrusted value for error messages: JSON where possible (strings quoted,
 * control characters escaped), cut after `max` characters with an ellipsis and the original length.
 */
export function describeValue(value: unknown, max = 80): string {
  if (typeof value === 'string') {
    if (value.length <= max) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, max))}… (${value.length} chars)`;
  }
  const text = render(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

function render(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return typeof value === 'bigint' ? `${value}n` : String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures cannot be serialised; a type name is enough to point at the field.
    return Object.prototype.toString.call(value);
  }
}
