import { ForbiddenError } from '../errors.ts';

export type Role = 'admin' | 'leader' | 'planner' | 'clerk' | 'inspector';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'display'; label: string }
  | { kind: 'user'; id: number; username: string; role: Role; areaCode: string; csrfToken: string };

/** What a route needs. `aggregates` is public, with small counts suppressed for the public. */
export type Permission = 'aggregates' | 'households:read' | 'households:write' | 'projects:write' | 'users' | 'targets' | 'audit' | 'parks:plan' | 'parks:approve' | 'lists:write' | 'verify';

const GRANTS: Record<Role, readonly Permission[]> = {
  leader: ['aggregates', 'lists:write', 'parks:approve'],
  planner: ['aggregates', 'parks:plan'],
  clerk: ['aggregates', 'households:read', 'households:write', 'projects:write'],
  admin: ['aggregates', 'households:read', 'users', 'targets', 'audit', 'parks:plan', 'parks:approve', 'lists:write', 'verify'],
  // 督查: reads the audit trail and the integrity report, draws samples and records visits; nothing else.
  inspector: ['aggregates', 'audit', 'verify'],
};

export function can(principal: Principal, permission: Permission): boolean {
  if (permission === 'aggregates') return true;
  return principal.kind === 'user' && GRANTS[principal.role].includes(permission);
}

/** Area scope by code prefix: an area is inside the principal's area when its code starts with it. */
export function inScope(principal: Principal, areaCode: string): boolean {
  return principal.kind === 'user' && areaCode.startsWith(principal.areaCode);
}

/**
 * A record's area must lie inside the caller's area (`area`, a code prefix): else a 403 that says
 * which. Every write and every read of personal or audit data goes through this or inScope.
 */
export function requireInside(area: string, code: string, what: string): void {
  if (!code.startsWith(area)) throw new ForbiddenError(`${what} is in ${code}, outside your area ${area}`);
}

/** Whether small aggregates must be hidden: for anyone without an account (the public, wall screens). */
export function seesSmallCounts(principal: Principal): boolean {
  return principal.kind === 'user';
}

/**
 * The smallest household count this caller may see in an aggregate: null (no limit) for an
 * account, the configured minimum for the public and wall screens. Decided once per request.
 */
export function minHouseholdsFor(principal: Principal, publicMinimum: number): number | null {
  return seesSmallCounts(principal) ? null : publicMinimum;
}
