import type { AreaLevel } from './types.ts';

/**
 * Every API address the client asks for, built in one place: a screen names the resource and its
 * parameters, never a path. Parameters left null or undefined are left out.
 */
type Params = Record<string, string | number | null | undefined>;

function withQuery(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') q.set(key, String(value));
  const text = q.toString();
  return text ? `${path}?${text}` : path;
}

const seg = encodeURIComponent;

export interface ProgressQuery {
  level: AreaLevel;
  parent?: string | null;
  asOf: string;
  /** Indicator keys; all when omitted. */
  indicators?: string[];
}

export interface LaggingQuery {
  level: AreaLevel;
  parent?: string | null;
  asOf: string;
  indicator: string;
  limit?: number;
}

export const urls = {
  health: () => '/api/health',
  settings: () => '/api/settings',
  session: () => '/api/session',
  indicators: () => '/api/indicators',
  specialties: () => '/api/specialties',
  /** The live change feed; a display token rides in the query (EventSource cannot send headers). */
  events: (display?: string | null) => withQuery('/api/events', { display }),
  /** `shape: 'label'`: label points instead of polygons (a map drawing its polygons from the tiles). */
  areas: (level: AreaLevel, parent?: string | null, shape?: 'label') => withQuery('/api/areas', { level, parent, shape }),
  /** The areas of a level inside an area at any depth (a county's villages, a city's townships). */
  areasWithin: (level: AreaLevel, within: string, shape?: 'label') => withQuery('/api/areas', { level, within, shape }),
  area: (code: string) => `/api/areas/${seg(code)}`,
  areaContents: (code: string, asOf: string) => withQuery(`/api/areas/${seg(code)}/contents`, { asOf }),
  progress: (q: ProgressQuery) => withQuery('/api/progress', { level: q.level, asOf: q.asOf, parent: q.parent, indicators: q.indicators?.join(',') }),
  /** Value-mode breaks over the whole year up to `to`, so that playback keeps one scale. */
  progressScale: (q: { level: AreaLevel; parent?: string | null; indicator: string; method: 'quantile' | 'equal'; to: string }) =>
    withQuery('/api/progress/scale', { level: q.level, parent: q.parent, indicator: q.indicator, method: q.method, to: q.to }),
  history: (code: string, q: { indicators: string[]; from: string; to: string; interval: 'week' | 'month' }) =>
    withQuery(`/api/progress/${seg(code)}/history`, { interval: q.interval, from: q.from, to: q.to, indicators: q.indicators.join(',') }),
  lagging: (q: LaggingQuery) => withQuery('/api/lagging', { level: q.level, asOf: q.asOf, indicator: q.indicator, limit: q.limit ?? 10, parent: q.parent }),
  summary: (asOf?: string | null) => withQuery('/api/summary', { asOf }),
  search: (q: string, limit = 10) => withQuery('/api/search', { q, limit }),
  parks: () => '/api/parks',
  projects: (area: string | null = null) => withQuery('/api/projects', { area }),
  householdLayer: (area: string | null = null) => withQuery('/api/households/layer', { area }),
  householdGrid: (cell: number, area: string | null = null) => withQuery('/api/households/grid', { cell: String(cell), area }),
  review: (q: { level: string; indicator: string; week?: string | null; parent?: string | null; specialty?: number | null }) =>
    withQuery('/api/review', { level: q.level, indicator: q.indicator, week: q.week, parent: q.parent, specialty: q.specialty }),
  reviewChanges: (q: { from: string; to: string; level: string; parent?: string | null; specialty?: number | null }) =>
    withQuery('/api/review/changes', { from: q.from, to: q.to, level: q.level, parent: q.parent, specialty: q.specialty }),
  reviewWorkbook: (q: { week: string; indicator: string; specialty?: number | null }) =>
    withQuery('/api/review/workbook', { week: q.week, indicator: q.indicator, specialty: q.specialty }),
  problems: (q?: { meeting: string; status: string; area?: string | null }) => withQuery('/api/problems', q ? { meeting: q.meeting, status: q.status, area: q.area } : {}),
  problem: (id: number | string) => `/api/problems/${seg(String(id))}`,
  tasks: (q?: { month: string; asOf: string; area?: string | null; specialty?: number | null }) =>
    withQuery('/api/tasks', q ? { month: q.month, asOf: q.asOf, area: q.area, specialty: q.specialty } : {}),
  task: (id: number | string) => `/api/tasks/${seg(String(id))}`,
  proposals: () => '/api/parks/proposals',
  proposal: (id: number | string) => `/api/parks/proposals/${seg(String(id))}`,
  proposalExport: (id: number | string, format: string) => withQuery(`/api/parks/proposals/${seg(String(id))}/export`, { format }),
  measureParks: () => '/api/parks/measure',
  suggestParks: () => '/api/parks/suggest',
  integrityExits: (q: { asOf?: string | null; band?: string | null; limit?: number; area?: string | null }) => withQuery('/api/integrity/exits', { asOf: q.asOf, band: q.band, limit: q.limit, area: q.area }),
  integritySamples: () => '/api/integrity/samples',
  integritySample: (id: number | string) => `/api/integrity/samples/${seg(String(id))}`,
  integrityVisit: (id: number | string, householdId: string) => `/api/integrity/samples/${seg(String(id))}/units/${seg(householdId)}`,
} as const;
