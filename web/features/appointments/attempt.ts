import { newIdempotencyKey, outcomeUnknown } from '../../lib/idempotency';

/**
 * The idempotency key of one booking attempt. Sending the same request again after a lost answer
 * or a server failure reuses the key (the server books once); a different request (another slot
 * or reason), or any request after a success or a refusal, is a new attempt with a fresh key.
 */
export class BookingAttempt {
  private current: { key: string; request: string } | null = null;
  constructor(private readonly fresh: () => string = newIdempotencyKey) {}

  /** The key to send with this request. */
  keyFor(request: unknown): string {
    const sig = JSON.stringify(request);
    if (!this.current || this.current.request !== sig) this.current = { key: this.fresh(), request: sig };
    return this.current.key;
  }

  /** The answer came: success (no error) or a refusal ends the attempt; an unknown outcome keeps it. */
  settle(err?: unknown): void {
    if (err === undefined || !outcomeUnknown(err)) this.current = null;
  }
}
