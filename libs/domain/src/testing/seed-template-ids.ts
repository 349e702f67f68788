/** The ids of the seed templates in the repository's `chart-templates/`, sorted: what the example flow_run requests. */
export const SEED_TEMPLATE_IDS: readonly string[] = [
  'ctpl_price_ma1226_bb_macd1226_v1',
  'ctpl_price_ma1226_vol_v1',
  'ctpl_price_psar_adi_v1',
  'ctpl_price_rsi14_stochrsi_v1',
  'ctpl_price_vpvr_obv_v1',
];
