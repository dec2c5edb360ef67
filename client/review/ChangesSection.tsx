import { useEffect, useMemo, useState } from 'react';
import { urls } from '../api/urls.ts';
import { useApi } from '../api/useApi.ts';
import type { AreaLevel } from '../api/types.ts';
import type { Locale, Messages } from '../i18n/messages.ts';
import { NO_DATA_COLOR } from '../map/choropleth.ts';
import { addDays } from '../../server/domain/campaignCalendar.ts';
import { BACKWARD_COLOR, CHANGE_MEASURES, changeColors, NO_CHANGE_COLOR, type ChangeMeasure } from './changeColors.ts';
import { formatWrongExit } from './wrongExitFormat.ts';
import { mapLink } from './mapLink.ts';
import { ReviewMap } from './ReviewMap.tsx';
import type { ChangeFigures, ChangesBody } from './reviewTypes.ts';

export interface ChangesSectionProps {
  messages: Messages;
  locale: Locale;
  /** The review's week: the default end of the period. */
  week: string;
  level: AreaLevel;
  /** Only the areas inside this one (an area above the level), null: the root's. */
  parent: string | null;
  specialty: number | null;
  onError: (error: unknown) => void;
}

const COLUMNS = ['peopleLifted', 'householdsExited', 'povertyVillagesExited', 'newAtRisk', 'atRiskCleared', 'projectsCompleted', 'fundsDisbursed', 'disbursedShare'] as const;
const label = (text: Messages, key: (typeof COLUMNS)[number]) => text[`change${key[0].toUpperCase()}${key.slice(1)}` as keyof Messages] as string;
const ROWS = 20;

/** What changed between two weeks (default: the week before the review's): a map of one measure and a table of every measure. */
export function ChangesSection({ messages: text, locale, week, level, parent, specialty, onError }: ChangesSectionProps) {
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = range?.from ?? addDays(week, -7);
  const to = range?.to ?? week;
  const [measure, setMeasure] = useState<ChangeMeasure>('peopleLifted');
  useEffect(() => setRange(null), [week]);

  // Keyed by the viewer (see ApiScope): signing in fetches the figures hidden from the public.
  // The last figures stay on screen while the next load (or while the period is empty).
  const answer = useApi<ChangesBody>(from < to ? urls.reviewChanges({ from, to, level, parent, specialty }) : null, onError);
  const body = answer.data ?? answer.last;

  const good = CHANGE_MEASURES.find((m) => m.key === measure)!.good;
  const colours = useMemo(() => changeColors(new Map((body?.areas ?? []).map((a) => [a.code, a.change[measure]])), good), [body, measure, good]);
  const n = (v: number) => v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const cell = (c: ChangeFigures, key: (typeof COLUMNS)[number]) => {
    const v = c[key];
    if (v === null) return '—';
    if (key === 'fundsDisbursed') return (v / 10000).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
    if (key === 'disbursedShare') return `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}`;
    return v > 0 ? `+${n(v)}` : n(v);
  };
  const ranked = (body?.areas ?? [])
    .filter((a) => COLUMNS.some((k) => (a.change[k] ?? 0) !== 0))
    .sort((a, b) => (b.change[measure] ?? -Infinity) - (a.change[measure] ?? -Infinity) || (a.code < b.code ? -1 : 1));
  const still = (body?.areas.length ?? 0) - ranked.length;
  const unit = text[`level${level[0].toUpperCase()}${level.slice(1)}` as keyof Messages] as string;
  // Counties, for a signed-in meeting: what the newest 回头看 sample says of their exits.
  const withWrongExit = (body?.areas ?? []).some((a) => a.wrongExit !== undefined);
  const wrongExitWords = { none: text.changesWrongExitNone, pending: text.changesWrongExitPending };

  return (
    <section className="review-changes" data-testid="review-changes" data-from={body?.from ?? ''} data-to={body?.to ?? ''}>
      <h2>{text.changesTitle} · {from} → {to}</h2>
      <div className="review-controls no-print">
        <label>{text.changesFrom} <input type="date" value={from} max={to} onChange={(e) => e.target.value && setRange({ from: e.target.value, to })} data-testid="changes-from" /></label>
        <label>{text.changesTo} <input type="date" value={to} min={from} onChange={(e) => e.target.value && setRange({ from, to: e.target.value })} data-testid="changes-to" /></label>
        <label>{text.changesMeasure} <select value={measure} onChange={(e) => setMeasure(e.target.value as ChangeMeasure)} data-testid="changes-measure">
          {CHANGE_MEASURES.map((m) => <option key={m.key} value={m.key}>{label(text, m.key)}</option>)}
        </select></label>
      </div>
      <div className="review-split">
        <div>
          <ReviewMap messages={text} level={level} parent={parent} colors={colours.colorByCode} testId="changes-map" caption={`${text.changesTitle}：${label(text, measure)}`} />
          <ul className="review-legend">
            {colours.classes.map((c) => <li key={c.color}><i style={{ background: c.color }} />{c.from === c.to ? n(c.from) : `${n(c.from)}–${n(c.to)}`}</li>)}
            <li><i style={{ background: NO_CHANGE_COLOR }} />{text.legendNoChange}</li>
            {good && <li><i style={{ background: BACKWARD_COLOR }} />{text.legendBackward}</li>}
            <li><i style={{ background: NO_DATA_COLOR }} />{text.legendHidden}</li>
          </ul>
        </div>
        <table className="review-table" data-testid="changes-table">
          <thead><tr><th>{text.reviewArea}</th>{COLUMNS.map((k) => <th key={k} className={k === measure ? 'sorted' : undefined}>{label(text, k)}</th>)}{withWrongExit && <th>{text.changesWrongExit}</th>}</tr></thead>
          <tbody>
            {body && (
              <tr className="total" data-code="total"><td>{text.changesTotal}</td>{COLUMNS.map((k) => <td key={k}>{cell(body.total, k)}</td>)}{withWrongExit && <td />}</tr>
            )}
            {ranked.slice(0, ROWS).map((a) => (
              <tr key={a.code} data-code={a.code}>
                <td><a href={mapLink(a.code, to)}>{a.name}</a></td>
                {COLUMNS.map((k) => <td key={k}>{cell(a.change, k)}</td>)}
                {withWrongExit && <td className="review-wrong-exit" data-wrong-exit={a.wrongExit?.rate ?? ''}>{formatWrongExit(a.wrongExit, wrongExitWords)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {body && <p className="review-note">{still > 0 ? `${still} ${text.changesStill}（${unit}）` : ''}{ranked.length > ROWS ? ` · ${ROWS}/${ranked.length}` : ''}</p>}
    </section>
  );
}
