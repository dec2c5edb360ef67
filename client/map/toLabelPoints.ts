import type { FeatureCollection, Point } from 'geojson';
import type { AreaFeatureCollection, AreaProperties } from '../api/types.ts';
import type { Locale } from '../i18n/messages.ts';

export interface LabelProperties {
  code: string;
  label: string;
  level: AreaProperties['level'];
  poverty: boolean;
  /** Lower is placed first when labels collide. */
  rank: number;
}

/** The text of an area's label: its English name (pinyin) in English; in Chinese a county's full name, else the short one. */
export function labelText(p: AreaProperties, locale: Locale = 'zh'): string {
  if (locale === 'en' && p.nameEn) return p.nameEn;
  return p.level === 'county' ? p.name : p.shortName || p.name;
}

/** One point per area at its label position, carrying the text to show there. */
export function toLabelPoints(areas: AreaFeatureCollection, locale: Locale = 'zh'): FeatureCollection<Point, LabelProperties> {
  return {
    type: 'FeatureCollection',
    features: areas.features
      .filter((feature) => Number.isFinite(feature.properties.labelLon) && Number.isFinite(feature.properties.labelLat))
      .map((feature) => {
        const p = feature.properties;
        const label = labelText(p, locale);
        return {
          type: 'Feature',
          id: p.code,
          geometry: { type: 'Point', coordinates: [p.labelLon, p.labelLat] },
          properties: { code: p.code, label, level: p.level, poverty: p.poverty, rank: p.poverty ? 0 : 1 },
        };
      }),
  };
}
