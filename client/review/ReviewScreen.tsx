import { useEffect, useMemo, useState } from 'react';
import { urls } from '../api/urls.ts';
import { sendJson } from '../api/postJson.ts';
import type { Session } from '../api/session.ts';
import { ApiScope, useApi } from '../api/useApi.ts';
import { useScreenSession } from '../api/useSession.ts';
import type { AreaLevel, Indicator, IndicatorCatalogue } from '../api/types.ts';
import { changeArrow, formatIndicatorValue, indicatorName } from '../format.ts';
import { Header } from '../Header.tsx';
import { messages } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { SignIn } from '../SignIn.tsx';
import type { Summary } from '../api/types.ts';
import { isBehind, lagClassOfFigure } from '../../server/domain/progressStatus.ts';
import { ChangesSection } from './ChangesSection.tsx';
import { mapLink } from './mapLink.ts';
import { MeetingMode } from './MeetingMode.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ReviewMap } from './ReviewMap.tsx';
import type { Problem, ReviewArea, ReviewBody, Specialty } from './reviewTypes.ts';
import { statusColors } from './statusColors.ts';
import { LagLegend } from './LagLegend.tsx';
import { lagFormatter, lagShareFormatter, lagUnitLabel, smallUnitsWhy } from './lagFormat.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { TaskList } from './TaskList.tsx';
import type { Settings } from '../api/fetchSettings.ts';
import { filterWithin, levelsOf, rootOf, type SubLevel } from '../state/areaCodes.ts';

/**
 * The weekly meeting at `/review?week=…`: areas ranked by lag against plan with the week's change
 * and how long each has been behind, on a map; what changed between two weeks; the problem and
 * task lists; the workbook, a print (PDF) layout, and a meeting mode for the projector. Every
 * answer is keyed by who is signed in and the data version (bumped by the live change feed).
 */
export function ReviewScreen() {
  const { error, setError, fail, viewer, ...auth } = useScreenSession();
  return (
    <ApiScope viewer={viewer}>
      <Review error={error} setError={setError} fail={fail} session={auth.session} logIn={auth.logIn} logOut={auth.logOut} />
    </ApiScope>
  );
}

interface ReviewProps {
  error: string | null;
  setError: (error: string | null) => void;
  fail: (reason: unknown) => void;
  /** null while unknown: the ranking waits for it (signed in, small areas are not hidden). */
  session: Session | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
}

