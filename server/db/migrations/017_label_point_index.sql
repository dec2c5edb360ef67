-- Vector tiles select label points by tile (server/tiles/tileQueries.ts): without an index each
-- village label tile scanned every area (36 ms of a province's 45).
CREATE INDEX areas_label_point_idx ON areas USING gist (label_point);
