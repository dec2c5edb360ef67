-- Park proposals saved by planners: a named selection of adjacent villages, its leading
-- industries and notes, from proposal to approved. Edits are audited (audit_log).
CREATE TABLE park_proposals (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  industries  text[] NOT NULL DEFAULT '{}',
  notes       text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT 'proposal' CHECK (status IN ('proposal', 'approved')),
  villages    text[] NOT NULL CHECK (cardinality(villages) BETWEEN 1 AND 50),
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
