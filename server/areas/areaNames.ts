import type { Queryable } from '../db/openDatabase.ts';
import { dataVersion } from '../audit/auditQueries.ts';
import { pinyinIndexEntry, placeNameEn, type PinyinIndexEntry } from '../domain/placeNames.ts';

export interface AreaName {
  code: string;
  level: string;
  name: string;
  nameEn: string;
  pinyin: PinyinIndexEntry;
}

export interface AreaNameIndex {
  /** The data version it was built at (dataVersion: boundary imports are audited, dataset loads rewrite the dataset row). */
  version: string;
  areas: AreaName[];
  byCode: ReadonlyMap<string, AreaName>;
  /** `{code: nameEn}` of every area as JSON, a query parameter for the GeoJSON built by PostGIS. */
  namesEnJson: string;
}

const built = new WeakMap<Queryable, Promise<AreaNameIndex>>();

/**
 * The English names and pinyin keys of every area, built in JavaScript (pinyin-pro) from the
 * areas table and kept per database until the data version (dataVersion) changes. The same on
 * both backends.
 */
export async function areaNameIndex(db: Queryable): Promise<AreaNameIndex> {
  const version = await dataVersion(db);
  const previous = built.get(db);
  if (previous) {
    const index = await previous.catch(() => null);
    if (index && index.version === version) return index;
  }
  const next = (async () => {
    const rows = await db.query<{ code: string; level: string; name: string }>('SELECT code, level, name FROM areas ORDER BY code');
    const areas = rows.map((r) => ({ ...r, nameEn: placeNameEn(r.name, r.level), pinyin: pinyinIndexEntry(r.name, r.level) }));
    return {
      version,
      areas,
      byCode: new Map(areas.map((a) => [a.code, a])),
      namesEnJson: JSON.stringify(Object.fromEntries(areas.map((a) => [a.code, a.nameEn]))),
    };
  })();
  built.set(db, next);
  return next;
}
