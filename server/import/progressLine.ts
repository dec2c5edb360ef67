/**
 * One progress line for the terminal: the phase, rows done of total, rows per second and time left.
 * Pure, so the CLI only decides when to print it (a TTY redraws it; a log gets one every few seconds).
 */
export function progressLine(step: string, done: number, total: number, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const rate = done / seconds;
  // One statement writes all its rows at once: until it ends there is no rate to tell the time left by.
  const left = total <= done ? '0' : rate > 0 ? String(Math.ceil((total - done) / rate)) : '?';
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  const width = 20;
  const bar = '#'.repeat(Math.floor((pct / 100) * width)).padEnd(width, '.');
  return `${step} [${bar}] ${pct}% ${done}/${total} ${Math.round(rate)} rows/s, ${left} s left`;
}
