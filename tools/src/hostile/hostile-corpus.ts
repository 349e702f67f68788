import { ACCOUNTS_CASES } from './accounts-cases.js';
import { CLI_CASES } from './cli-cases.js';
import { CLOUD_EVENT_CASES } from './cloud-event-cases.js';
import { FLOW_RUN_CASES } from './flow-run-cases.js';
import type { HostileCase } from './hostile-case.js';
import { TEMPLATE_CASES } from './template-cases.js';

/** Every hostile input case (the table of docs/hostile-input.md), in table order. */
export const HOSTILE_CORPUS: readonly HostileCase[] = [...FLOW_RUN_CASES, ...TEMPLATE_CASES, ...ACCOUNTS_CASES, ...CLI_CASES, ...CLOUD_EVENT_CASES];
