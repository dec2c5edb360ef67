import { isBehind, type ProgressStatus } from './progressStatus.ts';

/** Weeks in a row an area has been behind plan, counting back from the newest status. */
export function weeksBehind(newestFirst: readonly (ProgressStatus | null)[]): number {
  let n = 0;
  for (const s of newestFirst) {
    if (!isBehind(s)) break;
    n++;
  }
  return n;
}
