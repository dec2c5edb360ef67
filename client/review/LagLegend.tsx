import { statusText } from '../format.ts';
import type { Messages } from '../i18n/messages.ts';
import { lagLegendItems, NO_DATA_COLOR } from './lagFormat.ts';

/**
 * The legend of the review's maps (screen, print, meeting mode): the four status classes with
 * their thresholds, as on the main map, and the grey of no plan or hidden figures.
 */
export function LagLegend({ messages: text, testId }: { messages: Messages; testId?: string }) {
  return (
    <div className="review-lag-legend" data-testid={testId}>
      <span className="review-lag-legend-title">{text.reviewLegendTitle}</span>
      <ul className="review-legend">
        {lagLegendItems().map((c) => (
          <li key={c.lagClass} data-class={c.lagClass} data-color={c.color}>
            <i style={{ background: c.color }} />{c.lagClass === 'ahead' ? text.reviewAhead : statusText(c.lagClass, text)} <span className="review-legend-range">{c.range}</span>
          </li>
        ))}
        <li data-class="none" data-color={NO_DATA_COLOR}><i style={{ background: NO_DATA_COLOR }} />{text.reviewLegendNone}</li>
      </ul>
    </div>
  );
}
