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
  it('blocks after the limit within the window, and forgets after it', () => {
    const t = new LoginThrottle(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('k', i)).toBe(0);
      t.fail('k', i);
    }
    expect(t.retryAfter('k', 10)).toBe(990);
    expect(t.retryAfter('other', 10)).toBe(0);
    expect(t.retryAfter('k', 1001)).toBe(0);
    t.fail('k', 1001);
    t.succeed('k');
    expect(t.retryAfter('k', 1002)).toBe(0);
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
