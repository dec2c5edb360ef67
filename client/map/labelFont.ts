/**
 * The font every map label is drawn with: the machine's own Chinese font when it has one, else
 * Noto Sans SC 400, self-hosted through `@fontsource/noto-sans-sc` (imported in main.tsx), so
 * labels never depend on system fonts.
 */
export const labelFont = {
  /** CSS family name, as declared by @fontsource/noto-sans-sc. */
  family: 'Noto Sans SC',
  /** MapLibre `text-font` stack, used as the CSS family list of its local glyphs: the machine's font first. */
  textFont: ['Local Sans SC', 'Noto Sans SC'],
  /** The machine's own Chinese font, when it has one (client/localFont.css): tried first. */
  localFamily: 'Local Sans SC',
  /** MapLibre `localIdeographFontFamily`: CJK glyphs are drawn in the browser with this. */
  localIdeographFontFamily: '"Local Sans SC", "Noto Sans SC", sans-serif',
  /** CSS font shorthand used to make the browser fetch the subsets a text needs. */
  loadShorthand: '16px "Noto Sans SC"',
} as const;
