import type { ChoroplethMode } from '../map/choropleth.ts';
import { levelOfCode } from './areaCodes.ts';
import { DEFAULT_LAYERS, LAYER_KEYS, type LayerKey } from '../map/DataLayers.ts';

/** The shareable state of the dashboard, as kept in the query string. */
export interface UrlState {
  indicator: string | null;
  mode: ChoroplethMode;
  date: string | null;
  area: string | null;
  center: [number, number] | null;
  zoom: number | null;
  /** The projects layer's specialty filter (1–22); null: all. */
  specialty: number | null;
}

export const CAMPAIGN_START = '2018-01-01';
export const CAMPAIGN_END = '2018-12-31';

const isCampaignDate = (d: string | null): d is string =>
  !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= CAMPAIGN_START && d <= CAMPAIGN_END && !Number.isNaN(Date.parse(d));

/** Reads `?i=…&m=…&d=…&a=…&c=lon,lat&z=…&s=…`; anything malformed is dropped. */
export function parseUrlState(search: string): UrlState {
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
    date: isCampaignDate(date) ? date : null,
    area: area && levelOfCode(area) ? area : null,
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
  set('d', state.date);
  set('a', state.area);
  set('c', state.center ? `${state.center[0].toFixed(4)},${state.center[1].toFixed(4)}` : null);
  set('z', state.center && state.zoom !== null ? state.zoom.toFixed(2) : null);
  set('s', state.specialty === null ? null : String(state.specialty));
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** A date moved by whole days, clamped to the campaign year. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  const next = t.toISOString().slice(0, 10);
  return next < CAMPAIGN_START ? CAMPAIGN_START : next > CAMPAIGN_END ? CAMPAIGN_END : next;
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
