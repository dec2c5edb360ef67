/** A `#rrggbb` colour as deck.gl's `[r, g, b, a]` (0–255), with an opacity of 0–1. */
export function rgba(hex: string, opacity = 1): [number, number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, Math.round(opacity * 255)];
}
