import type { FlowRunStore } from '../ports/flow-run-store.js';
import type { SecretRedactor } from './secret-redactor.js';

type Method<K extends keyof FlowRunStore> = FlowRunStore[K];

/**
 * A {@link FlowRunStore} that removes secrets from a step's finalization (its error message, outputs)
 * before the inner store writes it into the flow_run, which other workers and people read. Every
 * argument is passed on, so a parameter the port gains later is never dropped here.
 */
export class RedactingFlowRunStore implements FlowRunStore {
  constructor(
    private readonly inner: FlowRunStore,
    private readonly redactor: SecretRedactor,
  ) {}

  load(...args: Parameters<Method<'load'>>): ReturnType<Method<'load'>> {
    return this.inner.load(...args);
  }

  claim(...args: Parameters<Method<'claim'>>): ReturnType<Method<'claim'>> {
    return this.inner.claim(...args);
  }

  finalize(...args: Parameters<Method<'finalize'>>): ReturnType<Method<'finalize'>> {
    const [runId, stepId, result, ...rest] = args;
    return this.inner.finalize(runId, stepId, this.redactor.redactDeep(result), ...rest);
  }
}
