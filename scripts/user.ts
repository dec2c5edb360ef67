// npm run user -- add NAME --role admin|leader|planner|clerk --area CODE [--password P] [--name 显示名]
// npm run user -- list | remove NAME | display-token LABEL
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadShippedDataset } from '../server/dataset/loadShippedDataset.ts';
import { createDemoAccountsForDemoData } from '../server/auth/demoAccounts.ts';
import { createUser } from '../server/auth/users.ts';
import { newToken } from '../server/auth/password.ts';
import { hashToken } from '../server/auth/password.ts';
import { writeAudit } from '../server/audit/writeAudit.ts';
import type { Role } from '../server/auth/access.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, area: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
});
const [command, arg] = positionals;
const usage = 'usage: npm run user -- add NAME --role admin|leader|planner|clerk --area CODE [--password P] [--name NAME]\n       npm run user -- list | remove NAME | display-token LABEL';
const ROLES = ['admin', 'leader', 'planner', 'clerk'];

const config = loadConfig();
const db = await openDatabase(config);
let code = 0;
const by = { actorId: null, actor: 'npm run user', ip: 'cli' };
try {
  await migrate(db);
  if (await loadShippedDataset(db, config.datasetDir)) await createDemoAccountsForDemoData(db);
  if (command === 'add' && arg && values.role && ROLES.includes(values.role) && values.area) {
    const password = values.password ?? randomBytes(12).toString('base64url');
    if (password.length < 10) throw new Error('--password must have at least 10 characters');
    const u = await createUser(db, { username: arg, password, role: values.role as Role, areaCode: values.area, displayName: values.name }, by);
    console.log(`created ${u.username} (${u.role} of ${u.areaCode})${values.password ? '' : `, password: ${password}`}`);
  } else if (command === 'list') {
    for (const u of await db.query<{ username: string; role: string; area_code: string; active: boolean; demo: boolean }>('SELECT username, role, area_code, active, demo FROM users ORDER BY username')) {
      console.log(`${u.username.padEnd(20)} ${u.role.padEnd(8)} ${u.area_code.padEnd(12)} ${u.active ? 'active' : 'disabled'}${u.demo ? ' (demo)' : ''}`);
    }
  } else if (command === 'remove' && arg) {
    await db.transaction(async (tx) => {
      // Accounts are disabled, not deleted: the audit trail keeps naming them.
      const rows = await tx.query<{ id: number }>('UPDATE users SET active = false WHERE username = $1 RETURNING id', [arg]);
      if (rows.length === 0) throw new Error(`no user ${arg}`);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [rows[0].id]);
      await writeAudit(tx, { ...by, action: 'user.disable', entity: 'user', entityId: String(rows[0].id), after: { active: false } });
    });
    console.log(`disabled ${arg}`);
  } else if (command === 'display-token' && arg) {
    const token = newToken();
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO display_tokens (token_hash, label) VALUES ($1, $2)', [hashToken(token), arg]);
      await writeAudit(tx, { ...by, action: 'display_token.create', entity: 'display_token', entityId: arg });
    });
    console.log(`display token for "${arg}": ${token}\nopen /wall?display=${token}`);
  } else {
    console.error(usage);
    code = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  code = 1;
} finally {
  await db.close();
}
process.exit(code);
