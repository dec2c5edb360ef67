-- Villages that share a border of positive length (not only a corner), from the boundaries;
-- rebuilt by server/parks/refreshAdjacency.ts whenever the boundaries change. One row per pair, a < b.
CREATE TABLE village_adjacency (
  a        text NOT NULL REFERENCES areas (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  b        text NOT NULL REFERENCES areas (code) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  shared_m double precision NOT NULL CHECK (shared_m > 0),
  PRIMARY KEY (a, b),
  CHECK (a < b)
);
CREATE INDEX village_adjacency_b_idx ON village_adjacency (b);
