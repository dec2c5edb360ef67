import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseSetupError } from './db/errors.ts';

try {
  const config = loadConfig();
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  console.log(`\n  攻坚图 · Campaign Map is running at ${url}\n  database: ${app.db.backend}${config.databaseUrl ? '' : ` (${config.dataDir})`}\n  API docs: ${url}api/docs\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseSetupError) {
    console.error(`\n  Cannot start: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
