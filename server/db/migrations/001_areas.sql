-- Administrative areas: city (4-digit code), county (6), township (9), village or community (12).
-- Codes nest by prefix, so roll-ups never need a spatial join.
CREATE TABLE areas (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]+$' AND length(code) IN (4, 6, 9, 12)),
  level       text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  kind        text CHECK (kind IN ('village', 'community')),
  name        text NOT NULL CHECK (name <> ''),
  short_name  text NOT NULL,
  parent_code text REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  geom        geometry(MultiPolygon, 4326) NOT NULL,
  label_point geometry(Point, 4326) NOT NULL,
  synthetic   boolean NOT NULL DEFAULT false,
  CHECK ((level = 'village') = (kind IS NOT NULL)),
  CHECK ((level = 'city') = (parent_code IS NULL)),
  CHECK (level <> 'city' OR length(code) = 4),
  CHECK (level <> 'county' OR length(code) = 6),
  CHECK (level <> 'township' OR length(code) = 9),
  CHECK (level <> 'village' OR length(code) = 12),
  CHECK (parent_code IS NULL OR left(code, length(parent_code)) = parent_code)
);
CREATE INDEX areas_parent_idx ON areas (parent_code);
CREATE INDEX areas_level_idx ON areas (level);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);

-- The 22 poverty-alleviation specialties (扶贫专项) of the plan, section (二).
CREATE TABLE specialties (
  code       integer PRIMARY KEY CHECK (code BETWEEN 1 AND 99),
  name       text NOT NULL UNIQUE,
  department text NOT NULL DEFAULT ''
);

-- Poverty villages (贫困村) and their exit.
CREATE TABLE poverty_villages (
  code              text PRIMARY KEY REFERENCES areas (code) ON DELETE CASCADE,
  planned_exit_year integer NOT NULL CHECK (planned_exit_year BETWEEN 2014 AND 2030),
  exit_status       text NOT NULL CHECK (exit_status IN ('pending', 'exited')),
  exit_date         date,
  synthetic         boolean NOT NULL DEFAULT false,
  CHECK ((exit_status = 'exited') = (exit_date IS NOT NULL))
);
