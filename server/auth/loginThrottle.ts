/**
 * Log-in throttling that stops guessing without handing out lock-outs (in memory: one API process).
 *
 * - Per account, across addresses: after `freeAttempts` failures each further attempt must wait a
 *   delay that doubles from `baseDelayMs` up to `maxDelayMs`. Guessing slows to a crawl, yet the
 *   owner, with the right password, waits at most `maxDelayMs`: nobody can lock an account for
 *   long, whatever address they try from.
 * - Per address, across accounts: more than `perAddress` failures in `windowMs` and that address
 *   waits for the window to pass; a spray of many names × few passwords stops there.
 * An account's count is forgotten `windowMs` after its last failure, or at a successful log-in.
 */
export interface ThrottleRules {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  perAddress: number;
  windowMs: number;
}

export class LoginThrottle {
  private accounts = new Map<string, { count: number; last: number }>();
  private addresses = new Map<string, number[]>();
  constructor(private readonly rules: ThrottleRules) {}

  /** The delay an account's failures impose after its last failure. */
  accountDelay(count: number): number {
    const r = this.rules;
    return count < r.freeAttempts ? 0 : Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** (count - r.freeAttempts));
  }

  /** Milliseconds to wait before this account may be tried from this address, and why; 0 to go ahead. */
  retryAfter(account: string, address: string, now = Date.now()): { waitMs: number; reason: 'account' | 'address' | null } {
    const r = this.rules;
    const a = this.accounts.get(account);
    if (a && now - a.last >= r.windowMs) this.accounts.delete(account);
    const accountWait = a && now - a.last < r.windowMs ? Math.max(0, this.accountDelay(a.count) - (now - a.last)) : 0;
    const recent = (this.addresses.get(address) ?? []).filter((t) => now - t < r.windowMs);
    if (recent.length === 0) this.addresses.delete(address);
    else this.addresses.set(address, recent);
    const addressWait = recent.length >= r.perAddress ? r.windowMs - (now - recent[0]) : 0;
    if (addressWait === 0 && accountWait === 0) return { waitMs: 0, reason: null };
    return addressWait >= accountWait ? { waitMs: addressWait, reason: 'address' } : { waitMs: accountWait, reason: 'account' };
  }

  fail(account: string, address: string, now = Date.now()): void {
    const a = this.accounts.get(account);
    this.accounts.set(account, { count: (a && now - a.last < this.rules.windowMs ? a.count : 0) + 1, last: now });
    const list = this.addresses.get(address) ?? [];
    list.push(now);
    this.addresses.set(address, list);
  }

  /** A successful log-in clears its account's count; an address's failures stand. */
  succeed(account: string): void {
    this.accounts.delete(account);
  }
}
