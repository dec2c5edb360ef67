/** The map's palette: a plain offline "basemap" and the boundary hierarchy on top of it. */
export const mapColors = {
  background: '#dde5ea',
  land: '#f6f2e8',
  countyFill: ['#f7efe0', '#eef3e2', '#f3e9ee'],
  countyLine: '#6b2f1a',
  townshipLine: '#9a6a4f',
  villageLine: '#b9a58f',
  povertyFill: '#e4572e',
  povertyLine: '#b23a17',
  countyLabel: '#3d1a0c',
  townshipLabel: '#5e4030',
  villageLabel: '#6f6258',
  povertyLabel: '#a3290c',
  halo: '#ffffff',
} as const;
