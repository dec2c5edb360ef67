import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/password.ts';
import { LoginThrottle } from '../../../server/auth/loginThrottle.ts';
import { can, inScope, seesSmallCounts, type Principal } from '../../../server/auth/access.ts';
import { exitFailures } from '../../../server/domain/exitRules.ts';

const user = (role: 'admin' | 'leader' | 'planner' | 'clerk', areaCode: string): Principal => ({ kind: 'user', id: 1, username: 'u', role, areaCode, csrfToken: 't' });

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('log-in throttle', () => {
  const rules = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, perAddress: 10, windowMs: 60_000 };

  it('slows an account down progressively from any address, never for more than the longest delay', () => {
    const t = new LoginThrottle(rules);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('admin', `10.0.0.${i}`, i).waitMs).toBe(0);
      t.fail('admin', `10.0.0.${i}`, i);
    }
    // The fourth try waits 1 s after the last failure, from this address or another.
    expect(t.retryAfter('admin', '10.0.0.9', 2)).toEqual({ waitMs: 1000, reason: 'account' });
    expect(t.retryAfter('admin', '10.0.0.1', 502).waitMs).toBe(500);
    expect(t.retryAfter('admin', '10.0.0.1', 1002).waitMs).toBe(0);
    // Each further failure doubles the delay, up to the cap: an attacker cannot lock the owner out for long.
    let now = 1002;
    for (let i = 0; i < 10; i++) {
      t.fail('admin', `10.0.1.${i}`, now);
      now += t.retryAfter('admin', `10.0.1.${i}`, now).waitMs;
    }
    expect(t.accountDelay(13)).toBe(8000);
    expect(t.retryAfter('admin', '10.9.9.9', now).waitMs).toBe(0);
    expect(t.retryAfter('leader', '10.0.0.1', now).waitMs).toBe(0);
    // A successful log-in clears the account; the count is also forgotten a window after the last failure.
    t.succeed('admin');
    expect(t.retryAfter('admin', '10.9.9.9', now).waitMs).toBe(0);
    t.fail('clerk', '10.2.0.1', 0);
    t.fail('clerk', '10.2.0.2', 1);
    t.fail('clerk', '10.2.0.3', 2);
    expect(t.retryAfter('clerk', '10.2.0.4', 60_002).waitMs).toBe(0);
  });

  it('stops a spray of many names from one address, and only that address', () => {
    const t = new LoginThrottle(rules);
    for (let i = 0; i < 10; i++) t.fail(`user${i}`, '192.0.2.7', i);
    expect(t.retryAfter('someone-else', '192.0.2.7', 10)).toEqual({ waitMs: 60_000 - 10, reason: 'address' });
    expect(t.retryAfter('someone-else', '192.0.2.8', 10).waitMs).toBe(0);
    expect(t.retryAfter('someone-else', '192.0.2.7', 60_000).waitMs).toBe(0);
  });
});

describe('roles and area scope', () => {
  it('grants by role and scopes by code prefix', () => {
    expect(can({ kind: 'anonymous' }, 'aggregates')).toBe(true);
    expect(can({ kind: 'display', label: 'wall' }, 'households:read')).toBe(false);
    expect(can(user('leader', '5120'), 'households:read')).toBe(false);
    expect(can(user('clerk', '512021101'), 'households:write')).toBe(true);
    expect(can(user('admin', '5120'), 'households:write')).toBe(false);
    expect(can(user('admin', '5120'), 'audit')).toBe(true);
    expect(inScope(user('clerk', '512021101'), '512021101203')).toBe(true);
    expect(inScope(user('clerk', '512021101'), '512022103201')).toBe(false);
    expect(inScope(user('clerk', '512021'), '512021101203')).toBe(true);
    expect(seesSmallCounts({ kind: 'display', label: 'wall' })).toBe(false);
    expect(seesSmallCounts(user('leader', '5120'))).toBe(true);
  });
});

describe('exit standard', () => {
  it('needs income above 3,600 yuan and 两不愁三保障', () => {
    const ok = { income_per_capita: 3601, food_clothing: true, education: true, medical: true, housing: true };
    expect(exitFailures(ok)).toEqual([]);
    expect(exitFailures({ ...ok, income_per_capita: 3600 })).toEqual([expect.stringMatching(/^income:/)]);
    expect(exitFailures({ ...ok, education: false, medical: false }).map((r) => r.split(':')[0])).toEqual(['education', 'medical']);
  });
});
