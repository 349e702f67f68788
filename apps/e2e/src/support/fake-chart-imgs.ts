import { afterAll } from '@jest/globals';
import { startFakeChartImg, type FakeChartImg, type FakeChartImgOptions } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { TempDirs } from '@worker-chart-export/testing';

/** The fake Chart-IMG servers and temporary directories of a suite whose cases each start their own. */
export interface FakeChartImgs {
  readonly dirs: TempDirs;
  /** Starts a fake Chart-IMG that is closed with the suite. */
  start(options: FakeChartImgOptions): Promise<FakeChartImg>;
}

/** Call in a suite: what its cases start through the result is closed, and their directories removed, in its `afterAll`. */
export function useFakeChartImgs(): FakeChartImgs {
  const dirs = new TempDirs();
  const fakes: FakeChartImg[] = [];
  afterAll(async () => {
    await Promise.all(fakes.map((fake) => fake.close()));
    await dirs.removeAll();
  });
  return {
    dirs,
    start: async (options) => {
      const fake = await startFakeChartImg(options);
      fakes.push(fake);
      return fake;
    },
  };
}
