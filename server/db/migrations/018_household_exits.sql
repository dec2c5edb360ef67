-- Every exit (a history row turning a poor or at-risk household exited) with what the exit risk
-- report weighs from the household's own history: the state before the window, the reversal, any
-- relocation or renovation. Derived from household_history by server/integrity/exitFacts.ts,
-- rebuilt per village with every edit and whole after a load or an import. Without it the
-- report's first ask read a province's whole history (2.9 M rows) to find one city's exits.
-- Filled on the next start for a database loaded before it (loadShippedDataset).
CREATE TABLE household_exits (
  household_id text NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  exit_date date NOT NULL,
  village_code text NOT NULL,
  income_before integer,
  income_at_exit integer NOT NULL,
  guarantees_turned text[] NOT NULL,
  own_housing_works boolean NOT NULL,
  reversed_on date,
  PRIMARY KEY (household_id, exit_date)
);
CREATE INDEX household_exits_village_idx ON household_exits (village_code text_pattern_ops);
