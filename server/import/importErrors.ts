import type { RowProblem } from '../dataset/fields.ts';
import type { Progress } from '../dataset/writeDataset.ts';

/** An import was refused; nothing was written. Every rejected row is listed. */
export class ImportError extends Error {
  /** `problems` may list only the first of them; `total` counts them all. */
  constructor(public readonly problems: RowProblem[], summary?: string, public readonly total = problems.length) {
    super(summary ?? `import refused: ${total} problem(s); nothing was written`);
    this.name = 'ImportError';
  }
}

export interface ImportOptions {
  /** The date the file's household states hold from (their history row). */
  asOf: string;
  /** Who imports, for the audit rows. */
  actor: string;
  /** Households only: the area whose households the file replaces; the others are left alone. */
  replaceArea?: string | null;
  progress?: Progress;
}

export function duplicates(items: { line: number; key: string }[], what: string): RowProblem[] {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { line, key } of items) {
    const first = seen.get(key);
    if (first !== undefined) problems.push({ line, reason: `${what} ${key} appears again (first on line ${first})` });
    else seen.set(key, line);
  }
  return problems;
}
