-- Foreign keys to areas are deferred: an import replaces the areas inside one transaction.
-- Poor households (建档立卡贫困户). Personal fields (head_name, phone, exact geom) are served
-- only to roles that allow them; aggregates are public.
CREATE TABLE households (
  id                text PRIMARY KEY,
  village_code      text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  geom              geometry(Point, 4326),
  size              integer NOT NULL CHECK (size BETWEEN 1 AND 30),
  labour_count      integer NOT NULL CHECK (labour_count >= 0 AND labour_count <= size),
  employed_members  integer NOT NULL DEFAULT 0 CHECK (employed_members >= 0 AND employed_members <= size),
  income_per_capita integer NOT NULL CHECK (income_per_capita >= 0),
  poverty_cause     text NOT NULL DEFAULT '',
  status            text NOT NULL CHECK (status IN ('poor', 'exited', 'at_risk')),
  food_clothing     boolean NOT NULL,
  education         boolean NOT NULL,
  medical           boolean NOT NULL,
  housing           boolean NOT NULL,
  medical_insurance boolean NOT NULL,
  needs_relocation  boolean NOT NULL DEFAULT false,
  needs_renovation  boolean NOT NULL DEFAULT false,
  exit_date         date,
  head_name         text NOT NULL DEFAULT '',
  phone             text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  synthetic         boolean NOT NULL DEFAULT false
);
CREATE INDEX households_village_idx ON households (village_code);
CREATE INDEX households_geom_idx ON households USING gist (geom);

-- Dated history: each row is a household's mutable state from `valid_from` on, so any
-- indicator can be computed as of a past date (latest row with valid_from <= date).
CREATE TABLE household_history (
  household_id      text NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  valid_from        date NOT NULL,
  status            text NOT NULL CHECK (status IN ('poor', 'exited', 'at_risk')),
  income_per_capita integer NOT NULL CHECK (income_per_capita >= 0),
  food_clothing     boolean NOT NULL,
  education         boolean NOT NULL,
  medical           boolean NOT NULL,
  housing           boolean NOT NULL,
  medical_insurance boolean NOT NULL,
  employed_members  integer NOT NULL CHECK (employed_members >= 0),
  relocated         boolean NOT NULL DEFAULT false,
  renovated         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (household_id, valid_from)
);
CREATE INDEX household_history_date_idx ON household_history (valid_from);
