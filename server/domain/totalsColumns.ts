/**
 * The running household totals, declared once: the write side (progress/refreshDeltas.ts) builds
 * the table `household_totals` from it and the read side (progress/queryTotals.ts) sums and maps
 * it, so neither imports the other. A new household figure is one line here, one column in a
 * migration, and the indicator that reads it (server/domain/indicators.ts).
 *
 * `perHousehold` is what one household in one state adds to the total: SQL over the state `s`
 * (household_history), the household `x` (households) and `k.income_line` (the plan's income line).
 * Every total is a count, summed as an integer.
 */
export const HOUSEHOLD_TOTALS = [
  { column: 'households', key: 'households', perHousehold: '1' },
  { column: 'people', key: 'people', perHousehold: 'x.size' },
  { column: 'exited_households', key: 'exitedHouseholds', perHousehold: "(s.status <> 'poor')::int" },
  { column: 'lifted_people', key: 'liftedPeople', perHousehold: "x.size * (s.status <> 'poor')::int" },
  { column: 'at_risk_households', key: 'atRiskHouseholds', perHousehold: "(s.status = 'at_risk')::int" },
  { column: 'income_above_line', key: 'incomeAboveLine', perHousehold: '(s.income_per_capita > k.income_line)::int' },
  { column: 'food_clothing', key: 'foodClothing', perHousehold: 's.food_clothing::int' },
  { column: 'education', key: 'education', perHousehold: 's.education::int' },
  { column: 'medical', key: 'medical', perHousehold: 's.medical::int' },
  { column: 'housing', key: 'housing', perHousehold: 's.housing::int' },
  { column: 'insured', key: 'insured', perHousehold: 's.medical_insurance::int' },
  { column: 'labour_households', key: 'labourHouseholds', perHousehold: '(x.labour_count > 0)::int' },
  { column: 'employed_households', key: 'employedHouseholds', perHousehold: '(x.labour_count > 0 AND s.employed_members > 0)::int' },
  { column: 'relocated_people', key: 'relocatedPeople', perHousehold: 'x.size * s.relocated::int' },
  { column: 'relocation_people', key: 'relocationPeople', perHousehold: 'x.size * x.needs_relocation::int' },
  { column: 'renovated_households', key: 'renovatedHouseholds', perHousehold: 's.renovated::int' },
  { column: 'renovation_households', key: 'renovationHouseholds', perHousehold: 'x.needs_renovation::int' },
] as const satisfies readonly { column: string; key: string; perHousehold: string }[];

export type HouseholdTotalKey = (typeof HOUSEHOLD_TOTALS)[number]['key'];
