import type { ChoroplethMode, ValueMethod } from '../map/choropleth.ts';
import { addDays as addCalendarDays } from '../../server/domain/campaignCalendar.ts';
import { levelOfCode } from '../../server/domain/areaCodes.ts';
import { DEFAULT_LAYERS, LAYER_KEYS, type LayerKey } from '../map/DataLayers.ts';

/** The shareable state of the dashboard, as kept in the query string. */
export interface UrlState {
  indicator: string | null;
  mode: ChoroplethMode;
  /** How value mode cuts its classes (`k`); 'fixed' when absent. */
  method: ValueMethod;
  date: string | null;
  area: string | null;
  center: [number, number] | null;
  zoom: number | null;
  /** The projects layer's specialty filter (1–22); null: all. */
  specialty: number | null;
}

/** The campaign year the data covers: its first and last day, and the day the data runs to. */
export interface Campaign {
  start: string;
  end: string;
  /** The date the map opens on: the data's own `dataAsOf`. */
  asOf: string;
}

/**
 * The campaign from the data's own date (`GET /api/health` → `dataAsOf`): the calendar year it
 * falls in. Without one (no data loaded), today's year.
 */
export function campaignOf(dataAsOf: string | null, today: string = new Date().toISOString().slice(0, 10)): Campaign {
  const asOf = dataAsOf && isDate(dataAsOf) ? dataAsOf : today;
  const year = asOf.slice(0, 4);
  return { start: `${year}-01-01`, end: `${year}-12-31`, asOf };
}

const isDate = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));

/** A date inside the campaign (a URL's date from another year is not). */
export const inCampaign = (d: string | null, campaign: Campaign): d is string => isDate(d) && d >= campaign.start && d <= campaign.end;

/**
 * Reads `?i=…&m=…&k=…&d=…&a=…&c=lon,lat&z=…&s=…`; anything malformed is dropped. The date is checked
 * against the campaign when it is known (it comes from the data, after the URL is read).
 */
export function parseUrlState(search: string, campaign: Campaign | null = null): UrlState {
  const q = new URLSearchParams(search);
  const indicator = q.get('i');
  const date = q.get('d');
  const area = q.get('a');
  const c = (q.get('c') ?? '').split(',').map(Number);
  const z = Number(q.get('z') ?? NaN);
  const s = Number(q.get('s') ?? NaN);
  const center: [number, number] | null =
    c.length === 2 && c.every(Number.isFinite) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90 ? [c[0], c[1]] : null;
  return {
    indicator: indicator && /^[a-z_]+$/.test(indicator) ? indicator : null,
    mode: q.get('m') === 'lag' ? 'lag' : 'value',
    method: q.get('k') === 'quantile' ? 'quantile' : q.get('k') === 'equal' ? 'equal' : 'fixed',
    date: campaign ? (inCampaign(date, campaign) ? date : null) : isDate(date) ? date : null,
    // Any area below a province: whether it lies under the root is the screens' to check.
    area: area && levelOfCode(area) && levelOfCode(area) !== 'province' ? area : null,
    center,
    zoom: center && Number.isFinite(z) && q.has('z') ? z : null,
    specialty: Number.isInteger(s) && s >= 1 && s <= 22 ? s : null,
  };
}

/** Writes the state into a query string, keeping other parameters (such as `lang`). */
export function formatUrlState(state: UrlState, existing: string): string {
  const q = new URLSearchParams(existing);
  const set = (key: string, value: string | null) => (value === null ? q.delete(key) : q.set(key, value));
  set('i', state.indicator);
  set('m', state.mode === 'lag' ? 'lag' : null);
  set('k', state.method === 'fixed' ? null : state.method);
  set('d', state.date);
  set('a', state.area);
  set('c', state.center ? `${state.center[0].toFixed(4)},${state.center[1].toFixed(4)}` : null);
  set('z', state.center && state.zoom !== null ? state.zoom.toFixed(2) : null);
  set('s', state.specialty === null ? null : String(state.specialty));
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** A date moved by whole days, clamped to the campaign year. */
export function addDays(date: string, days: number, campaign: Campaign): string {
  const next = addCalendarDays(date, days);
  return next < campaign.start ? campaign.start : next > campaign.end ? campaign.end : next;
}

/** Reads the visible data layers from `?l=a,b`; without `l`, the defaults. */
export function parseLayers(search: string): LayerKey[] {
  const q = new URLSearchParams(search);
  const raw = q.get('l');
  if (raw === null) return [...DEFAULT_LAYERS];
  const chosen = new Set(raw.split(','));
  return LAYER_KEYS.filter((k) => chosen.has(k));
}

/** Writes the visible data layers as `l=…` (always, so a shared link keeps them), keeping other parameters. */
export function formatLayers(layers: readonly LayerKey[], existing: string): string {
  const q = new URLSearchParams(existing);
  q.set('l', LAYER_KEYS.filter((k) => layers.includes(k)).join(','));
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
