/** What a route answers: a status and a JSON body. */
export interface HttpReply {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}
