import type { AreaContents, AreaProgress, Indicator, LaggingArea } from './api/types.ts';
import { formatIndicatorValue, indicatorName, statusText } from './format.ts';
import { placeName, type Locale, type Messages } from './i18n/messages.ts';
import { TrendChart, type TrendPoint } from './TrendChart.tsx';
import { formatLag, formatLagShare, lagDigits, splitSmallUnits } from './laggingList.ts';
import { figureColor } from '../server/domain/legend.ts';

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
  /** What lies inside the area; null while loading. */
  contents: AreaContents | null;
  /** The children that lag most on the indicator on the map; undefined for a village (no children). */
  lagging: LaggingArea[] | null | undefined;
  onSelect: (code: string) => void;
  onClose: () => void;
}

/** `a（b）` in Chinese, `a (b)` in English. */
const paren = (a: string, b: string, locale: Locale) => (locale === 'zh' ? `${a}（${b}）` : `${a} (${b})`);

function ContentsList({ contents, messages, locale }: { contents: AreaContents; messages: Messages; locale: Locale }) {
  const n = (v: number) => v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const h = contents.households;
  const rows: [string, string, string][] = [
    ['villages', messages.contentsVillages, n(contents.villages)],
    ['poverty-villages', messages.contentsPovertyVillages, paren(n(contents.povertyVillages.total), n(contents.povertyVillages.exited), locale)],
    ['households', messages.contentsHouseholds, h ? n(h.total) : '—'],
    ['poor', messages.contentsPoorRemaining, h ? n(h.poor) : '—'],
    ['at-risk', messages.contentsAtRisk, h ? n(h.atRisk) : '—'],
    ['scattered', messages.contentsScattered, h ? n(h.scattered) : '—'],
    ['people', messages.contentsPeople, h ? n(h.people) : '—'],
    ['parks', messages.contentsParks, n(contents.parks)],
    ['projects', messages.contentsProjects, paren(n(contents.projects.total), n(contents.projects.completed), locale)],
  ];
  return (
    <dl className="area-contents" data-testid="area-contents">
      {rows.map(([key, label, value]) => (
        <div key={key} data-count={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The children behind plan in the server's order (the one ranking rule), each with the number it
 * is sorted by (the lag in the indicator's unit) and its share of target; small units apart, after.
 * The status word, its class and its swatch all come from the row's own status.
 */
function LaggingList({ areas, indicator, messages, locale, onSelect }: { areas: LaggingArea[]; indicator: Indicator; messages: Messages; locale: Locale; onSelect: (code: string) => void }) {
  const digits = lagDigits(areas.map((a) => a.value.lag), indicator);
  const { main, small } = splitSmallUnits(areas);
  const rows = (list: LaggingArea[], testId: string) => (
    <ol className="area-lagging" data-testid={testId}>
      {list.map((a) => (
        <li key={a.code} data-code={a.code} data-status={a.value.status ?? ''}>
          <button type="button" onClick={() => onSelect(a.code)} data-code={a.code}>
            {placeName(a, locale)}
          </button>
          <span className="area-lag-figure" data-testid="area-lag" title={messages.panelLaggingLag}>
            <span className="area-lag-value">{formatLag(a.value.lag, indicator, digits, locale, messages)}</span>
            <span className="area-lag-share">{formatLagShare(a.value.lagShare, locale)}</span>
          </span>
          <span className={`status status-${a.value.status ?? 'none'}`}>
            <span className="area-lag-swatch" style={{ background: figureColor(a.value) }} />
            {statusText(a.value.status, messages)}
          </span>
        </li>
      ))}
    </ol>
  );
  return (
    <>
      {main.length > 0 && rows(main, 'area-lagging')}
      {small.length > 0 && (
        <>
          <h4 className="area-lagging-small-title">{messages.panelSmallUnits}</h4>
          {rows(small, 'area-lagging-small')}
        </>
      )}
    </>
  );
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
      <section>
        <h3>{messages.panelContents}</h3>
        {props.contents ? <ContentsList contents={props.contents} messages={messages} locale={locale} /> : <p>{messages.loadingShort}</p>}
      </section>
      {props.lagging !== undefined && props.indicator && (
        <section>
          <h3>
            {messages.panelLagging} · {indicatorName(props.indicator, locale)}
          </h3>
          {props.lagging === null ? (
            <p>{messages.loadingShort}</p>
          ) : props.lagging.length === 0 ? (
            <p>{messages.panelLaggingNone}</p>
          ) : (
            <LaggingList areas={props.lagging} indicator={props.indicator} messages={messages} locale={locale} onSelect={props.onSelect} />
          )}
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
