-- The weekly meeting's lists (清单制 + 责任制): tasks per month and problems per village team.
-- Edits are audited (audit_log); a problem stays on every meeting's list until it is closed.
CREATE TABLE tasks (
  id          serial PRIMARY KEY,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  phase       text NOT NULL CHECK (phase IN ('spring', 'summer', 'autumn', 'winter')),
  area_code   text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  specialty   integer REFERENCES specialties (code),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  department  text NOT NULL CHECK (length(department) BETWEEN 1 AND 80),
  responsible text NOT NULL CHECK (length(responsible) BETWEEN 1 AND 40),
  due_date    date NOT NULL CHECK (due_date >= month),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by  text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_area_idx ON tasks (area_code);

CREATE TABLE problems (
  id          serial PRIMARY KEY,
  area_code   text NOT NULL REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  raised_at   date NOT NULL,
  owner       text NOT NULL CHECK (length(owner) BETWEEN 1 AND 40),
  due_date    date NOT NULL CHECK (due_date >= raised_at),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at   date,
  resolution  text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX problems_area_idx ON problems (area_code);
