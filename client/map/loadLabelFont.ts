import { labelFont } from './labelFont.ts';

/** The face client/localFont.css declares over the machine's own Chinese fonts, if the page has it. */
function localFace(): FontFace | undefined {
  for (const face of document.fonts) {
    if (face.family.replace(/["']/g, '') === labelFont.localFamily) return face;
  }
  return undefined;
}

/**
 * Makes sure the label font covers every character of `texts` before MapLibre's local glyph
 * rasterizer draws them: the machine's own Chinese font when it has one (client/localFont.css),
 * else the self-hosted Noto Sans SC subsets covering those characters, which are then loaded.
 * Resolves to whether the text is renderable with the font.
 */
export async function loadLabelFont(texts: Iterable<string>): Promise<boolean> {
  const characters = new Set<string>();
  for (const text of texts) for (const character of text) characters.add(character);
  const sample = [...characters].join('');
  if (sample === '' || !('fonts' in document)) return true;
  try {
    // The local font covers the text when it exists: the subsets are then never asked for.
    const local = localFace();
    if (local && (await local.load().then(() => true, () => false))) return true;
    await document.fonts.load(labelFont.loadShorthand, sample);
    return document.fonts.check(labelFont.loadShorthand, sample);
  } catch {
    return false;
  }
}
