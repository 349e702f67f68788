/**
 * One step of a flow_run document that has not been validated: only the fields step selection reads are
 * guaranteed (an empty string, an empty list or an empty object where the document had none or something else);
 * every other field is whatever the document holds.
 */
export interface FlowStepView {
  readonly stepType: string;
  readonly status: string;
  readonly dependsOn: readonly string[];
  /** A non-array object (read its fields with `fieldOf`). */
  readonly inputs: object;
  /** A non-array object (read its fields with `fieldOf`). */
  readonly outputs: object;
  readonly [field: string]: unknown;
}

/**
 * A flow_run document that has not been validated, read leniently so that selecting a step and writing its
 * messages never trip on a malformed field. A validated `FlowRun` is one too.
 */
export interface FlowRunView {
  readonly runId: string;
  readonly flowKey: string;
  readonly scope: Readonly<Record<string, unknown>>;
  readonly steps: Readonly<Record<string, FlowStepView>>;
  readonly [field: string]: unknown;
}

/** A field of an object whose fields are not known, such as a step's `inputs`: undefined when it has none. */
export function fieldOf(value: object | undefined, field: string): unknown {
  return value === undefined ? undefined : Reflect.get(value, field);
}
