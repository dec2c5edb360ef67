import type { Messages } from '../i18n/messages.ts';
import { badgeTextColor } from '../review/lagFormat.ts';
import { BAND_COLORS, BANDS, bandText, wrongShareLegend, NO_VISIT_COLOR } from './integrityFormat.ts';
import type { RiskBand } from './integrityTypes.ts';

/** A risk band as a badge in its colour (purple, brown, grey: never the red of "behind plan"). */
export function BandBadge({ band, messages: text, count }: { band: RiskBand; messages: Messages; count?: number }) {
  const background = BAND_COLORS[band];
  return (
    <span className={`badge band-${band}`} data-band={band} data-color={background} style={{ background, color: badgeTextColor(background) }}>
      {bandText(band, text)}{count !== undefined && ` ${count.toLocaleString('zh-CN')}`}
    </span>
  );
}

/** The bands' legend: what each colour of the badges means. */
export function BandLegend({ messages: text }: { messages: Messages }) {
  return (
    <div className="review-lag-legend" data-testid="integrity-band-legend">
      <span className="review-lag-legend-title">{text.integrityLegendBands}</span>
      <ul className="review-legend">
        {BANDS.map((b) => (
          <li key={b} data-band={b} data-color={BAND_COLORS[b]}><i style={{ background: BAND_COLORS[b] }} />{bandText(b, text)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The map's legend: the fixed wrong-share classes, and grey for a township not visited yet. */
export function ShareLegend({ messages: text }: { messages: Messages }) {
  return (
    <div className="review-lag-legend" data-testid="integrity-map-legend">
      <span className="review-lag-legend-title">{text.integrityMapTitle}</span>
      <ul className="review-legend">
        {wrongShareLegend(text).map((c) => (
          <li key={c.color} data-color={c.color}><i style={{ background: c.color }} />{c.label}</li>
        ))}
        <li data-color={NO_VISIT_COLOR}><i style={{ background: NO_VISIT_COLOR }} />{text.integrityNoVisit}</li>
      </ul>
    </div>
  );
}
