/**
 * Prints the SQL that creates the server's least-privilege role (server/db/roles.ts):
 *   npm run db:roles -- --role campaign_app --database campaign [--password …]
 * Run it as the tables' owner; then DATABASE_URL names the new role and MIGRATION_DATABASE_URL the owner.
 */
import { parseArgs } from 'node:util';
import { appRoleSql } from '../server/db/roles.ts';

const { values } = parseArgs({ options: { role: { type: 'string', default: 'campaign_app' }, database: { type: 'string', default: 'campaign' }, password: { type: 'string' } } });
try {
  process.stdout.write(appRoleSql({ role: values.role!, database: values.database!, password: values.password }));
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
