import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseSetupError } from './db/errors.ts';
import { DEMO_ACCOUNTS, DEMO_DISPLAY_TOKEN } from './auth/demoAccounts.ts';

try {
  const config = loadConfig();
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  console.log(`\n  攻坚图 · Campaign Map is running at ${url}\n  database: ${app.db.backend}${config.databaseUrl ? '' : ` (${config.dataDir})`}\n  API docs: ${url}api/docs\n`);
  if (app.firstStart) {
    console.log('  Demo accounts (synthetic data; remove them with npm run user -- remove NAME before real use):');
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(16)} ${a.password.padEnd(18)} ${a.role} of ${a.areaCode}`);
    console.log(`  Wall screen display token: ${DEMO_DISPLAY_TOKEN}  (${url}wall?display=${DEMO_DISPLAY_TOKEN})\n`);
  }
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
