import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import * as shapefile from 'shapefile';
import type { FeatureCollection, Geometry } from 'geojson';
import { streamCsv } from '../dataset/readCsv.ts';
import type { RawRow } from '../dataset/fields.ts';
import { BadRequestError } from '../errors.ts';

type Features = FeatureCollection<Geometry | null>['features'];

export type InputFile =
  | { format: 'geojson' | 'shapefile'; features: Features }
  /** A GeoJSON file of points (households): read as a stream, one feature at a time. */
  | { format: 'geojson-points'; path: string; bytes: number; features: () => AsyncIterable<Features[number]> }
  /** A CSV file is read as a stream when its rows are asked for, so its size does not set the memory used. */
  | { format: 'csv'; path: string; bytes: number; rows: () => AsyncIterable<{ line: number; row: RawRow }> };

/** DBF field names are upper case and at most 10 characters; the rest of the import uses lower case. */
function lowerKeys(fc: FeatureCollection<Geometry | null>): FeatureCollection<Geometry | null> {
  for (const f of fc.features) {
    f.properties = Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? v.trim() : v]));
  }
  return fc;
}

async function readZippedShapefile(bytes: Uint8Array, name: string): Promise<FeatureCollection<Geometry | null>> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new BadRequestError(`${name} is not a readable zip file: ${(err as Error).message}`);
  }
  const find = (ext: string) => Object.keys(entries).find((k) => k.toLowerCase().endsWith(ext) && !k.startsWith('__MACOSX'));
  const shp = find('.shp');
  const dbf = find('.dbf');
  if (!shp || !dbf) throw new BadRequestError(`${name} must contain a .shp and a .dbf file (found: ${Object.keys(entries).join(', ') || 'nothing'})`);
  const prj = find('.prj');
  if (prj) {
    const wkt = strFromU8(entries[prj]);
    if (/^\s*PROJCS/i.test(wkt)) {
      throw new BadRequestError(`${name}: the shapefile is in a projected coordinate system (${wkt.slice(0, 60)}…); export it in longitude/latitude (EPSG:4326 or CGCS2000 EPSG:4490)`);
    }
  }
  const cpg = find('.cpg');
  // Chinese shapefiles without a .cpg are usually GBK.
  const encoding = cpg ? strFromU8(entries[cpg]).trim().toLowerCase() || 'utf-8' : 'gbk';
  const toBuffer = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
  return lowerKeys(await shapefile.read(toBuffer(entries[shp]), toBuffer(entries[dbf]), { encoding }));
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch (err) {
    throw new BadRequestError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The features of a FeatureCollection, parsed one at a time from the file. */
async function* streamFeatures(path: string): AsyncGenerator<Features[number]> {
  try {
    for await (const { value } of chain([createReadStream(path), parser(), pick({ filter: 'features' }), streamArray()]) as AsyncIterable<{ value: Features[number] }>) {
      yield value;
    }
  } catch (err) {
    throw new BadRequestError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Whether the first feature with a geometry is a point (or none has one): a household file, not boundaries. */
async function firstGeometryIsPoint(path: string): Promise<boolean> {
  for await (const f of streamFeatures(path)) {
    if (f?.geometry) return f.geometry.type === 'Point';
  }
  return false;
}

/** Reads a GeoJSON, zipped Shapefile or CSV file, by its extension. */
export async function readInputFile(path: string): Promise<InputFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const size = sizeOf(path);
    return {
      format: 'csv', path, bytes: size,
      rows: async function* () {
        try {
          yield* streamCsv(createReadStream(path));
        } catch (err) {
          if (err instanceof BadRequestError) throw err;
          throw new BadRequestError(`${path} is not a readable CSV file: ${(err as Error).message}`);
        }
      },
    };
  }
  if (ext === '.geojson' || ext === '.json') {
    const size = sizeOf(path);
    // Points (households) stream; polygons (boundaries) are checked as a whole, so read whole.
    if (await firstGeometryIsPoint(path)) return { format: 'geojson-points', path, bytes: size, features: () => streamFeatures(path) };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new BadRequestError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (ext === '.geojson' || ext === '.json') {
    let fc: FeatureCollection<Geometry | null>;
    try {
      fc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new BadRequestError(`${path} is not valid JSON: ${(err as Error).message}`);
    }
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new BadRequestError(`${path} must be a GeoJSON FeatureCollection`);
    return { format: 'geojson', features: fc.features };
  }
  if (ext === '.zip') return { format: 'shapefile', features: (await readZippedShapefile(bytes, path)).features };
  throw new BadRequestError(`${path}: unsupported file type "${ext}"; use .geojson, .json, .zip (Shapefile) or .csv`);
}
