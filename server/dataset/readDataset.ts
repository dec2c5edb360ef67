import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseRows, type RowProblem, type RawRow } from './fields.ts';
import { readCsv, streamCsv } from './readCsv.ts';
import {
  parseActivity, parseAreaFeature, parseHousehold, parseHouseholdHistory, parsePark, parsePovertyVillage,
  parseProject, parseProjectHistory, parseSpecialty,
} from './records.ts';
import type { Dataset, HouseholdHistoryRecord, HouseholdRecord } from './types.ts';

/** A file's rows were rejected; `problems` lists each one with its line and reason. */
export class InputError extends Error {
  constructor(public readonly file: string, public readonly problems: RowProblem[]) {
    super(`${file}: ${problems.length} row(s) rejected; first: line ${problems[0]?.line}: ${problems[0]?.reason}`);
    this.name = 'InputError';
  }
}

export const DATASET_FILES = {
  meta: 'meta.json',
  areas: 'areas.geojson',
  specialties: 'specialties.csv',
  povertyVillages: 'poverty-villages.csv',
  households: 'households.csv',
  householdHistory: 'household-history.csv',
  parks: 'parks.geojson',
  projects: 'projects.geojson',
  projectHistory: 'project-history.csv',
  activities: 'activities.csv',
} as const;

export function featureRows(fc: FeatureCollection<Geometry | null>): { line: number; row: RawRow }[] {
  return fc.features.map((f, i) => ({ line: i + 1, row: f as unknown as RawRow }));
}

function strict<T>(file: string, result: { records: T[]; problems: RowProblem[] }): T[] {
  if (result.problems.length > 0) throw new InputError(file, result.problems);
  return result.records;
}

/** The dataset with its two large files (households, their history) read as streams when written. */
export type StreamedDataset = Omit<Dataset, 'households' | 'householdHistory'> & {
  households: AsyncIterable<HouseholdRecord[]>;
  householdHistory: AsyncIterable<HouseholdHistoryRecord[]>;
};

/** A CSV file's records in batches, validated as they come; its rejected rows are thrown together at the end. */
async function* csvBatches<T>(dir: string, file: string, parse: (row: RawRow) => T, size = 5000): AsyncGenerator<T[]> {
  const problems: RowProblem[] = [];
  let batch: { line: number; row: RawRow }[] = [];
  const flush = () => {
    const parsed = parseRows(batch, parse);
    // Every problem is kept, as readDataset keeps them: the shipped files have none.
    problems.push(...parsed.problems);
    batch = [];
    return parsed.records;
  };
  for await (const row of streamCsv(createReadStream(join(dir, file)))) {
    batch.push(row);
    if (batch.length >= size) yield flush();
  }
  yield flush();
  if (problems.length > 0) throw new InputError(file, problems);
}

/**
 * `readDataset`, with the households and their history left as streams of batches: a province's
 * million households and three million history rows never sit in memory at once.
 */
export function readDatasetStreamed(dir: string): StreamedDataset {
  const { households: _h, householdHistory: _x, ...small } = readDataset(dir, { large: false });
  return {
    ...small,
    households: csvBatches(dir, DATASET_FILES.households, (r) => parseHousehold(r, true)),
    householdHistory: csvBatches(dir, DATASET_FILES.householdHistory, parseHouseholdHistory),
  };
}

/** Reads and validates the shipped dataset folder (the generator's output); `large: false` leaves households and history empty. */
export function readDataset(dir: string, { large = true } = {}): Dataset {
  const path = (f: string) => join(dir, f);
  for (const f of Object.values(DATASET_FILES)) {
    if (!existsSync(path(f))) throw new Error(`dataset folder ${dir} lacks ${f}`);
  }
  const csv = (f: string) => readCsv(readFileSync(path(f), 'utf8'));
  const geo = (f: string) => featureRows(JSON.parse(readFileSync(path(f), 'utf8')) as FeatureCollection);
  const asFeature = <T>(fn: (f: Feature<Geometry | null>) => T) => (row: RawRow) => fn(row as unknown as Feature<Geometry | null>);
  const F = DATASET_FILES;
  return {
    meta: JSON.parse(readFileSync(path(F.meta), 'utf8')) as Record<string, unknown>,
    areas: strict(F.areas, parseRows(geo(F.areas), asFeature((f) => parseAreaFeature(f, { repair: false })))),
    specialties: strict(F.specialties, parseRows(csv(F.specialties), parseSpecialty)),
    povertyVillages: strict(F.povertyVillages, parseRows(csv(F.povertyVillages), parsePovertyVillage)),
    households: large ? strict(F.households, parseRows(csv(F.households), (r) => parseHousehold(r, true))) : [],
    householdHistory: large ? strict(F.householdHistory, parseRows(csv(F.householdHistory), parseHouseholdHistory)) : [],
    parks: strict(F.parks, parseRows(geo(F.parks), asFeature((f) => parsePark(f, { repair: false })))),
    projects: strict(F.projects, parseRows(geo(F.projects), asFeature(parseProject))),
    projectHistory: strict(F.projectHistory, parseRows(csv(F.projectHistory), parseProjectHistory)),
    activities: strict(F.activities, parseRows(csv(F.activities), parseActivity)),
  };
}
