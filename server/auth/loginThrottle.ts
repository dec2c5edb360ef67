/**
 * Counts failed log-ins per key (user name and address) in a sliding window; after `limit`
 * failures the key waits until the oldest one leaves the window. In memory: one API process.
 */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Milliseconds to wait before trying again, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent.length >= this.limit ? this.windowMs - (now - recent[0]) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const list = this.failures.get(key) ?? [];
    list.push(now);
    this.failures.set(key, list);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
