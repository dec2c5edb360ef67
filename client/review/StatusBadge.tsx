import { statusText } from '../format.ts';
import type { Messages } from '../i18n/messages.ts';
import type { IndicatorValue } from '../api/types.ts';
import { figureColor } from '../../server/domain/legend.ts';
import { lagClassOfFigure } from '../../server/domain/progressStatus.ts';
import { badgeTextColor } from './lagFormat.ts';

/** A status badge in the colour the map gives the same figure (figureColor), so the two never disagree. */
export function StatusBadge({ value, messages: text }: { value: Pick<IndicatorValue, 'status' | 'lagShare'>; messages: Messages }) {
  const background = figureColor(value);
  const cls = lagClassOfFigure(value);
  return (
    <span className={`badge badge-${cls ?? 'none'}`} data-color={background} style={{ background, color: badgeTextColor(background) }}>
      {statusText(value.status, text)}{cls === 'ahead' ? ` · ${text.reviewAhead}` : ''}
    </span>
  );
}
