import { labelFont } from './labelFont.ts';

/**
 * Makes sure the label font's subsets covering every character of `texts` are loaded, so
 * MapLibre's local glyph rasterizer draws them with Noto Sans SC rather than a fallback.
 * Resolves to whether the browser reports the text as renderable with the font.
 */
export async function loadLabelFont(texts: Iterable<string>): Promise<boolean> {
  const characters = new Set<string>();
  for (const text of texts) for (const character of text) characters.add(character);
  const sample = [...characters].join('');
  if (sample === '' || !('fonts' in document)) return true;
  try {
    await document.fonts.load(labelFont.loadShorthand, sample);
    return document.fonts.check(labelFont.loadShorthand, sample);
  } catch {
    return false;
  }
}
