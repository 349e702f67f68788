// Byte-for-byte copies of the seed templates in the flow engine's specification for this worker, so the
// spec checks the real seed set without reading outside the repository.
import maBbMacd from './chart-templates/ctpl_price_ma1226_bb_macd1226_v1.json' with { type: 'json' };
import maVol from './chart-templates/ctpl_price_ma1226_vol_v1.json' with { type: 'json' };
import psarAdi from './chart-templates/ctpl_price_psar_adi_v1.json' with { type: 'json' };
import rsiStochRsi from './chart-templates/ctpl_price_rsi14_stochrsi_v1.json' with { type: 'json' };
import vpvrObv from './chart-templates/ctpl_price_vpvr_obv_v1.json' with { type: 'json' };

/** The five seed templates, as parsed JSON documents. */
export const SEED_TEMPLATES: readonly unknown[] = [maBbMacd, maVol, psarAdi, rsiStochRsi, vpvrObv];
