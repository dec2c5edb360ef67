import { useCallback, useEffect, useMemo, useState } from 'react';
import { getJson } from '../api/getJson.ts';
import { sendJson } from '../api/postJson.ts';
import { fetchSession, logIn, logOut, type Session } from '../api/session.ts';
import type { Indicator, IndicatorCatalogue, IndicatorValue } from '../api/types.ts';
import { formatIndicatorValue, indicatorName, statusText } from '../format.ts';
import { Header } from '../Header.tsx';
import { messages } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { SignIn } from '../SignIn.tsx';
import type { Summary } from '../../server/progress/progressService.ts';
import { isBehind } from '../../server/domain/progressStatus.ts';

interface ReviewArea { code: string; name: string; parent: string | null; value: IndicatorValue; change: { value: number | null; lagShare: number | null }; weeksBehind: number }
interface ReviewBody { week: string; previousWeek: string; level: string; indicator: string; areas: ReviewArea[] }
interface Problem { id: number; areaCode: string; areaName: string; description: string; raisedAt: string; owner: string; dueDate: string; status: string; version: number; carriedOver: boolean; overdue: boolean }

const COUNTIES = [['512002', '雁江区'], ['512021', '安岳县'], ['512022', '乐至县']] as const;

/**
 * The weekly meeting at `/review?week=…`: areas ranked by lag against plan with the week's change
 * and how long each has been behind; the problem list; the workbook, a print (PDF) layout, and a
 * meeting mode for the projector (arrow keys).
 */
