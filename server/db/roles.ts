/**
 * Least-privilege roles for a PostgreSQL deployment: the tables' owner applies migrations; the
 * server runs as a role with only the data rights it needs. On `audit_log` that role may read and
 * add rows, never change, delete or truncate them, and, not being the owner or a superuser, it can
 * neither disable nor drop the table's trigger nor set session_replication_role.
 */
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function appRoleSql(q: { role: string; database: string; password?: string }): string {
  for (const [name, value] of [['role', q.role], ['database', q.database]] as const) {
    if (!IDENT.test(value)) throw new Error(`${name}: "${value}" is not a plain lower-case identifier`);
  }
  const { role, database } = q;
  const password = q.password === undefined ? null : `'${q.password.replace(/'/g, "''")}'`;
  return [
    `-- Run as the owner of the tables (or a superuser), connected to database ${database}.`,
    password ? `CREATE ROLE ${role} LOGIN PASSWORD ${password} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;` : `-- CREATE ROLE ${role} LOGIN PASSWORD '…' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;`,
    `GRANT CONNECT ON DATABASE ${database} TO ${role};`,
    `GRANT USAGE ON SCHEMA public TO ${role};`,
    `REVOKE CREATE ON SCHEMA public FROM ${role};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${role};`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};`,
    '-- Tables added by later migrations (run by the owner) get the same rights:',
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role};`,
    '',
  ].join('\n');
}
