import type { HistoryResponse } from '../api/types.ts';

const W = 460;
const H = 230;
const PAD = { left: 8, right: 8, top: 34, bottom: 34 };

const dayOfYear = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000;

/** The year so far against plan, drawn large enough to read across a room. */
export function WallTrend({ points, indicator, asOf, labels }: {
  points: HistoryResponse['points'];
  indicator: string;
  asOf: string;
  labels: { actual: string; planned: string; format: (v: number) => string };
}) {
  const series = points.map((p) => ({ date: p.date, value: p.indicators[indicator]?.value ?? null, planned: p.indicators[indicator]?.planned ?? null, target: p.indicators[indicator]?.target ?? null }));
  const target = series.find((p) => p.target !== null)?.target ?? null;
  const top = Math.max(1, target ?? 0, ...series.flatMap((p) => [p.value ?? 0, p.planned ?? 0]));
  const x = (date: string) => PAD.left + (dayOfYear(date) / 365) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const line = (pick: (p: (typeof series)[number]) => number | null) =>
    series.filter((p) => pick(p) !== null).map((p) => `${x(p.date).toFixed(1)},${y(pick(p)!).toFixed(1)}`).join(' ');
  const last = series.at(-1);
  return (
    <svg className="wall-trend" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={labels.actual} data-testid="wall-trend">
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#5c6b80" strokeWidth="2" />
      {target !== null && <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} stroke="#5c6b80" strokeDasharray="6 6" />}
      <polyline points={line((p) => p.planned)} fill="none" stroke="#9fb3c8" strokeWidth="3" strokeDasharray="10 6" className="wall-trend-planned" />
      <polyline points={line((p) => p.value)} fill="none" stroke="#ffcf5c" strokeWidth="5" className="wall-trend-actual" />
      <text x={PAD.left} y={24} fontSize="22" fill="#ffcf5c">{labels.actual} {last?.value != null ? labels.format(last.value) : '—'}</text>
      <text x={W - PAD.right} y={24} fontSize="22" fill="#9fb3c8" textAnchor="end">{labels.planned} {last?.planned != null ? labels.format(last.planned) : '—'}</text>
      <text x={PAD.left} y={H - 6} fontSize="20" fill="#9fb3c8">1</text>
      <line x1={x(asOf)} x2={x(asOf)} y1={PAD.top} y2={H - PAD.bottom} stroke="#ffcf5c" strokeWidth="1.5" strokeDasharray="3 4" />
      <text x={W - PAD.right} y={H - 6} fontSize="20" fill="#9fb3c8" textAnchor="end">12</text>
    </svg>
  );
}
