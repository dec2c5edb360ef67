-- Industrial parks spanning adjacent villages (联村连片扶贫园区).
CREATE TABLE parks (
  id        text PRIMARY KEY,
  name      text NOT NULL,
  status    text NOT NULL CHECK (status IN ('planned', 'building', 'operating')),
  geom      geometry(MultiPolygon, 4326) NOT NULL,
  synthetic boolean NOT NULL DEFAULT false
);
CREATE INDEX parks_geom_idx ON parks USING gist (geom);

CREATE TABLE park_villages (
  park_id      text NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
  village_code text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (park_id, village_code)
);

-- Infrastructure and industry projects, each in one of the 22 specialties.
CREATE TABLE projects (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  specialty       integer NOT NULL REFERENCES specialties (code),
  area_code       text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  geom            geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING')),
  budget          bigint NOT NULL CHECK (budget >= 0),
  funds_disbursed bigint NOT NULL CHECK (funds_disbursed >= 0),
  status          text NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed')),
  progress        numeric(4, 3) NOT NULL CHECK (progress BETWEEN 0 AND 1),
  department      text NOT NULL DEFAULT '',
  responsible     text NOT NULL DEFAULT '',
  start_date      date,
  end_date        date,
  completed_date  date,
  synthetic       boolean NOT NULL DEFAULT false
);
CREATE INDEX projects_area_idx ON projects (area_code);
CREATE INDEX projects_geom_idx ON projects USING gist (geom);

CREATE TABLE project_history (
  project_id      text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  valid_from      date NOT NULL,
  funds_disbursed bigint NOT NULL CHECK (funds_disbursed >= 0),
  progress        numeric(4, 3) NOT NULL CHECK (progress BETWEEN 0 AND 1),
  status          text NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed')),
  PRIMARY KEY (project_id, valid_from)
);

-- Skills training sessions and job fairs (技能培训, 专场招聘会).
CREATE TABLE activities (
  id           text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('training', 'job_fair')),
  area_code    text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  held_on      date NOT NULL,
  person_times integer NOT NULL CHECK (person_times >= 0),
  synthetic    boolean NOT NULL DEFAULT false
);

-- What was loaded, from where, and when: the dataset's provenance as the API reports it.
CREATE TABLE dataset_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
