import type { MultiPolygon, Polygon } from 'geojson';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One polygon feature as a KML 2.2 document (Google Earth, QGIS and ogr2ogr read it). */
export function toKml(name: string, geometry: Polygon | MultiPolygon, data: Record<string, string | number>): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const ring = (r: number[][]) => `<LinearRing><coordinates>${r.map(([x, y]) => `${x},${y}`).join(' ')}</coordinates></LinearRing>`;
  const body = polygons.map((p) => `<Polygon><outerBoundaryIs>${ring(p[0])}</outerBoundaryIs>${p.slice(1).map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('')}</Polygon>`).join('');
  const extended = Object.entries(data).map(([k, v]) => `<Data name="${escape(k)}"><value>${escape(String(v))}</value></Data>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escape(name)}</name>
<Placemark><name>${escape(name)}</name><ExtendedData>${extended}</ExtendedData><MultiGeometry>${body}</MultiGeometry></Placemark>
</Document></kml>
`;
}
