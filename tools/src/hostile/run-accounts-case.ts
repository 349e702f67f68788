import { parseAccountsConfig } from '@worker-chart-export/domain';
import type { AccountsCase, CaseVerdict } from './hostile-case.js';
import { checkMessage, leakedSecrets } from './check-message.js';

/** Runs an accounts-secret case through `parseAccountsConfig`: refused with a clear, key-free message, or accepted. */
export function runAccountsCase(c: AccountsCase): CaseVerdict {
  let result: ReturnType<typeof parseAccountsConfig>;
  try {
    result = parseAccountsConfig(c.input.raw);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: c.id, message, problems: [`parseAccountsConfig threw: ${message}`] };
  }
  const expected = c.expect;
  if (expected.accounts === 'accepted') {
    if (!result.ok) return { id: c.id, message: result.message, problems: ['refused, expected accepted'] };
    const problems = result.accounts.length === expected.count ? [] : [`${result.accounts.length} accounts, expected ${expected.count}`];
    return { id: c.id, message: `accepted ${result.accounts.length} accounts`, problems };
  }
  if (result.ok) return { id: c.id, message: `accepted ${result.accounts.length} accounts`, problems: ['accepted, expected refused'] };
  const problems = [...checkMessage(result.message, expected.mentions)];
  for (const leak of leakedSecrets(result.message, expected.secrets ?? [])) problems.push(`the message leaks ${leak} of the case`);
  return { id: c.id, message: result.message, problems };
}
