import type { Queryable } from '../db/openDatabase.ts';
import { areaNameIndex } from '../areas/areaNames.ts';
import { isPinyinQuery, pinyinScore, placeNameEn } from '../domain/placeNames.ts';

export interface SearchHit {
  type: string;
  id: string;
  name: string;
  nameEn: string;
  bbox: number[];
}

/**
 * Areas, projects and parks by code or name: exact codes first, then names that start with the
 * text, then names that contain it (strpos, not LIKE: % and _ in the text are plain characters).
 * A query in Latin letters also finds areas by pinyin or English name ("Anyue", "anyue", "ay",
 * "Anyue County"), ranked the same way, from the in-memory index of `areaNameIndex`: the same on
 * both backends.
 */
export async function search(db: Queryable, q: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.query<{ type: string; id: string; name: string; bbox: number[]; score: number; len: number }>(`
    WITH hits AS (
      SELECT level AS type, code AS id, name, geom, CASE WHEN code = $1 THEN 0 WHEN strpos(name, $1) = 1 OR strpos(short_name, $1) = 1 THEN 1 ELSE 2 END AS score, length(code) AS len
      FROM areas WHERE code = $1 OR strpos(name, $1) > 0
      UNION ALL SELECT 'project', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM projects WHERE id = $1 OR strpos(name, $1) > 0
      UNION ALL SELECT 'park', id, name, geom, CASE WHEN id = $1 THEN 0 WHEN strpos(name, $1) = 1 THEN 1 ELSE 2 END, 20 FROM parks WHERE id = $1 OR strpos(name, $1) > 0
    )
    SELECT type, id, name, ${BBOX_SQL} AS bbox, score, len
    FROM hits ORDER BY score, len, id LIMIT $2`, [q, limit]);
  if (isPinyinQuery(q)) {
    const index = await areaNameIndex(db);
    const found = new Map(rows.map((r) => [`${r.type}:${r.id}`, r]));
    const scored = index.areas
      .map((a) => ({ area: a, score: pinyinScore(a.pinyin, q) }))
      .filter((h): h is { area: typeof h.area; score: 0 | 1 | 2 } => h.score !== null && !found.has(`${h.area.level}:${h.area.code}`))
      .sort((a, b) => a.score - b.score || a.area.code.length - b.area.code.length || (a.area.code < b.area.code ? -1 : 1))
      .slice(0, limit);
    if (scored.length > 0) {
      const boxes = await areaBoxes(db, scored.map((h) => h.area.code));
      for (const h of scored) {
        const bbox = boxes.get(h.area.code);
        if (bbox) rows.push({ type: h.area.level, id: h.area.code, name: h.area.name, bbox, score: h.score, len: h.area.code.length });
      }
      rows.sort((a, b) => a.score - b.score || a.len - b.len || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }
  return rows.slice(0, limit).map(({ type, id, name, bbox }) => ({ type, id, name, nameEn: type === 'project' || type === 'park' ? name : placeNameEn(name, type), bbox }));
}

const BBOX_SQL = `json_build_array(round(ST_XMin(geom)::numeric, 6), round(ST_YMin(geom)::numeric, 6),
      round(ST_XMax(geom)::numeric, 6), round(ST_YMax(geom)::numeric, 6))`;

/** The bounding boxes of some areas, by code. */
async function areaBoxes(db: Queryable, codes: string[]): Promise<Map<string, number[]>> {
  const rows = await db.query<{ code: string; bbox: number[] }>(`SELECT code, ${BBOX_SQL} AS bbox FROM areas WHERE code = ANY($1::text[])`, [codes]);
  return new Map(rows.map((r) => [r.code, r.bbox]));
}
