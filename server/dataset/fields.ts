/** One rejected input row: where it is and why. */
export interface RowProblem {
  /** 1-based line in a CSV file, or 1-based feature number in a GeoJSON / Shapefile. */
  line: number;
  reason: string;
}

export class FieldError extends Error {}

export type RawRow = Record<string, unknown>;

function raw(row: RawRow, name: string): string {
  const v = row[name];
  if (v === undefined || v === null) return '';
  return String(v).trim();
}

export function text(row: RawRow, name: string, { required = true } = {}): string {
  const v = raw(row, name);
  if (required && v === '') throw new FieldError(`${name} is missing`);
  return v;
}

export function integer(row: RawRow, name: string, min: number, max: number, fallback?: number): number {
  const v = raw(row, name);
  if (v === '') {
    if (fallback !== undefined) return fallback;
    throw new FieldError(`${name} is missing`);
  }
  const n = Number(v);
  if (!Number.isInteger(n)) throw new FieldError(`${name} must be a whole number, got "${v}"`);
  if (n < min || n > max) throw new FieldError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function decimal(row: RawRow, name: string, min: number, max: number, { required = true } = {}): number | null {
  const v = raw(row, name);
  if (v === '') {
    if (required) throw new FieldError(`${name} is missing`);
    return null;
  }
  const n = Number(v);
  if (!Number.isFinite(n)) throw new FieldError(`${name} must be a number, got "${v}"`);
  if (n < min || n > max) throw new FieldError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', 'f']);

export function boolean(row: RawRow, name: string, fallback?: boolean): boolean {
  const v = raw(row, name).toLowerCase();
  if (v === '') {
    if (fallback !== undefined) return fallback;
    throw new FieldError(`${name} is missing`);
  }
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new FieldError(`${name} must be true or false, got "${v}"`);
}

export function date(row: RawRow, name: string, { required = false } = {}): string | null {
  const v = raw(row, name);
  if (v === '') {
    if (required) throw new FieldError(`${name} is missing`);
    return null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new FieldError(`${name} must be a date YYYY-MM-DD, got "${v}"`);
  }
  return v;
}

export function oneOf<T extends string>(row: RawRow, name: string, allowed: readonly T[]): T {
  const v = text(row, name);
  if (!(allowed as readonly string[]).includes(v)) throw new FieldError(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

/**
 * Parses every row, collecting a problem per bad row instead of stopping at the first, so an
 * import can report them all at once.
 */
export function parseRows<T>(rows: { line: number; row: RawRow }[], parse: (row: RawRow) => T): { records: T[]; lines: number[]; problems: RowProblem[] } {
  const records: T[] = [];
  const lines: number[] = [];
  const problems: RowProblem[] = [];
  for (const { line, row } of rows) {
    try {
      records.push(parse(row));
      lines.push(line);
    } catch (err) {
      if (err instanceof FieldError) problems.push({ line, reason: err.message });
      else throw err;
    }
  }
  return { records, lines, problems };
}
