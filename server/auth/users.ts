import type { Database, Queryable } from '../db/openDatabase.ts';
import { hashPassword } from './password.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { BadRequestError, ConflictError } from '../errors.ts';
import type { Role } from './access.ts';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  areaCode: string;
  displayName?: string;
  demo?: boolean;
}

/** Creates an account and its audit row together; the password is stored only as a scrypt hash. */
export async function createUser(db: Database, u: NewUser, by: { actorId: number | null; actor: string; ip: string }) {
  const hash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    const [area] = await tx.query<{ level: string }>('SELECT level FROM areas WHERE code = $1', [u.areaCode]);
    if (!area) throw new BadRequestError(`areaCode: no area with code ${u.areaCode}`);
    if (u.role === 'clerk' && area.level !== 'county' && area.level !== 'township') {
      throw new BadRequestError(`areaCode: a clerk works for a county or a township, not a ${area.level}`);
    }
    const exists = await tx.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
    if (exists.length > 0) throw new ConflictError(`username: ${u.username} is taken`, null);
    const [row] = await tx.query<{ id: number; createdAt: string }>(
      `INSERT INTO users (username, display_name, password_hash, role, area_code, demo) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, created_at::text AS "createdAt"`, [u.username, u.displayName ?? '', hash, u.role, u.areaCode, u.demo ?? false]);
    const user = { id: row.id, username: u.username, displayName: u.displayName ?? '', role: u.role, areaCode: u.areaCode, active: true, demo: u.demo ?? false, createdAt: row.createdAt };
    await writeAudit(tx, { ...by, action: 'user.create', entity: 'user', entityId: String(row.id), areaCode: u.areaCode, after: { ...user, createdAt: undefined } });
    return user;
  });
}

/** The accounts inside an area (a code prefix), by user name. */
export function listUsers(db: Queryable, area: string) {
  return db.query<{ id: number; username: string; displayName: string; role: string; areaCode: string; active: boolean; demo: boolean; createdAt: string }>(
    `SELECT id, username, display_name AS "displayName", role, area_code AS "areaCode", active, demo, created_at::text AS "createdAt"
     FROM users WHERE area_code LIKE $1 || '%' ORDER BY username`, [area]);
}
