import pg from 'pg';
import { appRoleSql } from '../../server/db/roles.ts';

/** The role a connection URL logs in as. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * Gives the role of `appUrl` the everyday rights of server/db/roles.ts (`npm run db:roles`) on the
 * database of `ownerUrl`, as that database's owner. Nothing to do when both URLs are the same role
 * (a developer's superuser DATABASE_URL): the owner must not revoke its own rights on audit_log.
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const role = roleOf(appUrl);
  if (role === roleOf(ownerUrl)) return;
  const database = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const appDatabase = decodeURIComponent(new URL(appUrl).pathname.slice(1));
  if (database !== appDatabase) {
    throw new Error(`MIGRATION_DATABASE_URL names database "${database}", DATABASE_URL "${appDatabase}": they must be the same database`);
  }
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    // No password: the CREATE ROLE line is a comment, the role exists already (.ci/run makes it).
    await owner.query(appRoleSql({ role, database }));
  } finally {
    await owner.end();
  }
}
