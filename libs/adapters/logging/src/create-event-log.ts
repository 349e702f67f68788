import { createSecretRedactor, type EventLog, type Severity } from '@worker-chart-export/domain';
import winston from 'winston';
import { cloudLoggingEntry } from './cloud-logging-entry.js';
import { DeliveryTracker } from './delivery-tracker.js';
import { sanitizeForLog } from './sanitize.js';
import { WINSTON_LEVEL_OF, WINSTON_LEVELS, isEnabled, type LogLevel } from './severity.js';

const MESSAGE = Symbol.for('message');

export interface EventLogOptions {
  /** `service` of every entry, e.g. `worker-chart-export` or `worker-chart-export-cli`. */
  readonly service: string;
  /** `env` of every entry: `prod`, `staging`, `dev`, `local`. */
  readonly env: string;
  /** The minimum level written. */
  readonly level: LogLevel;
  /** Where the JSON lines go (stderr for the CLI, stdout for Cloud Run). */
  readonly stream: NodeJS.WritableStream;
  /**
   * Values that must never appear in a line (API keys): replaced with `[REDACTED]` anywhere in the entry,
   * plain, JSON-escaped or percent-encoded.
   */
  readonly secrets?: readonly string[];
  /** Fields added to every entry. */
  readonly baseFields?: Record<string, unknown>;
  /** The entry's time source (tests). */
  readonly now?: () => Date;
}

/** An EventLog whose pending lines can be awaited before the process exits. */
export interface FlushableEventLog extends EventLog {
  /** Resolves once every line logged so far has been accepted by the stream. */
  flush(): Promise<void>;
}

interface Shared {
  readonly options: EventLogOptions;
  readonly logger: winston.Logger;
  readonly tracker: DeliveryTracker;
  submitted: number;
}

/** The EventLog adapter: winston writing one Cloud Logging JSON object per line to `options.stream`. */
export function createEventLog(options: EventLogOptions): FlushableEventLog {
  const tracker = new DeliveryTracker(options.stream);
  const redactor = createSecretRedactor(options.secrets ?? []);
  const toLine = winston.format((info) => {
    const line = JSON.stringify(sanitizeForLog(info['entry'], redactor));
    (info as unknown as Record<symbol, unknown>)[MESSAGE] = line;
    return info;
  });
  const logger = winston.createLogger({
    levels: { ...WINSTON_LEVELS },
    level: options.level,
    format: toLine(),
    transports: [new winston.transports.Stream({ stream: tracker })],
    exitOnError: false,
  });
  return new WinstonEventLog({ options, logger, tracker, submitted: 0 }, options.baseFields ?? {});
}

class WinstonEventLog implements FlushableEventLog {
  constructor(
    private readonly shared: Shared,
    private readonly fields: Readonly<Record<string, unknown>>,
  ) {}

  log(severity: Severity, event: string, message: string, fields: Record<string, unknown> = {}): void {
    const { options, logger } = this.shared;
    if (!isEnabled(severity, options.level)) return;
    const entry = cloudLoggingEntry({
      severity,
      message,
      event,
      time: (options.now ?? (() => new Date()))(),
      service: options.service,
      env: options.env,
      fields: { ...this.fields, ...fields },
    });
    this.shared.submitted += 1;
    logger.log({ level: WINSTON_LEVEL_OF[severity], message, entry });
  }

  child(fields: Record<string, unknown>): FlushableEventLog {
    return new WinstonEventLog(this.shared, { ...this.fields, ...fields });
  }

  flush(): Promise<void> {
    return this.shared.tracker.whenDelivered(this.shared.submitted);
  }
}
