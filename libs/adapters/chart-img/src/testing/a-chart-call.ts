import type { AccountReservation, ChartImgAccount } from '@worker-chart-export/domain';

export { aChartCall } from '@worker-chart-export/domain/testing';

/** A configured account (BASIC, dailyLimit 44, priority 100) with overrides. */
export function anAccount(overrides: Partial<ChartImgAccount> & Pick<ChartImgAccount, 'id'>): ChartImgAccount {
  return { apiKey: `key-${overrides.id}-s3cr3t`, dailyLimit: 44, priority: 100, plan: 'BASIC', ...overrides };
}

/** A reservation on `accountId` (plan BASIC unless given). */
export function aReservation(accountId: string, plan: AccountReservation['plan'] = 'BASIC'): AccountReservation {
  return { accountId, plan };
}
