import { CHARTS_API_MODES, CHART_IMG_TIMEZONES, RENDER_FALLBACKS, parseBucketUri, type ChartsApiMode, type RenderFallback } from '@worker-chart-export/domain';
import { LOG_LEVELS, isLogLevel } from '@worker-chart-export/adapter-logging';
import type { AccountsSource, ChartFlags, ChartSettings } from './chart-settings.js';
import { fail, ok, type ConfigResult } from './config-result.js';
import { RUN_LOCAL_DEFAULTS } from './defaults.js';
import { nonEmpty, type Env } from './env.js';
import { pickSetting } from './pick-setting.js';

/**
 * The rendering settings shared by `run-local` and `sweep`, without I/O:
 * `--charts-api-mode` > `CHARTS_API_MODE` > `mock`, `--charts-bucket` > `CHARTS_BUCKET` > `gs://charts-local`,
 * `--accounts-config-path` > `CHART_IMG_ACCOUNTS_JSON` (required in real and record mode), and `ENV`,
 * `LOG_LEVEL`, `CHARTS_DEFAULT_TIMEZONE`, `CHART_IMG_BASE_URL`, `CHART_RENDER_FALLBACK` (`off` or `local`, default `off`). The first problem is one line naming its source.
 */
export function resolveChartSettings(flags: ChartFlags, env: Env): ConfigResult<ChartSettings> {
  const mode = pickSetting(
    { name: '--charts-api-mode', value: flags.chartsApiMode },
    { name: 'CHARTS_API_MODE', value: env['CHARTS_API_MODE'] },
    RUN_LOCAL_DEFAULTS.chartsApiMode,
  );
  if (!isChartsApiMode(mode.value)) {
    return fail(`${mode.source} ${JSON.stringify(mode.value)} is not one of ${CHARTS_API_MODES.join(', ')}`);
  }
  const appEnv = nonEmpty(env['ENV']) ?? RUN_LOCAL_DEFAULTS.env;
  if (mode.value === 'record' && appEnv === 'prod') return fail(`${mode.source}=record is refused when ENV=prod`);

  const bucketUri = pickSetting(
    { name: '--charts-bucket', value: flags.chartsBucket },
    { name: 'CHARTS_BUCKET', value: env['CHARTS_BUCKET'] },
    RUN_LOCAL_DEFAULTS.chartsBucket,
  );
  const bucket = parseBucketUri(bucketUri.value);
  if (!bucket.ok) return fail(`${bucketUri.source}: ${bucket.message}`);

  const accounts = accountsSource(flags, env);
  if (accounts.from === 'none' && (mode.value === 'real' || mode.value === 'record')) {
    return fail(`${mode.source}=${mode.value} needs Chart-IMG accounts: pass --accounts-config-path FILE or set CHART_IMG_ACCOUNTS_JSON`);
  }

  const timezone = nonEmpty(env['CHARTS_DEFAULT_TIMEZONE']) ?? RUN_LOCAL_DEFAULTS.defaultTimezone;
  if (!(CHART_IMG_TIMEZONES as readonly string[]).includes(timezone)) {
    return fail(`CHARTS_DEFAULT_TIMEZONE ${JSON.stringify(timezone)} is not a timezone Chart-IMG supports`);
  }

  const logLevel = nonEmpty(env['LOG_LEVEL'])?.toLowerCase() ?? RUN_LOCAL_DEFAULTS.logLevel;
  if (!isLogLevel(logLevel)) return fail(`LOG_LEVEL ${JSON.stringify(env['LOG_LEVEL'])} is not one of ${LOG_LEVELS.join(', ')}`);

  const renderFallback = nonEmpty(env['CHART_RENDER_FALLBACK']) ?? 'off';
  if (!isRenderFallback(renderFallback)) {
    return fail(`CHART_RENDER_FALLBACK ${JSON.stringify(renderFallback)} is not one of ${RENDER_FALLBACKS.join(', ')}`);
  }

  const baseUrl = nonEmpty(env['CHART_IMG_BASE_URL']);
  return ok({
    chartsApiMode: mode.value,
    bucket: bucket.bucket,
    accounts,
    ...(baseUrl === undefined ? {} : { chartImgBaseUrl: baseUrl }),
    defaultTimezone: timezone,
    env: appEnv,
    logLevel,
    renderFallback,
  });
}

/** `--accounts-config-path` > `CHART_IMG_ACCOUNTS_JSON` > none. */
export function accountsSource(flags: Pick<ChartFlags, 'accountsConfigPath'>, env: Env): AccountsSource {
  if (flags.accountsConfigPath !== undefined) return { from: 'file', path: flags.accountsConfigPath };
  const json = nonEmpty(env['CHART_IMG_ACCOUNTS_JSON']);
  return json === undefined ? { from: 'none' } : { from: 'env', json };
}

function isRenderFallback(value: string): value is RenderFallback {
  return (RENDER_FALLBACKS as readonly string[]).includes(value);
}

function isChartsApiMode(value: string): value is ChartsApiMode {
  return (CHARTS_API_MODES as readonly string[]).includes(value);
}
