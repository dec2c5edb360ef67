import type { Feature, MultiPolygon, Polygon } from 'geojson';

/**
 * A minimal ESRI Shapefile writer (polygons, character fields of 80 bytes, UTF-8): the park
 * proposals' export, and the import tests' input. Rings are written clockwise-outer as the format wants.
 */
export function writePolygonShapefile(features: Feature<Polygon | MultiPolygon, Record<string, string>>[]): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
  const records = features.map((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings = polygons.flatMap((p) => p.map((ring, i) => {
      const area = ring.reduce((s, [x, y], k) => { const [x2, y2] = ring[(k + 1) % ring.length]; return s + x * y2 - x2 * y; }, 0);
      const clockwise = area < 0;
      return (i === 0) === clockwise ? ring : [...ring].reverse();
    }));
    const points = rings.flat();
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const content = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    content.setInt32(0, 5, true);
    bbox.forEach((v, i) => content.setFloat64(4 + 8 * i, v, true));
    content.setInt32(36, rings.length, true);
    content.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((r, i) => { content.setInt32(44 + 4 * i, start, true); start += r.length; });
    points.forEach(([x, y], i) => {
      content.setFloat64(44 + 4 * rings.length + 16 * i, x, true);
      content.setFloat64(44 + 4 * rings.length + 16 * i + 8, y, true);
    });
    return { content: new Uint8Array(content.buffer), bbox };
  });
  const all = records.map((r) => r.bbox);
  const bbox = [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
  const header = (lengthBytes: number) => {
    const h = new DataView(new ArrayBuffer(100));
    h.setInt32(0, 9994, false);
    h.setInt32(24, lengthBytes / 2, false);
    h.setInt32(28, 1000, true);
    h.setInt32(32, 5, true);
    bbox.forEach((v, i) => h.setFloat64(36 + 8 * i, v, true));
    return new Uint8Array(h.buffer);
  };
  const shpLength = 100 + records.reduce((s, r) => s + 8 + r.content.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * records.length);
  shp.set(header(shpLength));
  shx.set(header(shx.length));
  let offset = 100;
  records.forEach((r, i) => {
    const rh = new DataView(shp.buffer, offset, 8);
    rh.setInt32(0, i + 1, false);
    rh.setInt32(4, r.content.length / 2, false);
    shp.set(r.content, offset + 8);
    const ix = new DataView(shx.buffer, 100 + 8 * i, 8);
    ix.setInt32(0, offset / 2, false);
    ix.setInt32(4, r.content.length / 2, false);
    offset += 8 + r.content.length;
  });
  // dBase III: character fields of 80 bytes, UTF-8 (declared by a .cpg file).
  const names = Object.keys(features[0].properties);
  const width = 80;
  const enc = new TextEncoder();
  const recordLength = 1 + names.length * width;
  const headerLength = 32 + 32 * names.length + 1;
  const dbf = new Uint8Array(headerLength + recordLength * features.length + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dv.setUint32(4, features.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  names.forEach((n, i) => {
    dbf.set(enc.encode(n.toUpperCase().slice(0, 10)), 32 + 32 * i);
    dbf[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    dbf[32 + 32 * i + 16] = width;
  });
  dbf[headerLength - 1] = 0x0d;
  features.forEach((f, r) => {
    const base = headerLength + r * recordLength;
    dbf[base] = 0x20;
    names.forEach((n, i) => {
      const field = new Uint8Array(width).fill(0x20);
      // Cut at a character, not inside one: a UTF-8 sequence is never split.
      let bytes = enc.encode(String(f.properties[n]));
      if (bytes.length > width) {
        let end = width;
        while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
        bytes = bytes.slice(0, end);
      }
      field.set(bytes);
      dbf.set(field, base + 1 + i * width);
    });
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, shx, dbf };
}
