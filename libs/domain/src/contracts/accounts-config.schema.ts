import { Type, type Static } from 'typebox';

export const CHART_IMG_PLANS = ['BASIC', 'PRO', 'MEGA', 'ULTRA', 'ENTERPRISE'] as const;
export type ChartImgPlan = (typeof CHART_IMG_PLANS)[number];

export const DEFAULT_DAILY_LIMIT = 44;
export const DEFAULT_PRIORITY = 100;

/** One entry of `CHART_IMG_ACCOUNTS_JSON`. `apiKey` is a secret: never logged, never persisted. */
export const AccountConfigSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: 'Unique, path-safe account id.' }),
    apiKey: Type.String({ minLength: 1, description: 'Chart-IMG API key. Secret: never logged or persisted.' }),
    dailyLimit: Type.Optional(Type.Integer({ minimum: 0, description: `Renders per UTC day; defaults to ${DEFAULT_DAILY_LIMIT}.` })),
    priority: Type.Optional(Type.Integer({ description: `Lower is used first; defaults to ${DEFAULT_PRIORITY}.` })),
    plan: Type.Optional(Type.Enum(CHART_IMG_PLANS, { description: 'Chart-IMG plan; defaults to BASIC.' })),
  },
  { additionalProperties: false, description: 'One Chart-IMG account.' },
);

/** The whole `CHART_IMG_ACCOUNTS_JSON` secret. */
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
