import { Writable } from 'node:stream';

/**
 * A Writable that forwards every chunk to `target` and counts the chunks `target` has
 * accepted (its write callback fired), so `whenDelivered(n)` can wait for the first `n`.
 */
export class DeliveryTracker extends Writable {
  private delivered = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(private readonly target: NodeJS.WritableStream) {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A failed write (EPIPE ...) still counts as delivered: flushing must not hang on a dead sink.
    this.target.write(chunk, () => {
      this.delivered += 1;
      this.release();
      callback();
    });
  }

  /** Resolves once `count` chunks have been accepted by the target. */
  whenDelivered(count: number): Promise<void> {
    if (this.delivered >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private release(): void {
    const ready = this.waiters.filter((w) => w.count <= this.delivered);
    this.waiters = this.waiters.filter((w) => w.count > this.delivered);
    for (const waiter of ready) waiter.resolve();
  }
}
