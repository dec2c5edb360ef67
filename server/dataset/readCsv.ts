import type { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
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

/** The same rows as `readCsv`, from a byte stream, a few at a time: memory does not grow with the file. */
export async function* streamCsv(input: Readable): AsyncGenerator<{ line: number; row: RawRow }> {
  const parser = input.pipe(parseStream({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    relax_column_count: false,
    info: true,
  }));
  input.on('error', (err) => parser.destroy(err));
  for await (const r of parser as AsyncIterable<{ record: RawRow; info: { lines: number } }>) yield { line: r.info.lines, row: r.record };
}
