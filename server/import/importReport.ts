import type { HouseholdRecord } from '../dataset/types.ts';

/**
 * What an import does or would do, record by record. Pure: the import modules fill it in, the
 * command prints it, and the tests read it.
 */
export type ImportKind = 'boundaries' | 'households';
export type ChangeKind = 'add' | 'change' | 'remove';

export interface RecordChange {
  /** The table the record lives in: areas, households, household_history, projects, … */
  table: string;
  id: string;
  change: ChangeKind;
  /** What changed, or why it goes: "status, income_per_capita", "its village 512…001 is not in the file". */
  detail?: string;
  /** Rows this entry stands for (a household's history rows are one entry); 1 unless given. */
  count?: number;
}

export interface OutsideVillage {
  id: string;
  villageCode: string;
  metres: number;
}

export interface ImportReport {
  kind: ImportKind;
  /** false for a dry run: everything was checked and counted, nothing was kept. */
  written: boolean;
  rows: number;
  unchanged: number;
  changes: RecordChange[];
  /** Households whose point lies outside their (new) village polygon. */
  outside: OutsideVillage[];
  /** The area whose households a household file replaces, when the caller named one. */
  replaceArea?: string | null;
  /**
   * Rows per table when `changes` lists only the first of them (a large file's report keeps its
   * memory bounded); without it the counts are those of `changes`.
   */
  summary?: TableSummary[];
  /** Change entries counted in `summary` but left out of `changes`. */
  unlisted?: number;
}

/** Household fields an import compares, in the file's column names; lon/lat compare to 1e-7°. */
export const HOUSEHOLD_FIELDS = [
  ['villageCode', 'village_code'], ['lon', 'lon'], ['lat', 'lat'], ['size', 'size'], ['labourCount', 'labour_count'],
  ['employedMembers', 'employed_members'], ['incomePerCapita', 'income_per_capita'], ['povertyCause', 'poverty_cause'],
  ['status', 'status'], ['foodClothing', 'food_clothing'], ['education', 'education'], ['medical', 'medical'],
  ['housing', 'housing'], ['medicalInsurance', 'medical_insurance'], ['needsRelocation', 'needs_relocation'],
  ['needsRenovation', 'needs_renovation'], ['exitDate', 'exit_date'], ['headName', 'head_name'], ['phone', 'phone'],
] as const satisfies readonly (readonly [keyof HouseholdRecord, string])[];

/** The fields that are dated in household_history: a change to one of them is a new history row. */
export const HISTORY_FIELDS: readonly (keyof HouseholdRecord)[] = [
  'status', 'incomePerCapita', 'foodClothing', 'education', 'medical', 'housing', 'medicalInsurance', 'employedMembers',
];

/** The file's column names of the fields that differ between a stored household and the file's row. */
export function changedHouseholdFields(stored: HouseholdRecord, incoming: HouseholdRecord): string[] {
  return HOUSEHOLD_FIELDS.filter(([key]) => {
    const a = stored[key];
    const b = incoming[key];
    if ((key === 'lon' || key === 'lat') && typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > 1e-7;
    return a !== b;
  }).map(([, column]) => column);
}

export function touchesHistory(stored: HouseholdRecord, incoming: HouseholdRecord): boolean {
  return HISTORY_FIELDS.some((k) => stored[k] !== incoming[k]);
}

export interface TableSummary {
  table: string;
  add: number;
  change: number;
  remove: number;
}

/** Rows added, changed and removed per table, in the order the tables first appear. */
export function summariseChanges(changes: readonly RecordChange[]): TableSummary[] {
  const byTable = new Map<string, TableSummary>();
  for (const c of changes) {
    let s = byTable.get(c.table);
    if (!s) byTable.set(c.table, (s = { table: c.table, add: 0, change: 0, remove: 0 }));
    s[c.change] += c.count ?? 1;
  }
  return [...byTable.values()];
}

const VERB: Record<ChangeKind, string> = { add: 'add', change: 'change', remove: 'REMOVE' };

/**
 * The report as the command prints it: a line per table, then the removals and changes by name
 * (up to `limit` of each kind), then every household left outside its village.
 */
export function formatReport(report: ImportReport, limit = 20): string[] {
  const lines: string[] = [];
  const mode = report.written ? 'written' : 'DRY RUN: nothing was written';
  lines.push(`${report.kind} import, ${report.rows} row(s) in the file${report.replaceArea ? `, replacing area ${report.replaceArea}` : ''} (${mode})`);
  const summary = report.summary ?? summariseChanges(report.changes);
  if (summary.length === 0) lines.push(report.written ? '  no record changed' : '  no record would change');
  for (const s of summary) {
    lines.push(`  ${s.table}: ${s.add} added, ${s.change} changed, ${s.remove} removed`);
  }
  lines.push(`  unchanged: ${report.unchanged}`);
  for (const kind of ['remove', 'change', 'add'] as const) {
    const list = report.changes.filter((c) => c.change === kind);
    if (list.length === 0) continue;
    const count = report.unlisted ? `first ${Math.min(limit, list.length)} shown, all counted above` : `${list.length}${list.length > limit ? `, first ${limit}` : ''}`;
    lines.push(`${VERB[kind] === 'REMOVE' ? 'Removed' : kind === 'change' ? 'Changed' : 'Added'} (${count}):`);
    for (const c of list.slice(0, limit)) {
      lines.push(`  ${VERB[kind]} ${c.table} ${c.id}${c.count && c.count > 1 ? ` (${c.count} rows)` : ''}${c.detail ? `: ${c.detail}` : ''}`);
    }
  }
  if (report.unlisted) lines.push(`(${report.unlisted} more change(s) are counted above but not listed)`);
  if (report.outside.length > 0) {
    lines.push(`Households outside their village polygon (${report.outside.length}):`);
    for (const o of report.outside) lines.push(`  household ${o.id} lies ${o.metres} m outside its village ${o.villageCode}`);
  }
  if (!report.written) lines.push('Nothing was written. Run again with --write to apply these changes.');
  return lines;
}
