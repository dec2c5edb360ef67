-- A target an administrator set (PUT /api/targets) is kept when an import splits the targets
-- again from the records; only the generated ones are regenerated.
ALTER TABLE targets ADD COLUMN set_by_hand boolean NOT NULL DEFAULT false;
