-- 回头看 verification: inspectors (督查) draw samples of exited households and record visits.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'leader', 'planner', 'clerk', 'inspector'));

-- A drawn sample: reproducible from its seed and the exits as of its date.
CREATE TABLE verification_samples (
  id          serial PRIMARY KEY,
  area_code   text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  as_of       date NOT NULL,
  seed        bigint NOT NULL,
  margin      numeric NOT NULL CHECK (margin > 0 AND margin < 1),
  population  integer NOT NULL CHECK (population >= 0),
  bands       jsonb NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One sampled exit and its visit. household_id is not a foreign key: a sample keeps what it drew.
CREATE TABLE verification_units (
  sample_id    integer NOT NULL REFERENCES verification_samples (id),
  household_id text NOT NULL,
  village_code text NOT NULL,
  exit_date    date NOT NULL,
  band         text NOT NULL CHECK (band IN ('low', 'medium', 'high')),
  probability  numeric NOT NULL CHECK (probability > 0 AND probability <= 1),
  signals      text[] NOT NULL DEFAULT '{}',
  result       text CHECK (result IN ('confirmed', 'wrong', 'not_visited')),
  failed       text[] NOT NULL DEFAULT '{}',
  visited_by   text,
  visited_on   date,
  note         text NOT NULL DEFAULT '',
  recorded_by  text,
  recorded_at  timestamptz,
  version      integer NOT NULL DEFAULT 1,
  PRIMARY KEY (sample_id, household_id)
);
CREATE INDEX verification_units_village_idx ON verification_units (village_code);
