import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { ChartApi, Clock } from '@worker-chart-export/domain';
import { ChartApiConfigError } from './chart-api-config-error.js';
import { chartImgModule } from './chart-img-module.js';
import { anAccount } from './testing/index.js';

const clock: Clock = { now: () => new Date(), sleep: () => Promise.resolve() };

async function containerWith(mode: string, env?: string): Promise<Container> {
  const container = new Container();
  container.bind<Clock>(Clock).toConstantValue(clock);
  await container.load(chartImgModule({ mode, fixturesDir: '/nonexistent', accounts: [anAccount({ id: 'acc-1' })], ...(env ? { env } : {}) }));
  return container;
}

describe('chartImgModule', () => {
  it.each(['mock', 'real', 'record'])('binds ChartApi to the %s adapter, once per container', async (mode) => {
    const container = await containerWith(mode);

    const api = container.get<ChartApi>(ChartApi);

    expect(api.mode).toBe(mode);
    expect(container.get<ChartApi>(ChartApi)).toBe(api);
  });

  it('refuses record mode with ENV=prod before any container is built', () => {
    expect(() => chartImgModule({ mode: 'record', env: 'prod', fixturesDir: 'x' })).toThrow(ChartApiConfigError);
  });
});
