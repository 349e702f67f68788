/** One object as the fake stores it. */
export interface FakeGcsObject {
  readonly bucket: string;
  readonly name: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly cacheControl?: string;
  /** Increases with every write to any object, as real generations do; never 0. */
  readonly generation: number;
  /** base64 of the MD5 digest, as the JSON API reports `md5Hash`. */
  readonly md5Hash: string;
  /** base64 of the big-endian CRC32C, as the JSON API reports `crc32c`. */
  readonly crc32c: string;
  readonly updated: string;
}

/** What a request was for, as the fake routed it. */
export type FakeGcsRequestKind = 'upload' | 'metadata' | 'media' | 'delete' | 'list' | 'unsupported';

/** One request as the fake received and answered it. */
export interface FakeGcsRequest {
  readonly method: string;
  /** The raw path, still percent-encoded (`/storage/v1/b/B/o/runs%2Fr1%2Fa.png`). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly kind: FakeGcsRequestKind;
  readonly bucket?: string;
  /** The decoded object name, when the request names one. */
  readonly objectName?: string;
  /** The HTTP status answered, or `reset` when the fake dropped the connection. */
  readonly status: number | 'reset';
  /** true when the answer came from {@link FakeGcs.failNext}. */
  readonly injected: boolean;
}

/** A request as a fault predicate sees it, before it is answered. */
export type FakeGcsRequestView = Omit<FakeGcsRequest, 'status' | 'injected'>;

/** Answer the next `times` matching requests with `status` (or drop the connection) instead of serving them. */
export interface FakeGcsFault {
  readonly status: number | 'reset';
  /** How many matching requests fail; default 1. `Infinity` keeps failing. */
  readonly times?: number;
  /** Only requests whose object name ends with this (e.g. `.png`, `manifest.json`). */
  readonly objectNameEndsWith?: string;
  /** Only requests of these kinds (e.g. `['upload']`). */
  readonly kinds?: readonly FakeGcsRequestKind[];
  /** Any further condition. */
  readonly when?: (request: FakeGcsRequestView) => boolean;
  /** Serve the request first (store the upload), then answer with the fault: a lost response. */
  readonly serveFirst?: boolean;
  /** The error message in the JSON body; a realistic default per status. */
  readonly message?: string;
}

export interface FakeGcsOptions {
  /** Default 0: a free port. */
  readonly port?: number;
}

/** A running fake of the GCS JSON API on 127.0.0.1. */
export interface FakeGcs {
  /** `http://127.0.0.1:<port>`: use it as the client's `apiEndpoint` (or `STORAGE_EMULATOR_HOST`). */
  readonly url: string;
  /** Stored objects by `<bucket>/<name>`. */
  readonly objects: ReadonlyMap<string, FakeGcsObject>;
  /** Every request in arrival order. */
  readonly requests: readonly FakeGcsRequest[];
  /** The stored object `gs://<bucket>/<name>`, if any. */
  object(bucket: string, name: string): FakeGcsObject | undefined;
  /** Queue a fault; faults are consumed in the order they were queued. */
  failNext(fault: FakeGcsFault): void;
  /**
   * Hold every later upload (matching `when`, if given) for `ms` before serving it, as a slow or congested
   * GCS would; 0 stops delaying. Reset clears it.
   */
  delayUploads(ms: number, when?: (request: FakeGcsRequestView) => boolean): void;
  /** Forget objects, requests, queued faults and upload delays (one server can serve many tests). */
  reset(): void;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}
