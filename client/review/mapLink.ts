/** The main map opened at an area on a date, coloured by lag on an indicator. */
export function mapLink(code: string, date: string, indicator = 'people_lifted'): string {
  return `/?${new URLSearchParams({ a: code, d: date, i: indicator, m: 'lag' })}`;
}
