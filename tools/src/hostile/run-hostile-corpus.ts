import type { CaseVerdict, CliCase, CloudEventCase, HostileCase } from './hostile-case.js';
import { runAccountsCase } from './run-accounts-case.js';
import { runCliCases } from './run-cli-cases.js';
import { runCloudEventCases } from './run-cloud-event-cases.js';
import { runStepCase } from './run-step-case.js';

/** Runs every case through its entry point; verdicts by case id. Processes are spawned for the CLI and worker cases. */
export async function runHostileCorpus(corpus: readonly HostileCase[]): Promise<Map<string, CaseVerdict>> {
  const verdicts = new Map<string, CaseVerdict>();
  for (const c of corpus) {
    if (c.area === 'flow_run' || c.area === 'template') verdicts.set(c.id, await runStepCase(c));
    if (c.area === 'accounts') verdicts.set(c.id, runAccountsCase(c));
  }
  const cli = corpus.filter((c): c is CliCase => c.area === 'cli');
  for (const verdict of await runCliCases(cli)) verdicts.set(verdict.id, verdict);
  const events = corpus.filter((c): c is CloudEventCase => c.area === 'cloudevent');
  for (const verdict of await runCloudEventCases(events)) verdicts.set(verdict.id, verdict);
  return verdicts;
}
