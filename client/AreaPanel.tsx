import type { AreaProgress, Indicator } from './api/types.ts';
import { formatIndicatorValue, indicatorName, statusText } from './format.ts';
import type { Locale, Messages } from './i18n/messages.ts';
import { TrendChart, type TrendPoint } from './TrendChart.tsx';

export interface AreaPanelProps {
  messages: Messages;
  locale: Locale;
  name: string;
  code: string;
  progress: AreaProgress | null;
  indicators: Indicator[];
  /** The indicator on the map, whose trend is drawn. */
  indicator: Indicator | null;
  trend: TrendPoint[] | null;
  asOf: string;
  onClose: () => void;
}

/** The side panel of the selected area: each indicator against target and plan, and a trend. */
export function AreaPanel(props: AreaPanelProps) {
  const { messages, locale, progress } = props;
  return (
    <aside className="area-panel" aria-label={messages.panelLabel} data-testid="area-panel" data-code={props.code}>
      <header className="area-panel-header">
        <h2>{props.name}</h2>
        <button type="button" className="area-panel-close" aria-label={messages.panelClose} onClick={props.onClose}>
          ×
        </button>
      </header>
      <p className="area-panel-date">
        {messages.dateLabel} {props.asOf}
      </p>
      {props.indicator && (
        <section>
          <h3>
            {messages.panelTrend} · {indicatorName(props.indicator, locale)}
          </h3>
          {props.trend ? <TrendChart points={props.trend} asOf={props.asOf} messages={messages} format={(v) => formatIndicatorValue(v, props.indicator!, locale)} /> : <p>{messages.loadingShort}</p>}
        </section>
      )}
      {progress?.suppressed && <p className="area-panel-note">{messages.panelSuppressed}</p>}
      {progress ? (
        <table className="area-panel-table">
          <thead>
            <tr>
              <th>{messages.panelIndicator}</th>
              <th>{messages.panelValue}</th>
              <th>{messages.panelTarget}</th>
              <th>{messages.panelPlanned}</th>
              <th>{messages.panelStatus}</th>
            </tr>
          </thead>
          <tbody>
            {props.indicators.map((indicator) => {
              const entry = progress.indicators[indicator.key];
              if (!entry) return null;
              return (
                <tr key={indicator.key} className={indicator.key === props.indicator?.key ? 'current' : undefined} data-indicator={indicator.key}>
                  <td>{indicatorName(indicator, locale)}</td>
                  <td>{formatIndicatorValue(entry.value, indicator, locale)}</td>
                  <td>{formatIndicatorValue(entry.target, indicator, locale)}</td>
                  <td>{formatIndicatorValue(entry.planned, indicator, locale)}</td>
                  <td className={`status status-${entry.status ?? 'none'}`}>{statusText(entry.status, messages)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>{messages.loadingShort}</p>
      )}
    </aside>
  );
}
