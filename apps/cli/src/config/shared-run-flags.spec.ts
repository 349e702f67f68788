import { describe, expect, it } from '@jest/globals';
import { resolveChartSettings } from './resolve-chart-settings.js';
import { resolveSharedRunSettings, type SharedRunFlags } from './shared-run-flags.js';

const flags: SharedRunFlags = { templatesDir: 't-dir', fixturesDir: 'f-dir', storageDir: 's-dir' };

describe('resolveSharedRunSettings', () => {
  it("takes the command's storage default, the rendering settings and the directories as given", () => {
    const env = { LOG_LEVEL: 'debug' };
    const chart = resolveChartSettings(flags, env);
    if (!chart.ok) throw new Error(chart.message);
    expect(resolveSharedRunSettings(flags, env, 'gcs')).toEqual({
      ok: true,
      value: { ...chart.value, templatesDir: 't-dir', fixturesDir: 'f-dir', storage: 'gcs', storageDir: 's-dir' },
    });
  });

  it('prefers --storage and the rendering flags to the defaults', () => {
    const given = { ...flags, storage: 'local', chartsApiMode: 'local', chartsBucket: 'gs://b-1' };
    expect(resolveSharedRunSettings(given, {}, 'gcs')).toMatchObject({ ok: true, value: { storage: 'local', chartsApiMode: 'local', bucket: 'b-1' } });
  });

  it('names a bad --storage before a bad rendering setting', () => {
    const bad = { ...flags, storage: 'disk', chartsApiMode: 'fake' };
    expect(resolveSharedRunSettings(bad, {}, 'local')).toEqual({ ok: false, message: '--storage "disk" is not one of local, gcs' });
    expect(resolveSharedRunSettings({ ...bad, storage: 'gcs' }, {}, 'local')).toEqual({
      ok: false,
      message: '--charts-api-mode "fake" is not one of real, mock, record, local',
    });
  });
});
