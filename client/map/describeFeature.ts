import type { IndicatorValue, Indicator } from '../api/types.ts';
import { formatIndicatorValue, indicatorName, statusText } from '../format.ts';
import type { Locale, Messages } from '../i18n/messages.ts';
import { specialtyNameEn } from '../../server/domain/specialtyNames.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';
import { DataLayers } from './DataLayers.ts';
import { HOUSEHOLD_GRID_LAYER } from './deck/layerKeys.ts';

/** What the tooltip needs of a rendered feature: its layer and its properties. */
export interface RenderedFeature {
  layerId: string;
  properties: Record<string, unknown>;
}

export interface DescribeContext {
  messages: Messages;
  locale: Locale;
  /** The indicator on the map and each coloured area's value, for the choropleth's areas. */
  indicator: Indicator | null;
  values: ReadonlyMap<string, IndicatorValue>;
  names: ReadonlyMap<string, string>;
}

/** The tooltip of a feature under the pointer: a title and lines; null for a layer without one. */
export function describeFeature(feature: RenderedFeature, ctx: DescribeContext): { title: string; lines: string[] } | null {
  const p = feature.properties;
  const m = ctx.messages;
  const n = (v: unknown) => Number(v ?? 0).toLocaleString(ctx.locale === 'zh' ? 'zh-CN' : 'en-US');
  const ids = DataLayers.layerIds;
  if (feature.layerId === ids.householdCluster) {
    return { title: m.tooltipCluster, lines: [`${m.contentsHouseholds} ${n(p.households)}`, `${m.contentsPoorRemaining} ${n(p.poor)}`, `${m.contentsAtRisk} ${n(p.atRisk)}`] };
  }
  if (feature.layerId === ids.householdPoint) {
    if (p.kind === 'household') {
      const status = Number(p.poor) > 0 ? m.tooltipPoor : Number(p.atRisk) > 0 ? m.contentsAtRisk : m.tooltipExited;
      return { title: `${m.tooltipHousehold} ${String(p.id)}`, lines: [status, `${m.tooltipPeople} ${n(p.people)}`, ...(p.scattered ? [m.contentsScattered] : [])] };
    }
    const village = ctx.names.get(String(p.villageCode)) ?? String(p.villageCode);
    return {
      title: village,
      lines: [`${m.contentsHouseholds} ${n(p.households)}`, `${m.contentsPoorRemaining} ${n(p.poor)}`, `${m.contentsAtRisk} ${n(p.atRisk)}`, ...(p.scattered ? [m.contentsScattered] : [])],
    };
  }
  if (feature.layerId === HOUSEHOLD_GRID_LAYER) {
    const km = Number(p.areaKm2);
    return {
      title: m.tooltipGrid.replace('{km}', km.toFixed(km < 10 ? 1 : 0)),
      lines: [`${m.contentsHouseholds} ${n(p.households)}`, m.tooltipDensity.replace('{n}', Number(p.perKm2).toFixed(1)), `${m.contentsPoorRemaining} ${n(p.poor)}`, `${m.contentsAtRisk} ${n(p.atRisk)}`],
    };
  }
  if (feature.layerId === ids.parkFill) {
    const status = { planned: m.legendParkPlanned, building: m.legendParkBuilding, operating: m.legendParkOperating }[String(p.status)] ?? String(p.status);
    return { title: String(p.name), lines: [status, `${n(p.areaKm2)} km²`] };
  }
  if (feature.layerId === ids.projectPoint || feature.layerId === ids.projectLine) {
    const status = { planned: m.legendProjectPlanned, in_progress: m.legendProjectInProgress, completed: m.legendProjectCompleted }[String(p.status)] ?? String(p.status);
    const specialty = ctx.locale === 'en' ? specialtyNameEn(String(p.specialtyName)) : String(p.specialtyName);
    return { title: String(p.name), lines: [specialty, `${status} · ${Math.round(Number(p.progress) * 100)}%`] };
  }
  const level = (Object.keys(ChoroplethLayers.fillIds) as (keyof typeof ChoroplethLayers.fillIds)[]).find((k) => ChoroplethLayers.fillIds[k] === feature.layerId);
  if (level) {
    const code = String(p.code);
    const value = ctx.values.get(code);
    const lines: string[] = [];
    if (ctx.indicator) {
      lines.push(`${indicatorName(ctx.indicator, ctx.locale)} ${formatIndicatorValue(value?.value ?? null, ctx.indicator, ctx.locale)} / ${formatIndicatorValue(value?.target ?? null, ctx.indicator, ctx.locale)}`);
      if (value?.status) lines.push(statusText(value.status, m));
    }
    return { title: ctx.names.get(code) ?? String(p.name ?? code), lines };
  }
  return null;
}
