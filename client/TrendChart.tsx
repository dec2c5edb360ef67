import type { Messages } from './i18n/messages.ts';

export interface TrendPoint {
  date: string;
  value: number | null;
  planned: number | null;
}

const W = 280;
const H = 110;
const PAD = { left: 6, right: 6, top: 8, bottom: 18 };

const dayOfYear = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000;

/** A small SVG line chart of actual against planned over the year, with the current date marked. */
export function TrendChart({ points, asOf, messages, format }: { points: TrendPoint[]; asOf: string; messages: Messages; format: (v: number) => string }) {
  const numbers = points.flatMap((p) => [p.value, p.planned]).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(1e-9, ...numbers);
  const x = (date: string) => PAD.left + (dayOfYear(date) / 365) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const line = (pick: (p: TrendPoint) => number | null, until?: string) =>
    points
      .filter((p) => pick(p) !== null && (!until || p.date <= until))
      .map((p) => `${x(p.date).toFixed(1)},${y(pick(p)!).toFixed(1)}`)
      .join(' ');
  const actual = line((p) => p.value, asOf);
  const planned = line((p) => p.planned);
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={messages.panelTrend} data-testid="trend-chart">
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#999" strokeWidth="1" />
        <line x1={x(asOf)} x2={x(asOf)} y1={PAD.top} y2={H - PAD.bottom} stroke="#1f3a93" strokeWidth="1" strokeDasharray="2 2" />
        {planned && <polyline className="trend-planned" points={planned} fill="none" stroke="#888" strokeWidth="1.5" strokeDasharray="4 3" />}
        {actual && <polyline className="trend-actual" points={actual} fill="none" stroke="#08519c" strokeWidth="2" />}
        <text x={PAD.left} y={PAD.top + 2} fontSize="10" fill="#6f6258" dominantBaseline="hanging">{numbers.length ? format(top) : ''}</text>
        <text x={PAD.left} y={H - 4} fontSize="10" fill="#6f6258">1</text>
        <text x={W - PAD.right} y={H - 4} fontSize="10" fill="#6f6258" textAnchor="end">12</text>
      </svg>
      <figcaption>
        <span className="key key-actual" /> {messages.trendActual} <span className="key key-planned" /> {messages.trendPlanned}
      </figcaption>
    </figure>
  );
}
