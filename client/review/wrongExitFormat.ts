import type { ChangeArea } from '../../server/domain/responses.ts';

/** A county's estimated wrong-exit rate as the meeting reads it: "4.2 %（1.1–9.8 %）". */
export function formatWrongExit(w: ChangeArea['wrongExit'], words: { none: string; pending: string }): string {
  if (!w) return words.none;
  if (w.rate === null || w.low === null || w.high === null) return words.pending;
  const pct = (v: number) => (v * 100).toFixed(1);
  return `${pct(w.rate)} %（${pct(w.low)}–${pct(w.high)} %）`;
}
