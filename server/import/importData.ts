import type { Database } from '../db/openDatabase.ts';
import { refreshAdjacency } from '../parks/refreshAdjacency.ts';
import { refreshDerived } from '../dataset/writeDataset.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import type { InputFile } from './readInputFile.ts';
import { summariseChanges, type ImportKind, type ImportReport } from './importReport.ts';
import { importHouseholds } from './householdImport.ts';
import { importBoundaries } from './boundaryImport.ts';
import type { ImportOptions } from './importErrors.ts';

export { ImportError, type ImportOptions } from './importErrors.ts';
export type { ImportKind, ImportReport } from './importReport.ts';

/** Polygons are boundaries; points and CSV rows are household records. */
export function detectKind(input: InputFile): ImportKind {
  if (input.format === 'csv' || input.format === 'geojson-points') return 'households';
  const first = input.features.find((f) => f.geometry);
  return first && (first.geometry!.type === 'Polygon' || first.geometry!.type === 'MultiPolygon') ? 'boundaries' : 'households';
}

/** Thrown inside the transaction to roll a dry run back once its report is made. */
class DryRun extends Error {
  constructor(public readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports boundaries or household records: all of it, or nothing. Unless `write` is true it is a
 * dry run: the same statements run and are checked, the report says what would change, and the
 * transaction is rolled back.
 */
export async function importData(db: Database, input: InputFile, options: ImportOptions & { kind?: ImportKind; write?: boolean }): Promise<ImportReport> {
  const kind = options.kind ?? detectKind(input);
  try {
    return await db.transaction(async (tx) => {
      const report = kind === 'boundaries' ? await importBoundaries(tx, input, options) : await importHouseholds(tx, input, options);
      if (!options.write) throw new DryRun(report);
      // What is derived from the records follows them: change tables, targets, adjacency.
      await refreshDerived(tx);
      if (kind === 'boundaries') {
        await refreshAdjacency(tx);
        await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('meta', jsonb_build_object('synthetic', false, 'importedAt', now()::text))
          ON CONFLICT (key) DO UPDATE SET value = dataset_meta.value || jsonb_build_object('boundariesImportedAt', now()::text)`);
      }
      await writeAudit(tx, {
        actorId: null, actor: options.actor, ip: 'cli', action: `import.${kind}`, entity: kind, entityId: '*',
        areaCode: options.replaceArea ?? null,
        after: { rows: report.rows, unchanged: report.unchanged, asOf: options.asOf, replaceArea: options.replaceArea ?? null,
          tables: report.summary ?? summariseChanges(report.changes), outside: report.outside.length },
      });
      return { ...report, written: true };
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    throw err;
  }
}
