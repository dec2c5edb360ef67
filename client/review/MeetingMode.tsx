import { useEffect, useMemo } from 'react';
import type { AreaLevel, Indicator } from '../api/types.ts';
import { changeArrow, formatIndicatorValue, indicatorName } from '../format.ts';
import type { Locale, Messages } from '../i18n/messages.ts';
import type { Summary } from '../api/types.ts';
import { LagLegend } from './LagLegend.tsx';
import { lagFormatter } from './lagFormat.ts';
import { ReviewMap } from './ReviewMap.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { Problem, ReviewArea, ReviewBody } from './reviewTypes.ts';

export interface MeetingModeProps {
  messages: Messages;
  locale: Locale;
  review: ReviewBody;
  /** The areas behind plan in the server's ranking order (small units, if any, after all others): a slide each after the city's. */
  lagging: readonly ReviewArea[];
  summary: Summary | null;
  catalogue: readonly Indicator[];
  indicator: Indicator | null;
  problems: readonly Problem[] | null;
  /** The review's filter (an area above its level), null: the root's areas. */
  parent: string | null;
  /** The map's colours by area code: the review's statuses. */
  colors: ReadonlyMap<string, string>;
  /** Formats a value of the review's indicator. */
  format: (v: number | null) => string;
  /** Writes a lag in the indicator's unit, at the precision that tells the slides apart. */
  formatLag: (lag: number | null) => string;
  /** Writes a lag share ("−18.7%"). */
  formatShare: (share: number | null) => string;
  /** The unit a lag is written in (人, 户, 个百分点…). */
  unit: string;
  slide: number;
  onSlide: (slide: number | null) => void;
}

const HEADLINE = ['poverty_villages_exited', 'people_lifted', 'households_exited', 'funds_disbursed'] as const;

/**
 * The projector sequence: the city, then each lagging area with its figures, its place on the
 * map among its neighbours' statuses, and its open problems. Arrow keys move, Esc leaves.
 */
export function MeetingMode({ messages: text, locale, review, lagging, summary, catalogue, indicator, problems, parent, colors, format: fmt, formatLag, formatShare, unit, slide, onSlide }: MeetingModeProps) {
  const slides = 1 + lagging.length;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') onSlide(Math.min(slides - 1, slide + 1));
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') onSlide(Math.max(0, slide - 1));
      if (e.key === 'Escape') onSlide(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slide, slides, onSlide]);

  const level = review.level as AreaLevel;
  const a = slide > 0 ? lagging[slide - 1] : null;
  const focus = useMemo(() => (a ? { code: a.code, level } : null), [a, level]);
  const open = (problems ?? []).filter((p) => a && p.areaCode.startsWith(a.code));
  const partLag = lagFormatter(a?.worstParts.map((p) => p.lag) ?? [], indicator?.kind ?? 'count', locale);

  return (
    <div className="meeting" data-testid="meeting" data-slide={slide}>
      <div className="meeting-head">{text.reviewTitle} · {review.week} · {text.reviewSlide} {slide + 1}/{slides}</div>
      <div className="meeting-body">
        {a === null ? (
          <section>
            <h1>{text.reviewSummary}</h1>
            {summary && (
              <ul className="meeting-figures">
                {HEADLINE.map((k) => {
                  const ind = catalogue.find((i) => i.key === k);
                  const v = summary.headline[k];
                  return <li key={k}>{ind ? indicatorName(ind, locale) : k}<strong>{ind ? formatIndicatorValue(v.value, ind, locale) : v.value}</strong> / {ind ? formatIndicatorValue(v.target, ind, locale) : v.target}</li>;
                })}
                <li>{text.wallPhase}<strong>{locale === 'zh' ? summary.phase.nameZh : summary.phase.nameEn}</strong></li>
              </ul>
            )}
          </section>
        ) : (
          <section>
            <h1>{slide}. {a.name}{a.smallUnit ? ` · ${text.reviewSmallUnits}` : ''}</h1>
            <ul className="meeting-figures">
              <li>{indicator ? indicatorName(indicator, locale) : ''}<strong>{fmt(a.value.value)}</strong> / {fmt(a.value.target)}</li>
              <li>{text.panelPlanned}<strong>{fmt(a.value.planned)}</strong></li>
              <li data-testid="meeting-lag">{text.wallLag}<strong className={`status-${a.value.status}`}>{formatLag(a.value.lag)} {unit}</strong><span className="meeting-share">{formatShare(a.value.lagShare)}</span> <StatusBadge value={a.value} messages={text} /></li>
              <li>{text.reviewWeeksBehind}<strong>{a.weeksBehind}</strong> {text.reviewWeeks} · {text.reviewChange} {changeArrow(a.change.value, fmt)}</li>
            </ul>
            {a.worstParts.length > 0 && (
              <p className="meeting-parts" data-testid="meeting-parts">{text.reviewWorstParts}：{a.worstParts.map((p) => `${p.shortName} ${partLag(p.lag)}${p.smallUnit ? text.reviewSmallMark : ''}`).join('，')}</p>
            )}
            <h2>{text.reviewProblems}</h2>
            {open.length === 0 ? <p>{text.reviewNoProblems}</p> : <ul>{open.map((p) => <li key={p.id}>{p.description} — {p.owner}（{text.reviewDue} {p.dueDate}）</li>)}</ul>}
          </section>
        )}
        <div>
          <ReviewMap messages={text} level={level} parent={parent} colors={colors} focus={focus} testId="meeting-map" caption={text.meetingMapCaption} />
          <LagLegend messages={text} testId="meeting-legend" />
        </div>
      </div>
      <div className="meeting-keys">{text.reviewKeys}</div>
    </div>
  );
}
