import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../../server/domain/evaluateIndicator.ts';
import { changeOf, compareCodes, furthestBehind, rankWithinParents, worstChildren } from '../../../server/domain/ranking.ts';

const fig = (key: string, lagShare: number | null, lag: number | null = lagShare): IndicatorValue => ({ key, value: 1, target: 1, planned: 1, lag, lagShare, status: null });
const area = (code: string, parent: string | null, a: number | null, b: number | null = null) => ({ code, name: `n${code}`, parent, indicators: { a: fig('a', a), b: fig('b', b) } });
const up = { key: 'a', higherIsBetter: true };
const down = { key: 'b', higherIsBetter: false };
const ranks = (out: { code: string; indicators: Record<string, { rank: number | null }> }[], key: string) => Object.fromEntries(out.map((x) => [x.code, x.indicators[key].rank]));

describe('ranking within each parent', () => {
  it('ranks each parent\'s areas separately, furthest ahead of plan first', () => {
    const out = rankWithinParents([area('51', 'X', 0.1), area('52', 'X', 0.3), area('61', 'Y', -0.2), area('62', 'Y', -0.5)], [up]);
    expect(ranks(out, 'a')).toEqual({ 51: 2, 52: 1, 61: 1, 62: 2 });
  });

  it('treats areas without a parent as one group', () => {
    expect(ranks(rankWithinParents([area('2', null, 0.1), area('1', null, 0.2)], [up]), 'a')).toEqual({ 1: 1, 2: 2 });
  });

  it('breaks ties by code', () => {
    expect(ranks(rankWithinParents([area('53', 'X', 0.1), area('51', 'X', 0.1), area('52', 'X', 0.1)], [up]), 'a')).toEqual({ 51: 1, 52: 2, 53: 3 });
  });

  it('ranks the lowest first where lower is better', () => {
    const out = rankWithinParents([area('51', 'X', null, 0.4), area('52', 'X', null, -0.1), area('53', 'X', null, 0.2)], [down]);
    expect(ranks(out, 'b')).toEqual({ 51: 3, 52: 1, 53: 2 });
  });

  it('gives a null rank to a figure with no lag share, and leaves it out of the count', () => {
    const out = rankWithinParents([area('51', 'X', null), area('52', 'X', 0.2), area('53', 'X', 0.1)], [up]);
    expect(ranks(out, 'a')).toEqual({ 51: null, 52: 1, 53: 2 });
  });

  it('gives every figure a rank key, null for an indicator not ranked, and keeps the rest of the area', () => {
    const input = [area('51', 'X', 0.1, 0.2)];
    const [out] = rankWithinParents(input, [up]);
    expect(out).toEqual({ ...input[0], indicators: { a: { ...fig('a', 0.1), rank: 1 }, b: { ...fig('b', 0.2), rank: null } } });
    expect(Object.keys(out.indicators.a).at(-1)).toBe('rank');
    expect(input[0].indicators.a).not.toHaveProperty('rank');
  });
});

describe('furthest behind and worst children', () => {
  it('orders the areas with a lag worst first, ties by code, up to a limit', () => {
    const areas = [area('51', 'X', 0.1), area('52', 'X', -0.3), area('53', 'X', null), area('50', 'X', -0.3)];
    expect(furthestBehind(areas, up).map((a) => a.code)).toEqual(['50', '52', '51']);
    expect(furthestBehind(areas, up, 1).map((a) => a.code)).toEqual(['50']);
    expect(furthestBehind([area('51', 'X', null, 0.1), area('52', 'X', null, 0.5)], down).map((a) => a.code)).toEqual(['52', '51']);
  });

  it('names up to three children of the parent that are behind, by lag', () => {
    const children = [area('5101', '51', -5), area('5102', '51', 2), area('5103', '51', -9), area('5104', '51', -1), area('5105', '51', -1), area('5201', '52', -20)];
    expect(worstChildren(children, '51', up).map((c) => c.code)).toEqual(['5103', '5101', '5104']);
    expect(worstChildren(children, '51', up)[0]).toEqual({ code: '5103', name: 'n5103', lag: -9, lagShare: -9, status: null });
    expect(worstChildren([area('5101', '51', null, 3), area('5102', '51', null, -3)], '51', down).map((c) => c.code)).toEqual(['5101']);
  });
});

describe('helpers', () => {
  it('compares codes as plain strings and rounds a change to 4 decimals', () => {
    expect(['52', '5', '51'].sort(compareCodes)).toEqual(['5', '51', '52']);
    expect(changeOf(0.12345, 0.1)).toBe(0.0235);
    expect(changeOf(null, 1)).toBeNull();
    expect(changeOf(1, undefined)).toBeNull();
  });
});
