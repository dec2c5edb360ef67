import { parse } from 'csv-parse/sync';
import type { RawRow } from './fields.ts';

/** Rows of a CSV text with a header line, each with its 1-based line number in the file. */
export function readCsv(text: string): { line: number; row: RawRow }[] {
  const records = parse(text.replace(/^\uFEFF/, ''), {
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    relax_column_count: false,
    info: true,
  }) as { record: RawRow; info: { lines: number } }[];
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}
