import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../server/import/progressLine.ts';

describe('progressLine', () => {
  it('shows rows per second and the time left from the rate so far', () => {
    const line = progressLine('writing', 2500, 10000, 5000);
    expect(line).toContain('25% 2500/10000');
    expect(line).toContain('500 rows/s');
    expect(line).toContain('15 s left');
  });
  it('shows nothing left when done or empty', () => {
    expect(progressLine('writing', 10, 10, 1000)).toContain('100% 10/10 10 rows/s, 0 s left');
    expect(progressLine('audit', 0, 0, 0)).toContain('100% 0/0');
  });
  it('does not guess the time left before the first rows are done', () => {
    expect(progressLine('audit', 0, 5000, 800)).toContain('0% 0/5000 0 rows/s, ? s left');
  });
});
