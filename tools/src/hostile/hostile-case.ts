import type { KeyEchoForm } from '../fake-chart-img/echo-key.js';

/** The entry point a hostile case goes through. */
export type HostileArea = 'flow_run' | 'template' | 'accounts' | 'cli' | 'cloudevent';

/**
 * A flow_run case: a valid base flow_run (one READY CHART_EXPORT step, one seed-like template) changed by the
 * fields below, run through `RunChartExportStep` with the domain's in-memory fakes.
 */
export interface FlowRunInput {
  /** Replaces the whole document (the base is not used). */
  readonly document?: unknown;
  /** Top-level fields set on the base flow_run. */
  readonly run?: Record<string, unknown>;
  /** Top-level fields removed from the base flow_run. */
  readonly removeRun?: readonly string[];
  /** Fields set on the base step. */
  readonly step?: Record<string, unknown>;
  /** Fields removed from the base step. */
  readonly removeStep?: readonly string[];
  /** Fields set on the base step's `inputs`. */
  readonly inputs?: Record<string, unknown>;
  /** The key of the step in `steps` (default the base step id). */
  readonly stepKey?: string;
  /** The id the store holds the document under, and the command's runId (Firestore: the document id); default its runId. */
  readonly documentId?: string;
  /** The `stepId` of the command (`--step-id`); default none. */
  readonly commandStepId?: string;
  /** Extra template documents by id (every id named in requests gets a valid template unless listed here). */
  readonly templates?: Readonly<Record<string, unknown>>;
}

/** A template case: the step requests `chartTemplateId`, whose stored document is `template` or the raw file `file`. */
export interface TemplateInput {
  readonly chartTemplateId: string;
  /** The stored document (MapTemplateRepo). */
  readonly template?: unknown;
  /** The raw text of `<id>.json` (FsTemplateRepo over a temporary directory). */
  readonly file?: string;
}

/** An accounts-secret case: the raw text of `CHART_IMG_ACCOUNTS_JSON`, given to `parseAccountsConfig`. */
export interface AccountsInput {
  readonly raw: string;
}

/**
 * A CLI case: the CLI spawned with `args` (a command and its flags). `{flowRun}` in an argument is replaced by
 * the path of a file holding `flowRunFile` (the example flow_run when absent), `{accounts}` by a file holding
 * `accountsFile`.
 */
export interface CliInput {
  readonly args: readonly string[];
  readonly flowRunFile?: string;
  readonly accountsFile?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A fake Chart-IMG (the process's `CHART_IMG_BASE_URL`) that knows `apiKey` and answers every render with a 403 echoing it. */
  readonly keyEchoProvider?: KeyEchoProvider;
}

/** How the provider echoes the key: in `form`, in a body labelled `contentType`. */
export interface KeyEchoProvider {
  readonly apiKey: string;
  readonly form: KeyEchoForm;
  readonly contentType: string;
}

/** A CloudEvent case: one HTTP request to the worker process. */
export interface CloudEventInput {
  readonly method?: 'POST' | 'GET';
  readonly path?: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A description of the body; the runner builds the bytes. */
  readonly body: CloudEventBody;
}

export type CloudEventBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly base64: string }
  | { readonly kind: 'filler'; readonly bytes: number }
  /** A protobuf `DocumentEventData` for the document at `documentPath` (or the raw resource name `documentName`). */
  | {
      readonly kind: 'document-event';
      readonly documentPath: string;
      readonly value?: Record<string, unknown>;
      readonly oldValue?: Record<string, unknown>;
      readonly documentName?: string;
    };

/** How a step case must end: RunChartExportStep's result. */
export interface StepExpect {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'NOOP';
  readonly code?: string;
  readonly noopReason?: string;
  /** Substrings the error message (for templates: the request's manifest failure) must contain: the field. */
  readonly mentions?: readonly string[];
  /** No object at all may be written, manifest included (ids that no object name can hold). */
  readonly nothingWritten?: boolean;
}

/** How `parseAccountsConfig` must answer; `secrets` must not appear in its message. */
export type AccountsExpect =
  | { readonly accounts: 'refused'; readonly mentions: readonly string[]; readonly secrets?: readonly string[] }
  | { readonly accounts: 'accepted'; readonly count: number };

/**
 * How the CLI must end: the exit code and its one stderr line. With `summary` the run itself ends (the case
 * passes `--output-summary json`): the last stdout line is checked instead, and its error message (followed by
 * the manifest's first failure, when there is one) must carry `mentions`.
 */
export interface CliExpect {
  readonly exitCode: number;
  readonly mentions: readonly string[];
  /**
   * Keys that may not be read, in any form a provider may echo (JSON-escaped, percent-encoded) nor as any
   * 8-character piece, in stdout, stderr, the flow_run file after the run or the manifest.
   */
  readonly secrets?: readonly string[];
  /** JSON log lines may precede the message (a usage error found after the log started). */
  readonly logLinesAllowed?: boolean;
  /** The step's outcome in the JSON summary: its status and error code. */
  readonly summary?: { readonly status: 'SUCCEEDED' | 'FAILED' | 'NOOP'; readonly code?: string };
  /** Nothing may be written under the storage directory (no PNG, no manifest). */
  readonly nothingWritten?: boolean;
  /** No connection may be opened (every client the process could create is pointed at a loopback tripwire). */
  readonly noNetwork?: boolean;
}

/** How the worker must answer: the HTTP status, the answer's `outcome`, and its single log line. */
export interface CloudEventExpect {
  readonly httpStatus: number;
  readonly outcome?: string;
  /** The event name of the one log line (at LOG_LEVEL=info); undefined: no line at all. */
  readonly logEvent?: string;
}

interface CaseBase<A extends HostileArea, I, E> {
  readonly id: string;
  readonly area: A;
  readonly description: string;
  readonly input: I;
  readonly expect: E;
}

export type FlowRunCase = CaseBase<'flow_run', FlowRunInput, StepExpect>;
export type TemplateCase = CaseBase<'template', TemplateInput, StepExpect>;
export type AccountsCase = CaseBase<'accounts', AccountsInput, AccountsExpect>;
export type CliCase = CaseBase<'cli', CliInput, CliExpect>;
export type CloudEventCase = CaseBase<'cloudevent', CloudEventInput, CloudEventExpect>;

/** One case of the hostile input corpus. */
export type HostileCase = FlowRunCase | TemplateCase | AccountsCase | CliCase | CloudEventCase;

/** What running a case showed: the message it produced and every expectation it broke. */
export interface CaseVerdict {
  readonly id: string;
  /** The user-facing message (error, NOOP reason, stderr line or log message), normalized. */
  readonly message: string;
  readonly problems: readonly string[];
}

/** The builder of one area's cases, so a case table lists only what differs: `(id, description, input, expect)`. */
export function caseBuilder<C extends HostileCase>(area: C['area']): (id: string, description: string, input: C['input'], expect: C['expect']) => C {
  return (id, description, input, expect) => ({ id, area, description, input, expect }) as C;
}
