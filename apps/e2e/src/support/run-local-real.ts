import { spawnCli, type CliRun } from '@worker-chart-export/testing';
import { type AccountEntry, writeAccountsFile } from './accounts-file.js';
import { type ChartStepFlowRun, writeChartStepFlowRun } from './chart-step-flow-run.js';

/** What `runLocalReal` ran: the CLI process, the flow_run file it wrote back to and where the charts went. */
export interface RealRunLocal {
  readonly run: CliRun;
  readonly flowRun: ChartStepFlowRun;
  readonly storageDir: string;
}

/**
 * Writes the example flow_run at `timeframe` and an accounts file in `dir`, then runs
 * `run-local --charts-api-mode real --write-back` against the Chart-IMG at `chartImgUrl`, storing under `<dir>/out`
 * and printing a JSON summary. `args` are added to the command line (`writeBack: false` leaves out `--write-back`),
 * `env` to the CLI's environment.
 */
export async function runLocalReal(
  dir: string,
  p: { timeframe: string; accounts: readonly AccountEntry[]; chartImgUrl: string; args?: readonly string[]; writeBack?: boolean; env?: Record<string, string> },
): Promise<RealRunLocal> {
  const flowRun = await writeChartStepFlowRun(dir, p.timeframe);
  const accountsPath = await writeAccountsFile(dir, p.accounts);
  const storageDir = `${dir}/out`;
  const run = await spawnCli(
    [
      'run-local',
      '--flow-run-path',
      flowRun.path,
      '--charts-api-mode',
      'real',
      '--accounts-config-path',
      accountsPath,
      '--storage-dir',
      storageDir,
      '--output-summary',
      'json',
      ...(p.writeBack === false ? [] : ['--write-back']),
      ...(p.args ?? []),
    ],
    { CHART_IMG_BASE_URL: p.chartImgUrl, ...p.env },
  );
  return { run, flowRun, storageDir };
}
