import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/openDatabase.ts';
import { migrate } from '../db/migrate.ts';
import { loadShippedDataset } from '../dataset/loadShippedDataset.ts';
import { createDemoAccountsForDemoData } from '../auth/demoAccounts.ts';
import { resolveRoot, type RootArea } from '../areas/rootArea.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** This start loaded the shipped dataset into an empty database. */
    firstStart: boolean;
    /** The area the app opens on (ROOT_AREA); null only without areas. */
    root: RootArea | null;
  }
}

/** Opens the database, brings its schema up to date and, on first start, loads the shipped data and the demo accounts. */
export const databasePlugin = fp(
  async (app: FastifyInstance, opts: { config: AppConfig }) => {
    const { config } = opts;
    // The schema is changed by its owner when one is given; the app then runs as a role that may not.
    let applied: string[] = [];
    if (config.migrationDatabaseUrl && config.databaseUrl) {
      const owner = await openDatabase({ ...config, databaseUrl: config.migrationDatabaseUrl });
      try {
        applied = await migrate(owner);
      } finally {
        await owner.close();
      }
    }
    const db = await openDatabase(config);
    app.decorate('db', db);
    app.addHook('onClose', async () => db.close());
    applied.push(...await migrate(db));
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
    const loaded = await loadShippedDataset(db, config.datasetDir, (step, done, total) => {
      if (done === total) app.log.info(`loading ${step}: ${done}/${total}`);
    });
    if (loaded) {
      app.log.info(`shipped dataset loaded from ${config.datasetDir}`);
      // Only on the load: an account removed later is not brought back by the next start.
      if (await createDemoAccountsForDemoData(db)) app.log.info('demo accounts created');
    }
    app.decorate('firstStart', loaded);
    const root = await resolveRoot(db, config.rootArea ?? null);
    app.decorate('root', root);
    if (root) app.log.info(`root area ${root.code} ${root.name} (${root.level})`);
  },
  { name: 'database' },
);
