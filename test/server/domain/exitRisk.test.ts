import { describe, expect, it } from 'vitest';
import { bunchingOf, EXIT_RISK, evidenceAsOf, rankExits, scoreExit, type ExitEvidence, type GatheredExit } from '../../../server/domain/exitRisk.ts';

const genuine: ExitEvidence = {
  householdId: 'H1', villageCode: '512002001001', exitDate: '2018-08-20', enteredAt: '2018-08-21T02:00:00Z', actor: 'clerk.a',
  incomeBefore: 3500, incomeAtExit: 4000, guaranteesTurned: [], housingWorks: false, overridden: false, reversed: false, actorExitsInHour: 1,
};
const none = bunchingOf([]);

describe('exit risk signals', () => {
  it('a genuine exit, well above the line and entered on time in working hours, is low', () => {
    expect(scoreExit(genuine, none)).toEqual({ householdId: 'H1', exitDate: '2018-08-20', score: 0.5, band: 'low', signals: ['income_crossed'] });
  });

  it.each([
    ['overridden', { overridden: true }, 'high'],
    ['reversed', { reversed: true }, 'medium'],
    ['backdated', { enteredAt: '2018-10-01T02:00:00Z' }, 'medium'],
    ['backdated', { changedShownWeek: true }, 'medium'],
    ['near_line', { incomeAtExit: 3650 }, 'medium'],
    ['housing_without_works', { guaranteesTurned: ['housing'] }, 'medium'],
    ['burst', { actorExitsInHour: EXIT_RISK.burstExits }, 'medium'],
  ] as const)('%s', (signal, change, band) => {
    const r = scoreExit({ ...genuine, ...change } as ExitEvidence, none);
    expect(r.signals).toContain(signal);
    expect(r.band).toBe(band);
  });

  it('weak signals flag only together: a jump of 20 % to just above the line, and an odd hour', () => {
    const jump = scoreExit({ ...genuine, incomeBefore: 3000, incomeAtExit: 3800 }, none);
    expect(jump.signals).toEqual(['income_crossed', 'income_jump']);
    expect(jump.band).toBe('low');
    // 23:30 China time is 15:30 UTC.
    const late = scoreExit({ ...genuine, incomeBefore: 3000, incomeAtExit: 3800, enteredAt: '2018-08-21T15:30:00Z', guaranteesTurned: ['medical'] }, none);
    expect(late.signals).toEqual(['income_crossed', 'income_jump', 'guarantee_turned', 'odd_hour']);
    expect(late.band).toBe('medium');
  });

  it('housing turned true with a renovation or relocation recorded is not a signal', () => {
    expect(scoreExit({ ...genuine, guaranteesTurned: ['housing'], housingWorks: true }, none).signals).toEqual(['income_crossed']);
  });

  it('bunching: a village whose exits sit just above the line far more often than the city\'s', () => {
    const exits: ExitEvidence[] = [];
    for (let i = 0; i < 100; i += 1) exits.push({ ...genuine, householdId: `C${i}`, villageCode: `5120020010${String(10 + (i % 50))}`, incomeAtExit: i < 5 ? 3700 : 5000 });
    for (let i = 0; i < 6; i += 1) exits.push({ ...genuine, householdId: `B${i}`, villageCode: '512002001099', incomeAtExit: i < 4 ? 3700 : 5000 });
    const ranked = rankExits(exits);
    const b0 = ranked.find((r) => r.householdId === 'B0')!;
    expect(b0.signals).toContain('bunched');
    expect(ranked.find((r) => r.householdId === 'C0')!.signals).not.toContain('bunched');
    expect(ranked[0].score).toBeGreaterThanOrEqual(b0.score);
  });

  it('one gathering serves every date: exits effective by then, reversed only if turned poor again by then', () => {
    const { reversed: _, ...base } = genuine;
    const gathered: GatheredExit[] = [
      { ...base, householdId: 'H1', exitDate: '2018-08-20', reversedOn: '2018-10-01' },
      { ...base, householdId: 'H2', exitDate: '2018-09-15', reversedOn: null },
    ];
    expect(evidenceAsOf(gathered, '2018-08-19')).toEqual([]);
    expect(evidenceAsOf(gathered, '2018-09-30')).toEqual([{ ...genuine, householdId: 'H1', changedShownWeek: undefined }, { ...genuine, householdId: 'H2', exitDate: '2018-09-15', changedShownWeek: undefined }]);
    expect(evidenceAsOf(gathered, '2018-10-01').map((e) => e.reversed)).toEqual([true, false]);
  });

  it('ranks riskiest first, ties by household and then by exit date, whatever the input order', () => {
    // Entered on 2018-08-21: every one of these dates is on time, so the scores tie.
    const a = { ...genuine, householdId: 'H2', exitDate: '2018-08-19' };
    const b = { ...genuine, householdId: 'H2', exitDate: '2018-08-18' };
    const c = { ...genuine, householdId: 'H1', exitDate: '2018-08-19' };
    const d = { ...genuine, householdId: 'H3', overridden: true };
    const order = (xs: ExitEvidence[]) => rankExits(xs).map((r) => `${r.householdId} ${r.exitDate}`);
    expect(order([a, b, c, d])).toEqual(['H3 2018-08-20', 'H1 2018-08-19', 'H2 2018-08-18', 'H2 2018-08-19']);
    expect(order([d, c, b, a])).toEqual(order([a, b, c, d]));
  });
});
