-- Derived from the dated history (rebuilt by server/progress/refreshDeltas.ts), so that a figure
-- as of any date is one index probe per village, rolled up by code prefix, and no pass over the
-- history at query time. household_totals: each village's running totals from `day` on.
CREATE TABLE household_totals (
  village_code          text NOT NULL,
  day                   date NOT NULL,
  households            integer NOT NULL,
  people                integer NOT NULL,
  exited_households     integer NOT NULL,
  lifted_people         integer NOT NULL,
  at_risk_households    integer NOT NULL,
  income_above_line     integer NOT NULL,
  food_clothing         integer NOT NULL,
  education             integer NOT NULL,
  medical               integer NOT NULL,
  housing               integer NOT NULL,
  insured               integer NOT NULL,
  labour_households     integer NOT NULL,
  employed_households   integer NOT NULL,
  relocated_people      integer NOT NULL,
  relocation_people     integer NOT NULL,
  renovated_households  integer NOT NULL,
  renovation_households integer NOT NULL,
  PRIMARY KEY (village_code, day)
);

-- Projects are few: their changes per day are summed up to the date at query time.
CREATE TABLE project_deltas (
  area_code          text NOT NULL,
  specialty          integer NOT NULL,
  day                date NOT NULL,
  projects           integer NOT NULL,
  projects_completed integer NOT NULL,
  budget             bigint NOT NULL,
  disbursed          bigint NOT NULL,
  PRIMARY KEY (area_code, specialty, day)
);
