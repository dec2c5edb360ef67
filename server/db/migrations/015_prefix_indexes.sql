-- Codes nest by prefix and most lists filter by one (`code LIKE $1 || '%'`). A btree index serves
-- such a prefix only under the C collation, which a server's database rarely has (C.UTF-8 is not
-- it for PostgreSQL 15): these pattern indexes serve it under any collation. At a province's
-- million households a county's households are an index range, not a scan of the table.
CREATE INDEX households_village_prefix_idx ON households (village_code text_pattern_ops);
CREATE INDEX areas_code_prefix_idx ON areas (code text_pattern_ops);
CREATE INDEX projects_area_prefix_idx ON projects (area_code text_pattern_ops);
CREATE INDEX audit_log_area_prefix_idx ON audit_log (area_code text_pattern_ops);
CREATE INDEX poverty_villages_code_prefix_idx ON poverty_villages (code text_pattern_ops);