function Review({ error, setError, fail, session, logIn, logOut }: ReviewProps) {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const initial = useMemo(() => new URLSearchParams(window.location.search), []);
  const [week, setWeek] = useState(initial.get('week') ?? '');
  const [level, setLevel] = useState<AreaLevel>((initial.get('level') as AreaLevel | null) ?? 'township');
  // The list's filter: any area above the level listed (`county`, its older name, still read).
  const [parent, setParent] = useState(initial.get('parent') ?? initial.get('county') ?? '');
  const [indicatorKey, setIndicatorKey] = useState(initial.get('indicator') ?? 'people_lifted');
  const [specialty, setSpecialty] = useState<number | null>(Number(initial.get('specialty')) || null);
  const [slide, setSlide] = useState<number | null>(initial.get('meeting') === '1' ? 0 : null);
  const indicatorAnswer = useApi<IndicatorCatalogue>(urls.indicators(), fail).data;
  const catalogue = useMemo<Indicator[]>(() => indicatorAnswer?.indicators.filter((i) => i.curve) ?? [], [indicatorAnswer]);
  const phaseNames = useMemo<ReadonlyMap<string, string>>(
    () => new Map((indicatorAnswer?.phases ?? []).map((p) => [p.key, locale === 'zh' ? p.nameZh : p.nameEn])),
    [indicatorAnswer, locale],
  );
  const specialtyAnswer = useApi<Specialty[]>(urls.specialties(), fail).data;
  const specialties = useMemo(() => specialtyAnswer?.filter((x) => x.projects > 0) ?? [], [specialtyAnswer]);
  const csrf = session?.csrfToken ?? null;
  const mayWrite = session?.user?.role === 'leader' || session?.user?.role === 'admin';
  const indicator = catalogue.find((i) => i.key === indicatorKey) ?? null;
  // The root's levels (a province adds its cities); a filter applies to the levels below it.
  const root = useApi<Settings>(urls.settings(), fail).data?.root ?? null;
  const province = root?.level === 'province';
  const levels = levelsOf(rootOf(root));
  const within = filterWithin(parent, level);
  // A province's villages are listed a city (or less) at a time.
  const listable = !(province && level === 'village' && !within);

  useEffect(() => {
    document.title = text.reviewTitle;
  }, [text]);

  // A specialty filters project figures: choosing one moves a non-project indicator to funds disbursed.
  const chooseSpecialty = (value: number | null) => {
    setSpecialty(value);
    if (value && indicator && !indicator.projects) setIndicatorKey('funds_disbursed');
  };

  // Signed in, small areas are no longer hidden: the ranking waits for the session and is keyed by the viewer.
  const known = session !== null;
  useEffect(() => {
    if (!known) return;
    const q = new URLSearchParams({ level, indicator: indicatorKey });
    if (week) q.set('week', week);
    if (within) q.set('parent', within);
    if (specialty) q.set('specialty', String(specialty));
    window.history.replaceState(null, '', `/review?${q}`);
  }, [week, level, within, indicatorKey, specialty, known]);
  const reviewAnswer = useApi<ReviewBody>(
    known && listable ? urls.review({ level, indicator: indicatorKey, week, parent: within, specialty }) : null,
    fail,
  );
  // The last ranking stays on screen while the next loads.
  const review = reviewAnswer.data ?? reviewAnswer.last;
  const loadedReview = reviewAnswer.data;
  useEffect(() => {
    if (!loadedReview) return;
    setError(null);
    if (!week) setWeek(loadedReview.week);
    // Only a newly arrived ranking clears the error and fills in the week.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedReview]);

  // The summary and the problems depend on the week (and who is signed in), not on the ranking's filters.
  const reviewWeek = review?.week ?? null;
  // The data's year, from the week the server reviewed (its default is the data's own date).
  const year = (reviewWeek ?? week).slice(0, 4) || undefined;
  const summaryAnswer = useApi<Summary>(reviewWeek ? urls.summary(reviewWeek) : null, fail);
  const summary = summaryAnswer.data ?? summaryAnswer.last;

  const signedIn = !!session?.user;
  const problemsUrl = signedIn && reviewWeek ? urls.problems({ meeting: reviewWeek, status: 'open', area: parent || null }) : null;
  const problemsAnswer = useApi<Problem[]>(problemsUrl, fail);
  const problems = problemsUrl === null ? null : problemsAnswer.data ?? problemsAnswer.last;
  // After this viewer's own edit: ask again now rather than wait for the change feed.
  const loadProblems = problemsAnswer.refresh;

  // The server sends the ranking rule's order (lag in the indicator's unit, small units after):
  // kept as it is. The meeting goes through the areas behind plan, small units only after all others.
  const lagging = useMemo(() => {
    const behind = (review?.areas ?? []).filter((a) => isBehind(a.value.status));
    return [...behind.filter((a) => !a.smallUnit), ...behind.filter((a) => a.smallUnit)].slice(0, 8);
  }, [review]);
  const rowLimit = level === 'village' ? 60 : 100;
  const rows = useMemo(() => (review?.areas ?? []).filter((a) => !a.smallUnit).slice(0, rowLimit), [review, rowLimit]);
  const smallRows = useMemo(() => (review?.areas ?? []).filter((a) => a.smallUnit).slice(0, rowLimit), [review, rowLimit]);
  const kind = indicator?.kind ?? 'count';
  // Each list writes its sort key at the precision that tells its rows apart.
  const fmtLag = useMemo(() => lagFormatter([...rows, ...smallRows].map((a) => a.value.lag), kind, locale), [rows, smallRows, kind, locale]);
  const fmtShare = useMemo(() => lagShareFormatter([...rows, ...smallRows].map((a) => a.value), locale), [rows, smallRows, locale]);
  const meetingLag = useMemo(() => lagFormatter(lagging.map((a) => a.value.lag), kind, locale), [lagging, kind, locale]);
  const meetingShare = useMemo(() => lagShareFormatter(lagging.map((a) => a.value), locale), [lagging, locale]);
  const unit = indicator ? lagUnitLabel(indicator.unit, text) : '';
  const mapColors = useMemo(() => statusColors(review?.areas ?? []), [review]);
  // The root's children (a city's counties, a province's cities) come with its summary: nothing
  // about the root is written into the client.
  const counties = useMemo(() => summary?.counties.map((c) => ({ code: c.code, name: c.name })) ?? [], [summary]);
  const listAreas = useMemo(() => [...(review?.areas ?? []), ...counties], [review, counties]);

  const levelName: Record<SubLevel, string> = { city: text.levelCity, county: text.levelCounty, township: text.levelTownship, village: text.levelVillage };
  const fmt = (v: number | null) => (indicator ? formatIndicatorValue(v, indicator, locale) : String(v ?? '—'));
  const account = session && (
    <SignIn messages={text} user={session.user} onLogIn={logIn} onLogOut={logOut} />
  );

  const addProblem = (form: HTMLFormElement) => {
    const d = new FormData(form);
    sendJson('POST', urls.problems(), { areaCode: String(d.get('area')), description: String(d.get('description')), owner: String(d.get('owner')), raisedAt: review!.week, dueDate: String(d.get('due')) }, csrf)
      .then(() => {
        form.reset();
        setError(null);
        loadProblems();
      })
      .catch(fail);
  };
  const closeProblem = (p: Problem, resolution: string) =>
    void sendJson('PATCH', urls.problem(p.id), { version: p.version, close: { closedAt: review!.week, resolution } }, csrf).then(loadProblems).catch(fail);
  const editProblem = (p: Problem, owner: string, dueDate: string) =>
    sendJson('PATCH', urls.problem(p.id), { version: p.version, owner, dueDate }, csrf).then(loadProblems, (e: unknown) => {
      fail(e);
      throw e;
    });

  if (slide !== null && review) {
    return <MeetingMode messages={text} locale={locale} review={review} lagging={lagging} summary={summary} catalogue={catalogue} indicator={indicator} problems={problems} parent={within} colors={mapColors} format={fmt} formatLag={meetingLag} formatShare={meetingShare} unit={unit} slide={slide} onSlide={setSlide} />;
  }

  const specialtyName = specialties.find((s) => s.code === specialty)?.name;
  // One row of the ranking: the sort key (lag in the indicator's unit) and its share first.
  const row = (a: ReviewArea, rank: string) => {
    const partLag = lagFormatter(a.worstParts.map((p) => p.lag), kind, locale);
    return (
      <tr key={a.code} data-code={a.code} data-small={a.smallUnit ? '1' : undefined} className={`status-row-${a.value.status ?? 'none'}`}>
        <td>{rank}</td>
        <td><a href={mapLink(a.code, review!.week, indicatorKey)}>{a.name}</a></td>
        <td className={`review-lag status-${lagClassOfFigure(a.value) ?? 'none'}`}>{fmtLag(a.value.lag)}</td><td className="review-lag-share">{fmtShare(a.value.lagShare)}</td>
        <td><StatusBadge value={a.value} messages={text} /></td>
        <td>{fmt(a.value.value)}{a.changedSinceShown && a.shown && (
          <span className="review-revised" data-revised="1"
            title={text.reviewChangedSinceShownTitle.replace('{value}', fmt(a.shown.value)).replace('{at}', a.shown.at.slice(0, 16))}>{text.reviewChangedSinceShown}</span>
        )}</td><td>{fmt(a.value.target)}</td><td>{fmt(a.value.planned)}</td>
        <td className="review-change">{changeArrow(a.change.value, fmt)}</td>
        <td>{a.weeksBehind > 0 ? `${a.weeksBehind} ${text.reviewWeeks}` : ''}</td>
        {level !== 'village' && <td className="review-parts">{a.worstParts.map((p) => `${p.shortName} ${partLag(p.lag)}${p.smallUnit ? text.reviewSmallMark : ''}`).join('，')}</td>}
      </tr>
    );
  };
  return (
    <div className="review" data-testid="review">
      <Header messages={{ ...text, title: text.reviewTitle }} locale={locale} synthetic={null} error={error} account={account} />
      <main className="review-main">
        <h1 className="print-only">{text.reviewTitle} · {review?.week}</h1>
        <div className="review-controls no-print">
          <label>{text.reviewWeek} <input type="date" value={week} min={year && `${year}-01-07`} max={year && `${year}-12-31`} onChange={(e) => setWeek(e.target.value)} data-testid="review-week" /></label>
          <label>{text.reviewLevel} <select value={level} onChange={(e) => setLevel(e.target.value as AreaLevel)} data-testid="review-level">
            {levels.map((l) => <option key={l} value={l}>{levelName[l]}</option>)}
          </select></label>
          {level !== levels[0] && (
            <label>{province ? text.reviewCity : text.reviewCounty} <select value={parent} onChange={(e) => setParent(e.target.value)} data-testid="review-county">
              <option value="">{text.reviewAllCounties}</option>{counties.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select></label>
          )}
          <label>{text.indicatorLabel} <select value={indicatorKey} onChange={(e) => setIndicatorKey(e.target.value)} data-testid="review-indicator">
            {catalogue.filter((i) => !specialty || i.projects).map((i) => <option key={i.key} value={i.key}>{indicatorName(i, locale)}</option>)}
          </select></label>
          <label title={text.reviewSpecialtyHint}>{text.reviewSpecialty} <select value={specialty ?? ''} onChange={(e) => chooseSpecialty(Number(e.target.value) || null)} data-testid="review-specialty">
            <option value="">{text.reviewAllSpecialties}</option>{specialties.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select></label>
          {session?.user && review && <a href={urls.reviewWorkbook({ week: review.week, indicator: indicatorKey, specialty })} download data-testid="review-workbook">{text.reviewWorkbook}</a>}
          <button type="button" onClick={() => window.print()}>{text.reviewPrint}</button>
          <button type="button" onClick={() => setSlide(0)} data-testid="review-meeting">{text.reviewMeeting}</button>
        </div>
        {summary && (
          <p className="review-summary" data-testid="review-summary">
            {summary.city.name} · {locale === 'zh' ? summary.phase.nameZh : summary.phase.nameEn} · {text.wallVillagesExited} {summary.headline.poverty_villages_exited.value}/{summary.headline.poverty_villages_exited.target} · {text.wallPeopleLifted} {summary.headline.people_lifted.value?.toLocaleString('zh-CN')}/{summary.headline.people_lifted.target?.toLocaleString('zh-CN')}
            {indicator && ` · ${indicatorName(indicator, locale)}`}{specialtyName && ` · ${text.reviewSpecialty}：${specialtyName}`}
          </p>
        )}
        {!listable && <p className="review-pick" data-testid="review-pick">{text.reviewPickCity}</p>}
        {listable && (<div className="review-split">
          <div>
            {review && <ReviewMap messages={text} level={level} parent={within} colors={mapColors} testId="review-map" caption={`${text.reviewMapCaption}：${indicator ? indicatorName(indicator, locale) : ''}`} />}
            <LagLegend messages={text} testId="review-legend" />
          </div>
          <table className="review-table review-ranking" data-testid="review-table">
            <thead>
              <tr>
                <th>{text.reviewRank}</th><th>{text.reviewArea}</th>
                <th className="sorted" title={text.reviewSortedBy}>{text.reviewLagIn}{unit && `（${unit}）`}</th><th>{text.reviewLagShare}</th><th>{text.panelStatus}</th>
                <th>{text.panelValue}</th><th>{text.panelTarget}</th><th>{text.panelPlanned}</th><th>{text.reviewChange}</th><th>{text.reviewWeeksBehind}</th>{level !== 'village' && <th>{text.reviewWorstParts}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((a, i) => row(a, a.value.lag === null ? '—' : String(i + 1)))}
            </tbody>
            {smallRows.length > 0 && (
              <tbody className="review-small" data-testid="review-small-units">
                <tr className="review-section"><th colSpan={level !== 'village' ? 11 : 10}>{text.reviewSmallUnits}<span className="review-section-why">{smallUnitsWhy(text)}</span></th></tr>
                {smallRows.map((a) => row(a, '—'))}
              </tbody>
            )}
          </table>
        </div>)}
        {review && listable && <ChangesSection messages={text} locale={locale} week={review.week} level={level} parent={within} specialty={specialty} onError={fail} />}
        {review && (
          <ProblemList messages={text} week={review.week} problems={problems} signedIn={!!session?.user} mayWrite={mayWrite} areas={review.areas} defaultArea={lagging[0]?.code}
            onAdd={addProblem} onClose={closeProblem} onEdit={editProblem} />
        )}
        {review && (
          <TaskList messages={text} week={review.week} area={parent || null} specialty={specialty} specialties={specialties} phaseNames={phaseNames}
            signedIn={!!session?.user} mayWrite={mayWrite} csrf={csrf} areas={listAreas} onError={fail} />
        )}
      </main>
    </div>
  );
}