export function ReviewScreen() {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const initial = useMemo(() => new URLSearchParams(window.location.search), []);
  const [week, setWeek] = useState(initial.get('week') ?? '');
  const [level, setLevel] = useState(initial.get('level') ?? 'township');
  const [county, setCounty] = useState(initial.get('county') ?? '');
  const [indicatorKey, setIndicatorKey] = useState(initial.get('indicator') ?? 'people_lifted');
  const [catalogue, setCatalogue] = useState<Indicator[]>([]);
  const [review, setReview] = useState<ReviewBody | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [slide, setSlide] = useState<number | null>(initial.get('meeting') === '1' ? 0 : null);
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)), []);
  const csrf = session?.csrfToken ?? null;
  const mayWrite = session?.user?.role === 'leader' || session?.user?.role === 'admin';
  const indicator = catalogue.find((i) => i.key === indicatorKey) ?? null;

  useEffect(() => {
    document.title = text.reviewTitle;
    fetchSession().then(setSession).catch(fail);
    getJson<IndicatorCatalogue>('/api/indicators').then((c) => setCatalogue(c.indicators.filter((i) => i.curve))).catch(fail);
  }, [text, fail]);

  useEffect(() => {
    const q = new URLSearchParams({ level, indicator: indicatorKey });
    if (week) q.set('week', week);
    if (county && level !== 'county') q.set('county', county);
    window.history.replaceState(null, '', `/review?${q}`);
    getJson<ReviewBody>(`/api/review?${q}`).then((body) => {
      setReview(body);
      setError(null);
      if (!week) setWeek(body.week);
    }).catch(fail);
  }, [week, level, county, indicatorKey, fail]);

  useEffect(() => {
    if (review) getJson<Summary>(`/api/summary?asOf=${review.week}`).then(setSummary).catch(fail);
  }, [review, fail]);

  const loadProblems = useCallback(() => {
    if (!session?.user || !review) return setProblems(null);
    getJson<Problem[]>(`/api/problems?meeting=${review.week}&status=open`).then(setProblems).catch(fail);
  }, [session, review, fail]);
  useEffect(loadProblems, [loadProblems]);

  const lagging = (review?.areas ?? []).filter((a) => isBehind(a.value.status)).slice(0, 8);
  const slides = 1 + lagging.length;
  useEffect(() => {
    if (slide === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') setSlide((s) => Math.min(slides - 1, (s ?? 0) + 1));
      if (e.key === 'ArrowLeft' || e.key === 'PageUp') setSlide((s) => Math.max(0, (s ?? 0) - 1));
      if (e.key === 'Escape') setSlide(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slide, slides]);

  const fmt = (v: number | null) => (indicator ? formatIndicatorValue(v, indicator, locale) : String(v ?? '—'));
  const arrow = (v: number | null) => (v === null ? '—' : v > 0 ? `▲ ${fmt(v)}` : v < 0 ? `▼ ${fmt(-v)}` : '■ 0');
  const account = session && (
    <SignIn messages={text} user={session.user} onLogIn={async (u, p) => setSession(await logIn(u, p))} onLogOut={() => void logOut(csrf).then(() => setSession({ user: null, csrfToken: null }), fail)} />
  );

  const addProblem = (form: HTMLFormElement) => {
    const d = new FormData(form);
    sendJson('POST', '/api/problems', { areaCode: String(d.get('area')), description: String(d.get('description')), owner: String(d.get('owner')), raisedAt: review!.week, dueDate: String(d.get('due')) }, csrf)
      .then(() => {
        form.reset();
        setError(null);
        loadProblems();
      })
      .catch(fail);
  };
  const closeProblem = (p: Problem, resolution: string) =>
    sendJson('PATCH', `/api/problems/${p.id}`, { version: p.version, close: { closedAt: review!.week, resolution } }, csrf).then(loadProblems).catch(fail);

  if (slide !== null && review) {
    const a = slide > 0 ? lagging[slide - 1] : null;
    const open = (problems ?? []).filter((p) => a && p.areaCode.startsWith(a.code));
    return (
      <div className="meeting" data-testid="meeting" data-slide={slide}>
        <div className="meeting-head">{text.reviewTitle} · {review.week} · {text.reviewSlide} {slide + 1}/{slides}</div>
        {a === null ? (
          <section>
            <h1>{text.reviewSummary}</h1>
            {summary && (
              <ul className="meeting-figures">
                {(['poverty_villages_exited', 'people_lifted', 'households_exited', 'funds_disbursed'] as const).map((k) => {
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
            <h1>{slide}. {a.name}</h1>
            <ul className="meeting-figures">
              <li>{indicator ? indicatorName(indicator, locale) : ''}<strong>{fmt(a.value.value)}</strong> / {fmt(a.value.target)}</li>
              <li>{text.panelPlanned}<strong>{fmt(a.value.planned)}</strong></li>
              <li>{text.wallLag}<strong className={`status-${a.value.status}`}>{fmt(a.value.lag)}</strong> {statusText(a.value.status, text)}</li>
              <li>{text.reviewWeeksBehind}<strong>{a.weeksBehind}</strong> {text.reviewWeeks} · {text.reviewChange} {arrow(a.change.value)}</li>
            </ul>
            <h2>{text.reviewProblems}</h2>
            {open.length === 0 ? <p>{text.reviewNoProblems}</p> : <ul>{open.map((p) => <li key={p.id}>{p.description} — {p.owner}（{text.reviewDue} {p.dueDate}）</li>)}</ul>}
          </section>
        )}
        <div className="meeting-keys">{text.reviewKeys}</div>
      </div>
    );
  }

  return (
    <div className="review" data-testid="review">
      <Header messages={{ ...text, title: text.reviewTitle }} locale={locale} synthetic={null} error={error} account={account} />
      <main className="review-main">
        <h1 className="print-only">{text.reviewTitle} · {review?.week}</h1>
        <div className="review-controls no-print">
          <label>{text.reviewWeek} <input type="date" value={week} min="2018-01-07" max="2018-12-31" onChange={(e) => setWeek(e.target.value)} data-testid="review-week" /></label>
          <label>{text.reviewLevel} <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="county">{text.levelCounty}</option><option value="township">{text.levelTownship}</option><option value="village">{text.levelVillage}</option>
          </select></label>
          {level !== 'county' && (
            <label>{text.reviewCounty} <select value={county} onChange={(e) => setCounty(e.target.value)}>
              <option value="">{text.reviewAllCounties}</option>{COUNTIES.map(([c, n]) => <option key={c} value={c}>{n}</option>)}
            </select></label>
          )}
          <label>{text.indicatorLabel} <select value={indicatorKey} onChange={(e) => setIndicatorKey(e.target.value)}>
            {catalogue.map((i) => <option key={i.key} value={i.key}>{indicatorName(i, locale)}</option>)}
          </select></label>
          {session?.user && review && <a href={`/api/review/workbook?week=${review.week}&indicator=${indicatorKey}`} download data-testid="review-workbook">{text.reviewWorkbook}</a>}
          <button type="button" onClick={() => window.print()}>{text.reviewPrint}</button>
          <button type="button" onClick={() => setSlide(0)} data-testid="review-meeting">{text.reviewMeeting}</button>
        </div>
        {summary && (
          <p className="review-summary" data-testid="review-summary">
            {summary.city.name} · {locale === 'zh' ? summary.phase.nameZh : summary.phase.nameEn} · {text.wallVillagesExited} {summary.headline.poverty_villages_exited.value}/{summary.headline.poverty_villages_exited.target} · {text.wallPeopleLifted} {summary.headline.people_lifted.value?.toLocaleString('zh-CN')}/{summary.headline.people_lifted.target?.toLocaleString('zh-CN')}
          </p>
        )}
        <table className="review-table" data-testid="review-table">
          <thead>
            <tr><th>{text.reviewRank}</th><th>{text.reviewArea}</th><th>{text.panelValue}</th><th>{text.panelTarget}</th><th>{text.panelPlanned}</th><th>{text.wallLag}</th><th>{text.panelStatus}</th><th>{text.reviewChange}</th><th>{text.reviewWeeksBehind}</th></tr>
          </thead>
          <tbody>
            {(review?.areas ?? []).slice(0, level === 'village' ? 60 : 100).map((a, i) => (
              <tr key={a.code} data-code={a.code} className={`status-row-${a.value.status ?? 'none'}`}>
                <td>{i + 1}</td>
                <td><a href={`/?a=${a.code}&d=${review!.week}&i=${indicatorKey}&m=lag`}>{a.name}</a></td>
                <td>{fmt(a.value.value)}</td><td>{fmt(a.value.target)}</td><td>{fmt(a.value.planned)}</td><td>{fmt(a.value.lag)}</td>
                <td><span className={`badge badge-${a.value.status ?? 'none'}`}>{statusText(a.value.status, text)}</span></td>
                <td>{arrow(a.change.value)}</td>
                <td>{a.weeksBehind > 0 ? `${a.weeksBehind} ${text.reviewWeeks}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="review-problems" data-testid="review-problems">
          <h2>{text.reviewProblems}</h2>
          {!session?.user ? <p>{text.reviewSignInForLists}</p> : problems && problems.length === 0 ? <p>{text.reviewNoProblems}</p> : (
            <table className="review-table">
              <thead><tr><th>{text.reviewArea}</th><th>{text.reviewDescription}</th><th>{text.reviewOwner}</th><th>{text.reviewDue}</th><th /></tr></thead>
              <tbody>
                {(problems ?? []).map((p) => (
                  <tr key={p.id} data-id={p.id} className={p.overdue ? 'overdue' : undefined}>
                    <td>{p.areaName}</td><td>{p.description}{p.carriedOver ? `（${text.reviewCarried}）` : ''}</td><td>{p.owner}</td>
                    <td>{p.dueDate}{p.overdue ? ` ${text.reviewOverdue}` : ''}</td>
                    <td className="no-print">{mayWrite && (
                      <form onSubmit={(e) => { e.preventDefault(); void closeProblem(p, String(new FormData(e.currentTarget).get('resolution'))); }}>
                        <input name="resolution" required placeholder={text.reviewResolution} aria-label={text.reviewResolution} /> <button type="submit">{text.reviewClose}</button>
                      </form>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {mayWrite && review && (
            <form className="review-add no-print" data-testid="review-add" onSubmit={(e) => { e.preventDefault(); addProblem(e.currentTarget); }}>
              <strong>{text.reviewAddProblem}</strong>
              <select name="area" required defaultValue={lagging[0]?.code}>{review.areas.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}</select>
              <input name="description" required placeholder={text.reviewDescription} aria-label={text.reviewDescription} />
              <input name="owner" required placeholder={text.reviewOwner} aria-label={text.reviewOwner} />
              <input name="due" type="date" required aria-label={text.reviewDue} />
              <button type="submit">{text.reviewAddProblem}</button>
            </form>
          )}
        </section>
      </main>
    </div>
  );
}
