import { Type, type Static } from 'typebox';

export const CHART_IMG_PLANS = ['BASIC', 'PRO', 'MEGA', 'ULTRA', 'ENTERPRISE'] as const;
export type ChartImgPlan = (typeof CHART_IMG_PLANS)[number];

export const DEFAULT_DAILY_LIMIT = 44;
export const DEFAULT_PRIORITY = 100;

/** One entry of `CHART_IMG_ACCOUNTS_JSON`. `apiKey` is a secret: never logged, never persisted. */
export const AccountConfigSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    apiKey: Type.String({ minLength: 1 }),
    dailyLimit: Type.Optional(Type.Integer({ minimum: 0 })),
    priority: Type.Optional(Type.Integer()),
    plan: Type.Optional(Type.Union(CHART_IMG_PLANS.map((p) => Type.Literal(p)))),
  },
  { additionalProperties: false },
);

export const AccountsConfigSchema = Type.Array(AccountConfigSchema);

export type AccountConfigEntry = Static<typeof AccountConfigSchema>;

/** An account entry with defaults applied. */
export interface ChartImgAccount {
  readonly id: string;
  readonly apiKey: string;
  readonly dailyLimit: number;
  readonly priority: number;
  readonly plan: ChartImgPlan;
}
