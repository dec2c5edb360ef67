/**
 * The map's palette: a plain offline "basemap" and the boundary hierarchy on top of it. No alarm
 * red or orange here: on this map red means behind plan (server/domain/legend.ts) and nothing else.
 */
export const mapColors = {
  background: '#dde5ea',
  land: '#f6f2e8',
  countyFill: ['#f7efe0', '#eef3e2', '#f3e9ee'],
  countyLine: '#6b2f1a',
  townshipLine: '#9a6a4f',
  villageLine: '#b9a58f',
  povertyFill: '#8c6bb1',
  povertyLine: '#5b3a8c',
  countyLabel: '#3d1a0c',
  townshipLabel: '#5e4030',
  villageLabel: '#6f6258',
  povertyLabel: '#5b3a8c',
  halo: '#ffffff',
} as const;
