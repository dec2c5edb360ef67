import { describe, expect, it } from 'vitest';
import { formatLag, formatLagShare, lagDigits, splitSmallUnits } from '../../client/laggingList.ts';
import { messages } from '../../client/i18n/messages.ts';

const count = { kind: 'count' as const };
const share = { kind: 'share' as const };

describe('the lagging list\'s numbers', () => {
  it('writes people as whole numbers unless two rows would read the same', () => {
    expect(lagDigits([-290, -172, -43.2], count)).toBe(0);
    expect(lagDigits([-1.3, -1.4, -2], count)).toBe(1);
    // Equal lags (tied, then ranked by share) do not ask for decimals.
    expect(lagDigits([-5, -5, -7], count)).toBe(0);
    expect(formatLag(-290.4, count, 0, 'zh', messages.zh)).toBe('−290');
    expect(formatLag(-1290.4, count, 0, 'en', messages.en)).toBe('−1,290');
  });

  it('never writes a lag as −0: a lag under one unit gets a decimal', () => {
    expect(lagDigits([-0.3, -4], count)).toBe(1);
    expect(formatLag(-0.3, count, 1, 'zh', messages.zh)).toBe('−0.3');
    expect(formatLag(-0.0001, count, 0, 'zh', messages.zh)).toBe('0');
  });

  it('writes a share\'s lag in percentage points, one decimal unless rows collide', () => {
    expect(lagDigits([-0.032, -0.051], share)).toBe(1);
    expect(lagDigits([-0.0321, -0.0324], share)).toBe(2);
    expect(formatLag(-0.032, share, 1, 'zh', messages.zh)).toBe('−3.2 个百分点');
    expect(formatLag(-0.032, share, 1, 'en', messages.en)).toBe('−3.2 pp');
  });

  it('writes the lag share beside it', () => {
    expect(formatLagShare(-0.0394, 'zh')).toBe('−3.9%');
    expect(formatLagShare(-0.0004, 'zh')).toBe('0.0%');
    expect(formatLagShare(null, 'zh')).toBe('—');
  });

  it('keeps the server\'s order and lists small units apart, after', () => {
    const areas = [{ code: 'a', smallUnit: false }, { code: 's', smallUnit: true }, { code: 'b', smallUnit: false }];
    const { main, small } = splitSmallUnits(areas);
    expect(main.map((a) => a.code)).toEqual(['a', 'b']);
    expect(small.map((a) => a.code)).toEqual(['s']);
  });
});
