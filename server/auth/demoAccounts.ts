import type { Database } from '../db/openDatabase.ts';
import type { Role } from './access.ts';
import { createUser } from './users.ts';
import { hashToken } from './password.ts';

/** The demo dataset's accounts; their passwords are in the README and printed on first start. */
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; areaCode: string; displayName: string }[] = [
  { username: 'admin', password: 'demo-admin-2018', role: 'admin', areaCode: '5120', displayName: '系统管理员（演示）' },
  { username: 'leader', password: 'demo-leader-2018', role: 'leader', areaCode: '5120', displayName: '市领导（演示）' },
  { username: 'planner', password: 'demo-planner-2018', role: 'planner', areaCode: '5120', displayName: '规划员（演示）' },
  { username: 'clerk.anyue', password: 'demo-clerk-2018', role: 'clerk', areaCode: '512021', displayName: '安岳县扶贫办（演示）' },
  { username: 'clerk.512021101', password: 'demo-clerk-2018', role: 'clerk', areaCode: '512021101', displayName: '鸳大镇扶贫专干（演示）' },
  { username: 'inspector', password: 'demo-inspector-2018', role: 'inspector', areaCode: '5120', displayName: '市督查组（演示）' },
  { username: 'inspector.anyue', password: 'demo-inspector-2018', role: 'inspector', areaCode: '512021', displayName: '安岳县督查组（演示）' },
  { username: 'clerk.512022103', password: 'demo-clerk-2018', role: 'clerk', areaCode: '512022103', displayName: '石湍镇扶贫专干（演示）' },
];

export const DEMO_DISPLAY_TOKEN = 'demo-wall-display-2018';

/** With the generated province dataset (npm run data:generate -- --province 51): accounts that see every city. */
export const DEMO_PROVINCE_ACCOUNTS: typeof DEMO_ACCOUNTS = [
  { username: 'admin.province', password: 'demo-admin-2018', role: 'admin', areaCode: '51', displayName: '省系统管理员（演示）' },
  { username: 'leader.province', password: 'demo-leader-2018', role: 'leader', areaCode: '51', displayName: '省领导（演示）' },
  { username: 'inspector.province', password: 'demo-inspector-2018', role: 'inspector', areaCode: '51', displayName: '省督查组（演示）' },
];

export async function createDemoAccounts(db: Database): Promise<void> {
  const [province] = await db.query(`SELECT 1 FROM areas WHERE code = '51'`);
  for (const a of [...DEMO_ACCOUNTS, ...(province ? DEMO_PROVINCE_ACCOUNTS : [])]) {
    const exists = await db.query('SELECT 1 FROM users WHERE username = $1', [a.username]);
    if (exists.length === 0) await createUser(db, { ...a, demo: true }, { actorId: null, actor: 'demo dataset', ip: '' });
  }
  await db.query(`INSERT INTO display_tokens (token_hash, label) VALUES ($1, 'demo wall screen') ON CONFLICT DO NOTHING`, [hashToken(DEMO_DISPLAY_TOKEN)]);
}

/**
 * After the shipped dataset was loaded into an empty database: the demo dataset comes with demo
 * accounts (README); a user's own data gets accounts by npm run user. Returns whether it made them.
 */
export async function createDemoAccountsForDemoData(db: Database): Promise<boolean> {
  const [meta] = await db.query<{ synthetic: boolean | null }>(`SELECT (value->>'synthetic')::boolean AS synthetic FROM dataset_meta WHERE key = 'meta'`);
  if (meta?.synthetic !== true) return false;
  await createDemoAccounts(db);
  return true;
}
