import { describe, expect, it } from 'vitest';
import { decimalsToTellApart, lagInUnit } from '../../../server/domain/lagPrecision.ts';
import { LAG_CLASS_COLORS } from '../../../server/domain/legend.ts';
import { STATUS_FILLS, tint } from '../../../server/export/reviewWorkbook.ts';

describe('the precision of a sorted list', () => {
  it('tells neighbours apart and never shows a lag as zero', () => {
    expect(decimalsToTellApart([-289.9, -172, -156.7])).toBe(0);
    expect(decimalsToTellApart([-61.4, -61.2])).toBe(1);
    expect(decimalsToTellApart([-0.3, -2])).toBe(1);
    expect(decimalsToTellApart([-0.004])).toBe(2);
    expect(decimalsToTellApart([])).toBe(0);
  });
  it('writes a share\'s lag in percentage points', () => {
    expect(lagInUnit(-0.0321, 'share')).toBe(-3.21);
    expect(lagInUnit(-172, 'count')).toBe(-172);
    expect(lagInUnit(null, 'count')).toBe(null);
  });
});

describe('the workbook\'s status fills', () => {
  it('are light tints of the palette, the same hue per status', () => {
    expect(tint('#000000', 0.5)).toBe('808080');
    expect(tint('#c4161c', 0)).toBe('C4161C');
    const hue = (hex: string) => {
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      const d = max - min;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    for (const [cls, hex] of Object.entries(LAG_CLASS_COLORS)) {
      const fill = STATUS_FILLS[cls as keyof typeof STATUS_FILLS].slice(2);
      expect(Math.abs(hue(fill) - hue(hex.slice(1))), cls).toBeLessThan(3);
    }
  });
});
