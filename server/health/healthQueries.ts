import type { Queryable } from '../db/openDatabase.ts';

/** The server's versions, the data's date and what the database holds. */
export async function healthFacts(db: Queryable) {
  const [row] = await db.query<{
    postgres: string; postgis: string; meta: Record<string, unknown> | null; counties: number; townships: number;
    villages: number; communities: number; poverty_villages: number; households: number; people: number; parks: number; projects: number;
    synthetic: boolean;
  }>(`SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis,
      (SELECT value FROM dataset_meta WHERE key = 'meta') AS meta,
      count(*) FILTER (WHERE level = 'county')::int AS counties,
      count(*) FILTER (WHERE level = 'township')::int AS townships,
      count(*) FILTER (WHERE level = 'village')::int AS villages,
      count(*) FILTER (WHERE kind = 'community')::int AS communities,
      coalesce(bool_or(synthetic), false) AS synthetic,
      (SELECT count(*) FROM poverty_villages)::int AS poverty_villages,
      (SELECT count(*) FROM households)::int AS households,
      (SELECT coalesce(sum(size), 0) FROM households)::int AS people,
      (SELECT count(*) FROM parks)::int AS parks,
      (SELECT count(*) FROM projects)::int AS projects
    FROM areas`);
  return {
    postgres: row.postgres,
    postgis: row.postgis,
    dataAsOf: row.meta && typeof row.meta.dataAsOf === 'string' ? row.meta.dataAsOf : null,
    synthetic: row.synthetic,
    counts: {
      counties: row.counties, townships: row.townships, villages: row.villages, communities: row.communities,
      povertyVillages: row.poverty_villages, households: row.households, people: row.people, parks: row.parks, projects: row.projects,
    },
  };
}
