import { describe, expect, it } from 'vitest';
import { changedHouseholdFields, formatReport, summariseChanges, touchesHistory, type ImportReport } from '../../../server/import/importReport.ts';
import type { HouseholdRecord } from '../../../server/dataset/types.ts';

const household: HouseholdRecord = {
  id: 'H1', villageCode: '512002001001', lon: 104.5, lat: 30.1, size: 3, labourCount: 2, employedMembers: 1, incomePerCapita: 4000,
  povertyCause: '因病', status: 'poor', foodClothing: true, education: true, medical: true, housing: false, medicalInsurance: true,
  needsRelocation: false, needsRenovation: true, exitDate: null, headName: '张三', phone: '', synthetic: false,
};

describe('household changes an import finds', () => {
  it('names the changed fields by their column, ignores float noise in coordinates', () => {
    expect(changedHouseholdFields(household, { ...household })).toEqual([]);
    expect(changedHouseholdFields(household, { ...household, lon: 104.5 + 1e-9, synthetic: true })).toEqual([]);
    expect(changedHouseholdFields(household, { ...household, lon: 104.501, incomePerCapita: 4100, headName: '张四' }))
      .toEqual(['lon', 'income_per_capita', 'head_name']);
  });

  it('dates only the fields household_history records', () => {
    expect(touchesHistory(household, { ...household, phone: '138' })).toBe(false);
    expect(touchesHistory(household, { ...household, housing: true })).toBe(true);
  });
});

describe('the import report', () => {
  const report: ImportReport = {
    kind: 'households', written: false, rows: 4, unchanged: 1, replaceArea: '512002001001',
    changes: [
      { table: 'households', id: 'H2', change: 'change', detail: 'status' },
      { table: 'households', id: 'H3', change: 'add' },
      { table: 'households', id: 'H4', change: 'remove', detail: 'in 512002001001, not in the file' },
      { table: 'household_history', id: 'H4', change: 'remove', count: 3 },
    ],
    outside: [{ id: 'H3', villageCode: '512002001001', metres: 12 }],
  };

  it('counts rows per table, a history entry by its rows', () => {
    expect(summariseChanges(report.changes)).toEqual([
      { table: 'households', add: 1, change: 1, remove: 1 },
      { table: 'household_history', add: 0, change: 0, remove: 3 },
    ]);
  });

  it('prints a dry run that says nothing was written, removals first and by name', () => {
    expect(formatReport(report)).toEqual([
      'households import, 4 row(s) in the file, replacing area 512002001001 (DRY RUN: nothing was written)',
      '  households: 1 added, 1 changed, 1 removed',
      '  household_history: 0 added, 0 changed, 3 removed',
      '  unchanged: 1',
      'Removed (2):',
      '  REMOVE households H4: in 512002001001, not in the file',
      '  REMOVE household_history H4 (3 rows)',
      'Changed (1):',
      '  change households H2: status',
      'Added (1):',
      '  add households H3',
      'Households outside their village polygon (1):',
      '  household H3 lies 12 m outside its village 512002001001',
      'Nothing was written. Run again with --write to apply these changes.',
    ]);
    expect(formatReport({ ...report, written: true, changes: [] }, 1)).toEqual([
      'households import, 4 row(s) in the file, replacing area 512002001001 (written)',
      '  no record changed',
      '  unchanged: 1',
      'Households outside their village polygon (1):',
      '  household H3 lies 12 m outside its village 512002001001',
    ]);
  });
});
