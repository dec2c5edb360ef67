import type { TestProject } from 'vitest/node';
import type { EmbeddedServer } from '../server/db/startEmbedded.ts';
import { prepareDatabase, startPreparedEmbedded } from './helpers/preparedEmbedded.ts';
import { grantAppRole } from './helpers/appRole.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the server and the scripts connect with: DATABASE_URL (with MIGRATION_DATABASE_URL, a least-privilege role). */
    databaseUrl: string;
    /** The tables' owner: MIGRATION_DATABASE_URL, else the same as databaseUrl. For a test's own admin work. */
    ownerDatabaseUrl: string;
    backend: 'embedded' | 'postgres';
  }
}

let embedded: EmbeddedServer | null = null;

/**
 * Server tests run against DATABASE_URL when it is set, else against the embedded PGlite. With
 * MIGRATION_DATABASE_URL as well (CI, as production runs), the owner migrates and loads the data,
 * then grants DATABASE_URL's role the rights of `npm run db:roles`, and the tests' servers run as that role.
 */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let ownerUrl = url;
  if (url) {
    ownerUrl = process.env.MIGRATION_DATABASE_URL || url;
    project.provide('backend', await prepareDatabase(ownerUrl));
    await grantAppRole(ownerUrl, url);
  } else {
    embedded = await startPreparedEmbedded();
    url = ownerUrl = embedded.url;
    project.provide('backend', 'embedded');
  }
  project.provide('databaseUrl', url);
  project.provide('ownerDatabaseUrl', ownerUrl!);
  return async () => {
    await embedded?.stop();
  };
}
