import { describe, expect, it } from '@jest/globals';
import { RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { fakeWorkerDeps } from '../testing/index.js';
import { LazyStepLauncher, type LoadedLauncher } from './lazy-step-launcher.js';

function counting(load: () => Promise<LoadedLauncher>) {
  const calls = { loads: 0, releases: 0 };
  const launcher = new LazyStepLauncher(async () => {
    calls.loads += 1;
    return load();
  });
  return { launcher, calls };
}

function realLoad(calls?: { releases: number }): { deps: ReturnType<typeof fakeWorkerDeps>; load: () => Promise<LoadedLauncher> } {
  const deps = fakeWorkerDeps();
  return {
    deps,
    load: async () => ({
      launcher: deps.launcher,
      release: async () => {
        if (calls) calls.releases += 1;
      },
    }),
  };
}

describe('LazyStepLauncher', () => {
  it('loads nothing until it is warmed up or used', async () => {
    const { launcher, calls } = counting(realLoad().load);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.loads).toBe(0);
    expect(launcher.started).toBe(false);
    await launcher.warmUp();
    expect(launcher.started).toBe(true);
    expect(calls.loads).toBe(1);
  });

  it('loads once for a warm-up and concurrent steps, and runs them on the loaded launcher', async () => {
    const { deps, load } = realLoad();
    const { launcher, calls } = counting(load);
    const launches = await Promise.all([launcher.warmUp(), launcher.runStep(RUN_ID, deps.log), launcher.runStep(RUN_ID, deps.log)]);
    expect(calls.loads).toBe(1);
    const statuses = launches.slice(1).map((launch) => (launch && launch.type === 'finished' ? launch.result.status : launch?.type));
    expect(statuses.sort()).toEqual(['NOOP', 'SUCCEEDED']);
    expect(deps.store.step(RUN_ID, STEP_ID)?.['status']).toBe('SUCCEEDED');
  });

  it('reports a composition that cannot load as a crash before any claim', async () => {
    const { launcher } = counting(async () => {
      throw new Error('Firestore client could not be created');
    });
    const launch = await launcher.runStep(RUN_ID, fakeWorkerDeps().log);
    expect(launch).toMatchObject({ type: 'crashed', claimed: false });
    expect(launch.type === 'crashed' && (launch.error as Error).message).toBe('Firestore client could not be created');
    await expect(launcher.warmUp()).rejects.toThrow('Firestore client could not be created');
  });

  it('rejects a sweep when the composition cannot load, even when the loader throws at once', async () => {
    const launcher = new LazyStepLauncher(() => {
      throw new Error('no fixtures dir');
    });
    await expect(launcher.sweep(fakeWorkerDeps().log)).rejects.toThrow('no fixtures dir');
  });

  it('releases the clients only when the composition was loaded', async () => {
    const calls = { releases: 0 };
    const idle = counting(realLoad(calls).load);
    await idle.launcher.release();
    expect(idle.calls.loads).toBe(0);
    expect(calls.releases).toBe(0);

    const used = counting(realLoad(calls).load);
    await used.launcher.warmUp();
    await used.launcher.release();
    expect(calls.releases).toBe(1);
  });

  it('waits for a load in progress before releasing, and ignores a failed one', async () => {
    const calls = { releases: 0 };
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const { load } = realLoad(calls);
    const launcher = new LazyStepLauncher(async () => {
      await gate;
      return load();
    });
    const warm = launcher.warmUp();
    const released = launcher.release();
    finish();
    await warm;
    await released;
    expect(calls.releases).toBe(1);

    const failed = new LazyStepLauncher(async () => Promise.reject(new Error('boom')));
    await expect(failed.warmUp()).rejects.toThrow('boom');
    await expect(failed.release()).resolves.toBeUndefined();
  });
});
