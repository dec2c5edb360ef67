-- Five levels: a province (2-digit code) above its cities. The top area of a dataset, a province or
-- a city, has no parent; every other area has one, one level up (codes nest by prefix).
ALTER TABLE areas DROP CONSTRAINT areas_code_check;
ALTER TABLE areas DROP CONSTRAINT areas_level_check;
ALTER TABLE areas DROP CONSTRAINT areas_check1;
ALTER TABLE areas ADD CONSTRAINT areas_code_check CHECK (code ~ '^[0-9]+$' AND length(code) IN (2, 4, 6, 9, 12));
ALTER TABLE areas ADD CONSTRAINT areas_level_check CHECK (level IN ('province', 'city', 'county', 'township', 'village'));
ALTER TABLE areas ADD CONSTRAINT areas_root_check CHECK (parent_code IS NOT NULL OR level IN ('province', 'city'));
ALTER TABLE areas ADD CONSTRAINT areas_province_length_check CHECK (level <> 'province' OR length(code) = 2);
ALTER TABLE areas ADD CONSTRAINT areas_province_root_check CHECK (level <> 'province' OR parent_code IS NULL);
