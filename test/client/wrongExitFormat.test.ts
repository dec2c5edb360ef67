import { describe, expect, it } from 'vitest';
import { formatWrongExit } from '../../client/review/wrongExitFormat.ts';

const words = { none: '未抽查', pending: '待入户' };

describe('a county\'s estimated wrong-exit rate', () => {
  it('gives the rate with its interval, or says why there is none', () => {
    expect(formatWrongExit({ sampleId: 1, asOf: '2018-11-30', rate: 0.042, low: 0.011, high: 0.098, visited: 80 }, words)).toBe('4.2 %（1.1–9.8 %）');
    expect(formatWrongExit({ sampleId: 1, asOf: '2018-11-30', rate: null, low: null, high: null, visited: 0 }, words)).toBe('待入户');
    expect(formatWrongExit(null, words)).toBe('未抽查');
    expect(formatWrongExit(undefined, words)).toBe('未抽查');
  });
});
