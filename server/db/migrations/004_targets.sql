-- Targets per area and year: the city's targets split down to counties and townships.
-- Stored so that they can be edited; the demo's split is generated from its records.
CREATE TABLE targets (
  area_code text NOT NULL REFERENCES areas (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  year      integer NOT NULL CHECK (year BETWEEN 2014 AND 2030),
  indicator text NOT NULL,
  value     numeric NOT NULL CHECK (value >= 0),
  PRIMARY KEY (area_code, year, indicator)
);
