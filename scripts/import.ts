// npm run import -- <file> [--kind boundaries|households] [--as-of YYYY-MM-DD]
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadShippedDataset } from '../server/dataset/loadShippedDataset.ts';
import { createDemoAccountsForDemoData } from '../server/auth/demoAccounts.ts';
import { readInputFile } from '../server/import/readInputFile.ts';
import { importData, ImportError, type ImportKind } from '../server/import/importData.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { kind: { type: 'string' }, 'as-of': { type: 'string' } },
});
const file = positionals[0];
if (!file || positionals.length > 1 || (values.kind && values.kind !== 'boundaries' && values.kind !== 'households')) {
  console.error('usage: npm run import -- <file.geojson|file.zip|file.csv> [--kind boundaries|households] [--as-of YYYY-MM-DD]');
  process.exit(2);
}
const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  process.exit(2);
}

const config = loadConfig();
let exitCode = 0;
const started = Date.now();
let db;
try {
  const input = await readInputFile(file);
  db = await openDatabase(config);
  await migrate(db);
  if (await loadShippedDataset(db, config.datasetDir)) await createDemoAccountsForDemoData(db);
  const result = await importData(db, input, {
    kind: values.kind as ImportKind | undefined,
    asOf,
    progress: (step, done, total) => process.stderr.write(`\r  ${step}: ${done}/${total}${done === total ? '\n' : ''}`),
  });
  console.log(`imported ${result.rows} ${result.kind} rows from ${file} (replacing ${result.replaced}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  exitCode = 1;
  if (err instanceof ImportError) {
    console.error(`\n${file}: import refused, nothing was written. ${err.problems.length} problem(s):`);
    for (const p of err.problems) console.error(`  ${p.line > 0 ? `line ${p.line}` : 'file'}: ${p.reason}`);
  } else {
    console.error(`\n${file}: ${(err as Error).message}`);
  }
} finally {
  await db?.close();
}
process.exit(exitCode);
