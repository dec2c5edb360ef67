import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../../server/domain/evaluateIndicator.ts';
import { indicatorByKey } from '../../../server/domain/indicators.ts';
import { changeOf, compareCodes, furthestBehind, isSmallUnit, orderByLag, rankWithinParents, SMALL_UNIT_FLOOR, worstChildren } from '../../../server/domain/ranking.ts';

/** A figure of 100 (a target no floor catches) with a lag and lag share. */
const fig = (key: string, lagShare: number | null, lag: number | null = lagShare, target = 100): IndicatorValue => ({ key, value: 1, target, planned: 1, lag, lagShare, status: null });
const area = (code: string, parent: string | null, a: number | null, b: number | null = null) => ({ code, name: `n${code}`, parent, indicators: { a: fig('a', a), b: fig('b', b) } });
const up = { key: 'a', higherIsBetter: true, unit: 'villages' as const };
const down = { key: 'b', higherIsBetter: false, unit: 'households' as const };
const ranks = (out: { code: string; indicators: Record<string, { rank: number | null }> }[], key: string) => Object.fromEntries(out.map((x) => [x.code, x.indicators[key].rank]));
const codes = (out: { area: { code: string } }[]) => out.map((o) => o.area.code);

const peopleLifted = indicatorByKey('people_lifted')!;
const person = (code: string, value: number, target: number, planned: number) => ({
  code, name: code, parent: '5120', indicators: { people_lifted: { key: 'people_lifted', value, target, planned, lag: value - planned, lagShare: Math.round(((value - planned) / target) * 10000) / 10000, status: null } },
});

describe('the ranking rule', () => {
  // 2018-06-30: 四川大堰劳动教养管理所 has lifted none of its 11 people; 丹山镇 is 290 people behind, 回澜镇 172.
  const dayan = person('512021999', 0, 11, 5.5);
  const danshan = person('512021101', 176, 1553, 466);
  const huilan = person('512002102', 101, 910, 273);
  const onPlan = person('512022103', 300, 600, 290);

  it('ranks by lag in the indicator\'s unit: 290 people behind before 172, and the unit of 11 people (100 % of its half-year plan behind) is never first', () => {
    const order = orderByLag([dayan, huilan, onPlan, danshan], peopleLifted);
    expect(codes(order)).toEqual(['512021101', '512002102', '512022103', '512021999']);
    expect(order.map((o) => o.small)).toEqual([false, false, false, true]);
    // By share alone it would be first: −50 % against −18.7 %.
    expect(dayan.indicators.people_lifted.lagShare).toBeLessThan(danshan.indicators.people_lifted.lagShare);
  });

  it('lists small units apart, after every other area, even those ahead of plan', () => {
    const order = furthestBehind([dayan, onPlan], peopleLifted);
    expect(codes(order)).toEqual(['512022103', '512021999']);
    expect(order[1].small).toBe(true);
  });

  it('breaks ties of lag by lag share, then by code', () => {
    const a = person('51', 10, 100, 30); // −20, −20 %
    const b = person('52', 10, 200, 30); // −20, −10 %
    const c = person('50', 10, 200, 30);
    expect(codes(orderByLag([b, a, c], peopleLifted))).toEqual(['51', '50', '52']);
  });

  it('puts areas without a lag (no plan, no data, hidden) last, by code', () => {
    const hidden = { ...person('49', 0, 100, 0), indicators: { people_lifted: { ...fig('people_lifted', null, null) } } };
    expect(codes(orderByLag([hidden, danshan, dayan], peopleLifted))).toEqual(['512021101', '512021999', '49']);
  });

  it('knows a small unit by its target, or by the households a share counts', () => {
    expect(SMALL_UNIT_FLOOR.people).toBe(20);
    expect(isSmallUnit(dayan.indicators.people_lifted, peopleLifted)).toBe(true);
    expect(isSmallUnit(fig('people_lifted', -0.1, -2, 20), peopleLifted)).toBe(false);
    const housing = indicatorByKey('housing')!;
    expect(isSmallUnit({ ...fig('housing', -0.5), target: 1, denominator: 4 }, housing)).toBe(true);
    expect(isSmallUnit({ ...fig('housing', -0.5), target: 1, denominator: 5 }, housing)).toBe(false);
    // Funds count yuan, villages are whole targets: no floor.
    expect(isSmallUnit({ ...fig('funds_disbursed', -0.5), target: 0.95, denominator: 1 }, indicatorByKey('funds_disbursed')!)).toBe(false);
    expect(isSmallUnit(fig('poverty_villages_exited', -1, -1, 1), indicatorByKey('poverty_villages_exited')!)).toBe(false);
  });
});

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

  it('ranks by lag, not by lag share, and gives a small unit no rank', () => {
    const dayan = person('59', 0, 11, 5.5);
    const out = rankWithinParents([person('51', 50, 1000, 40), person('52', 20, 100, 15), dayan], [peopleLifted]);
    expect(ranks(out, 'people_lifted')).toEqual({ 51: 1, 52: 2, 59: null });
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
    expect(codes(furthestBehind(areas, up))).toEqual(['50', '52', '51']);
    expect(codes(furthestBehind(areas, up, 1))).toEqual(['50']);
    expect(codes(furthestBehind([area('51', 'X', null, 0.1), area('52', 'X', null, 0.5)], down))).toEqual(['52', '51']);
  });

  it('names up to three children of the parent that are behind, by lag, with their figures', () => {
    const children = [area('5101', '51', -5), area('5102', '51', 2), area('5103', '51', -9), area('5104', '51', -1), area('5105', '51', -1), area('5201', '52', -20)];
    expect(worstChildren(children, '51', up).map((c) => c.code)).toEqual(['5103', '5101', '5104']);
    expect(worstChildren(children, '51', up)[0]).toEqual({ code: '5103', name: 'n5103', value: 1, target: 100, planned: 1, lag: -9, lagShare: -9, status: null, smallUnit: false });
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
