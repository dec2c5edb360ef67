import type { Queryable } from '../db/openDatabase.ts';
import { MIN_SHARED_BORDER_M } from '../domain/adjacencyRule.ts';

// The length of the line the two boundaries share (a corner gives 0), on the spheroid.
const ADJACENCY_SQL = `
INSERT INTO village_adjacency (a, b, shared_m)
SELECT a, b, shared_m FROM (
  SELECT x.code AS a, y.code AS b,
    ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(x.geom), ST_Boundary(y.geom)), 2)::geography) AS shared_m
  FROM areas x JOIN areas y ON x.code < y.code AND x.geom && y.geom AND ST_Intersects(x.geom, y.geom)
  WHERE x.level = 'village' AND y.level = 'village'
) pairs
WHERE shared_m >= $1`;

/** Rebuilds the village adjacency from the boundaries. */
export async function refreshAdjacency(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM village_adjacency');
  await tx.query(ADJACENCY_SQL, [MIN_SHARED_BORDER_M]);
}
