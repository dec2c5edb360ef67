// npm run import -- <file> [--kind boundaries|households] [--as-of YYYY-MM-DD] [--replace AREA] [--write]
// Without --write it is a dry run: every check runs and the changes are listed, nothing is kept.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadShippedDataset } from '../server/dataset/loadShippedDataset.ts';
import { createDemoAccountsForDemoData } from '../server/auth/demoAccounts.ts';
import { readInputFile } from '../server/import/readInputFile.ts';
import { detectKind, importData, ImportError, type ImportKind } from '../server/import/importData.ts';
import { formatReport } from '../server/import/importReport.ts';
import { progressLine } from '../server/import/progressLine.ts';

const USAGE = 'usage: npm run import -- <file.geojson|file.zip|file.csv> [--kind boundaries|households] [--as-of YYYY-MM-DD] [--replace AREA] [--write]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { kind: { type: 'string' }, 'as-of': { type: 'string' }, replace: { type: 'string' }, write: { type: 'boolean', default: false } },
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1 || (values.kind && values.kind !== 'boundaries' && values.kind !== 'households')) {
  console.error(USAGE);
  process.exit(2);
}
const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
  process.exit(2);
}
if (values.replace !== undefined && !/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/.test(values.replace)) {
  console.error(`--replace must name an area by its code (4, 6, 9 or 12 digits), got "${values.replace}"`);
  process.exit(2);
}

const config = loadConfig();
let exitCode = 0;
const started = Date.now();
let db;
try {
  const input = await readInputFile(file);
  const kind = (values.kind as ImportKind | undefined) ?? detectKind(input);
  if (values.replace !== undefined && kind === 'boundaries') {
    throw new Error('--replace names the area whose households a household file replaces; a boundary file replaces the areas of the counties it holds');
  }
  db = await openDatabase(config);
  await migrate(db);
  if (await loadShippedDataset(db, config.datasetDir)) await createDemoAccountsForDemoData(db);
  const report = await importData(db, input, {
    kind,
    asOf,
    actor: `npm run import (${userInfo().username})`,
    replaceArea: values.replace ?? null,
    write: values.write,
    progress: (() => {
      // A TTY redraws one line; a log gets a line every 5 s and at the end of each phase.
      let phase = ''; let phaseStart = Date.now(); let lastLog = 0;
      return (step: string, done: number, total: number) => {
        const now = Date.now();
        if (step !== phase) { phase = step; phaseStart = now; lastLog = 0; }
        const line = progressLine(step, done, total, now - phaseStart);
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${line}${done === total ? '\n' : ''}`);
        else if (done === total || now - lastLog >= 5000) { lastLog = now; process.stderr.write(`  ${line}\n`); }
      };
    })(),
  });
  console.log(`${file}:`);
  for (const line of formatReport(report)) console.log(line);
  console.log(`${report.written ? 'imported' : 'checked'} ${report.rows} ${report.kind} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  exitCode = 1;
  if (err instanceof ImportError) {
    console.error(`\n${file}: import refused, nothing was written. ${err.total} problem(s):`);
    for (const p of err.problems) console.error(`  ${p.line > 0 ? `line ${p.line}` : 'file'}: ${p.reason}`);
    if (err.total > err.problems.length) console.error(`  … and ${err.total - err.problems.length} more, not listed`);
  } else {
    console.error(`\n${file}: ${(err as Error).message}`);
  }
} finally {
  await db?.close();
}
process.exit(exitCode);
