import type { Queryable } from '../db/openDatabase.ts';

/**
 * Areas, projects and parks by code or name: exact codes first, then names that start with the
 * text, then names that contain it (strpos, not LIKE: % and _ in the text are plain characters).
 */
export function search(db: Queryable, q: string, limit: number) {
  return db.query<{ type: string; id: string; name: string; bbox: number[] }>(`
    WITH hits AS (
      SELECT level AS type, code AS id, name, geom, CASE WHEN code = $1 THEN 0 WHEN strpos(name, $1) = 1 OR strpos(short_name, $1) = 1 THEN 1 ELSE 2 END AS score, length(code) AS len
      FROM areas WHERE code = $1 OR strpos(name, $1) > 0
      UNION ALL SELECT 'project', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM projects WHERE id = $1 OR strpos(name, $1) > 0
      UNION ALL SELECT 'park', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM parks WHERE id = $1 OR strpos(name, $1) > 0
    )
    SELECT type, id, name, json_build_array(round(ST_XMin(geom)::numeric, 6), round(ST_YMin(geom)::numeric, 6),
      round(ST_XMax(geom)::numeric, 6), round(ST_YMax(geom)::numeric, 6)) AS bbox
    FROM hits ORDER BY score, len, id LIMIT $2`, [q, limit]);
}
