/**
 * The font every map label is drawn with: Noto Sans SC 400, self-hosted through
 * `@fontsource/noto-sans-sc` (imported in main.tsx), so labels never depend on system fonts.
 */
export const labelFont = {
  /** CSS family name, as declared by @fontsource/noto-sans-sc. */
  family: 'Noto Sans SC',
  /** MapLibre `text-font` stack; MapLibre tries it as a CSS family for local glyphs first. */
  textFont: ['Noto Sans SC'],
  /** MapLibre `localIdeographFontFamily`: CJK glyphs are drawn in the browser with this. */
  localIdeographFontFamily: '"Noto Sans SC", sans-serif',
  /** CSS font shorthand used to make the browser fetch the subsets a text needs. */
  loadShorthand: '16px "Noto Sans SC"',
} as const;
