import { CHART_IMG_DRAWINGS, CHART_IMG_INTERVALS, CHART_IMG_STUDIES } from '@worker-chart-export/domain';

/** One entry of the provider's 422 answer. */
export interface FakeValidationIssue {
  readonly value: unknown;
  readonly msg: string;
  readonly param: string;
  readonly location: 'body';
}

const SYMBOL = /^[A-Z0-9_.!-]+:[A-Z0-9_.!-]+$/i;

/** The 422 issues of an Advanced Chart body, as the provider reports them (empty when valid). */
export function validateFakeBody(body: Record<string, unknown>): FakeValidationIssue[] {
  const issues: FakeValidationIssue[] = [];
  const issue = (param: string, value: unknown, msg: string): void => {
    issues.push({ value, msg, param, location: 'body' });
  };
  if (body['symbol'] !== undefined && (typeof body['symbol'] !== 'string' || !SYMBOL.test(body['symbol']))) {
    issue('symbol', body['symbol'], 'Invalid Symbol');
  }
  if (body['interval'] !== undefined && !(CHART_IMG_INTERVALS as readonly unknown[]).includes(body['interval'])) {
    issue('interval', body['interval'], 'Invalid Interval');
  }
  for (const [param, min] of [
    ['width', 400],
    ['height', 300],
  ] as const) {
    const value = body[param];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min)) {
      issue(param, value, `Must be an integer of at least ${min}`);
    }
  }
  checkNamed(body['studies'], 'studies', CHART_IMG_STUDIES, 'Invalid Study', issue);
  checkNamed(body['drawings'], 'drawings', CHART_IMG_DRAWINGS, 'Invalid Drawing', issue);
  return issues;
}

function checkNamed(list: unknown, param: string, known: readonly string[], msg: string, issue: (param: string, value: unknown, msg: string) => void): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    issue(param, list, 'Must be an array');
    return;
  }
  list.forEach((entry: unknown, index) => {
    const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || !known.includes(name)) issue(`${param}[${index}].name`, name, msg);
  });
}
