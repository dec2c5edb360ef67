import { useCallback, useEffect, useMemo, useState } from 'react';
import { cacheKey, store } from '../api/apiCache.ts';
import { HttpError } from '../api/getJson.ts';
import type { Session } from '../api/session.ts';
import type { AreaFeatureCollection } from '../api/types.ts';
import { urls } from '../api/urls.ts';
import { ApiScope, useApi, useViewer } from '../api/useApi.ts';
import { useScreenSession } from '../api/useSession.ts';
import { Header } from '../Header.tsx';
import { messages, placeName } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { SignIn } from '../SignIn.tsx';
import type { Settings } from '../api/fetchSettings.ts';
import { drawableAreas, drawSample, INTEGRITY_ROLES, recordVisit } from './api.ts';
import { ShareLegend } from './BandBadge.tsx';
import { ExitRanking } from './ExitRanking.tsx';
import { IntegrityMap } from './IntegrityMap.tsx';
import type { ExitReport, RiskBand, SampleDetail, SampleHead, SampleUnit, VisitInput } from './integrityTypes.ts';
import { SampleSummary } from './SampleSummary.tsx';
import { VisitList } from './VisitList.tsx';

/**
 * Catching 数字脱贫 at `/integrity` (inspectors and administrators): every exit ranked by the risk
 * that it was made to look right; a 回头看 sample drawn for a county or the city, its visit list
 * printed for the field team, the visits entered as they come back, and the wrong-exit rate with
 * its interval and a map by township updated with each one. Anyone else is told whom it is for.
 */
export function IntegrityScreen() {
  const { error, fail, viewer, ...auth } = useScreenSession();
  return (
    <ApiScope viewer={viewer}>
      <Integrity error={error} fail={fail} session={auth.session} logIn={auth.logIn} logOut={auth.logOut} />
    </ApiScope>
  );
}

interface IntegrityProps {
  error: string | null;
  fail: (reason: unknown) => void;
  /** null while unknown. */
  session: Session | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
}

/** A refusal: said in place, not on the header's error line. */
const refused = (reason: unknown): reason is HttpError => reason instanceof HttpError && [401, 403, 404].includes(reason.status);

function Integrity({ error, fail, session, logIn, logOut }: IntegrityProps) {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const viewer = useViewer();
  const initial = useMemo(() => new URLSearchParams(window.location.search), []);
  const today = useMemo(() => new Date().toISOString().slice(0, 10), []);
  const [asOf, setAsOf] = useState(initial.get('asOf') ?? today);
  const [sampleId, setSampleId] = useState<number | null>(Number(initial.get('sample')) || null);
  const [band, setBand] = useState<RiskBand | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [drawArea, setDrawArea] = useState<string | null>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  const user = session?.user ?? null;
  const allowed = !!user && INTEGRITY_ROLES.includes(user.role);
  const csrf = session?.csrfToken ?? null;

  useEffect(() => {
    document.title = text.integrityTitle;
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [text, locale]);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (sampleId) q.set('sample', String(sampleId));
    else q.delete('sample');
    q.set('asOf', asOf);
    window.history.replaceState(null, '', `/integrity?${q}`);
  }, [sampleId, asOf]);

  const quiet = useCallback((reason: unknown) => !refused(reason) && fail(reason), [fail]);
  // Nothing is asked for a role the API would refuse: the screen says whom it is for instead.
  const samplesAnswer = useApi<SampleHead[]>(allowed ? urls.integritySamples() : null, quiet);
  const sampleAnswer = useApi<SampleDetail>(allowed && sampleId ? urls.integritySample(sampleId) : null, quiet);
  const sample = sampleAnswer.data;
  const root = useApi<Settings>(urls.settings(), fail).data?.root ?? null;
  // The cities (a province root's, or the root city itself) and the counties, named: label points, not polygons.
  const province = root?.level === 'province';
  const cityAnswer = useApi<AreaFeatureCollection>(allowed && province ? urls.areas('city', null, 'label') : null, fail);
  const countyAnswer = useApi<AreaFeatureCollection>(allowed && root ? urls.areas('county', null, 'label') : null, fail);
  const named = useMemo(() => {
    // The shipped city keeps the name the catalogue gives it.
    const nameOf = (p: { code: string; name: string; nameEn?: string | null }) => (p.code === '5120' ? text.cityName : placeName(p, locale));
    const cities = province ? (cityAnswer.data?.features ?? []).map((f) => f.properties) : root && root.level === 'city' ? [root] : [];
    const counties = (countyAnswer.data?.features ?? []).map((f) => f.properties);
    return [...cities, ...counties].map((p) => ({ code: p.code, name: nameOf(p) })).sort((a, b) => (a.code < b.code ? -1 : 1));
  }, [province, root, cityAnswer.data, countyAnswer.data, text, locale]);
  const areas = useMemo(() => drawableAreas(user?.areaCode ?? '', named), [user, named]);
  // The open sample's area, until another is chosen; else the caller's own.
  const chosenArea = drawArea ?? areas.find((a) => a.code === (sample?.areaCode ?? user?.areaCode))?.code ?? areas[0]?.code ?? '';
  const areaName = (code: string) => named.find((a) => a.code === code)?.name ?? code;
  // A province-wide account's exits are listed a city or county at a time: the one chosen.
  const exitsArea = user?.areaCode.length === 2 ? chosenArea || null : null;
  const exitsAnswer = useApi<ExitReport>(allowed && asOf && (exitsArea || user?.areaCode.length !== 2) ? urls.integrityExits({ asOf, band, limit: 100, area: exitsArea }) : null, quiet);
  const report = exitsAnswer.data ?? exitsAnswer.last;
  const mapArea = sample?.areaCode ?? (chosenArea || null);
  const rates = useMemo(() => new Map((sample?.townships ?? []).map((t) => [t.code, t.rate])), [sample]);

  const draw = (form: HTMLFormElement) => {
    const d = new FormData(form);
    const seed = Number(d.get('seed'));
    setDrawing(true);
    setDrawError(null);
    drawSample({ areaCode: chosenArea, asOf, margin: Number(d.get('margin')) / 100, ...(seed ? { seed } : {}) }, csrf)
      .then((drawn) => {
        // The answer is the sample: kept as the answer to its URL, so it shows without asking again.
        store(cacheKey(viewer, urls.integritySample(drawn.id)), drawn);
        setEditing(null);
        setSampleId(drawn.id);
        samplesAnswer.refresh();
      })
      .catch((reason: unknown) => setDrawError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => setDrawing(false));
  };

  const save = (unit: SampleUnit, visit: VisitInput) => recordVisit(sample!.id, unit.householdId, visit, csrf).then((updated) => {
    // The answer carries the new estimate and township shares: shown at once.
    sampleAnswer.update(() => updated);
    setEditing(null);
    samplesAnswer.refresh();
  });

  const account = session && <SignIn messages={text} user={session.user} onLogIn={logIn} onLogOut={logOut} />;
  const deniedByApi = refused(exitsAnswer.error) ? (exitsAnswer.error as HttpError) : null;
  let denied: string | null = null;
  if (session && !user) denied = text.integrityNeedsRole;
  else if (user && !allowed) denied = text.integrityWrongRole;
  // The session ran out (401) or the role was changed since it began (403).
  else if (deniedByApi) denied = deniedByApi.status === 401 ? text.integrityNeedsRole : text.integrityWrongRole;

  return (
    <div className="review integrity" data-testid="integrity">
      <Header messages={{ ...text, title: text.integrityTitle }} locale={locale} synthetic={null} error={error} account={account} />
      <main className="review-main integrity-main">
        {!session && <p>{text.loadingShort}</p>}
        {denied && <p className="integrity-denied" role="alert" data-testid="integrity-denied">{denied}</p>}
        {allowed && !deniedByApi && (
          <>
            {sample && (
              <>
                <h1 className="print-only">{text.integrityPrintedTitle} · {areaName(sample.areaCode)}</h1>
                <p className="print-only integrity-print-meta">
                  {text.integritySampleLabel.replace('{id}', String(sample.id)).replace('{area}', areaName(sample.areaCode)).replace('{asOf}', sample.asOf).replace('{size}', String(sample.size))}
                  {' · '}{text.integritySeedIs} {sample.seed}
                </p>
              </>
            )}
            <form className="review-controls integrity-controls no-print" data-testid="integrity-draw" onSubmit={(e) => { e.preventDefault(); draw(e.currentTarget); }}>
              <strong>{text.integrityDrawTitle}</strong>
              <label>{text.integrityArea} <select name="area" value={chosenArea} onChange={(e) => setDrawArea(e.target.value)} data-testid="integrity-area">
                {areas.map((a) => <option key={a.code} value={a.code}>{a.code.length === 4 ? text.integrityWholeCity.replace('{name}', a.name) : a.name}</option>)}
              </select></label>
              <label>{text.integrityAsOf} <input type="date" name="asOf" value={asOf} max={today} required onChange={(e) => setAsOf(e.target.value)} data-testid="integrity-asof" /></label>
              <label>{text.integrityMargin} <input type="number" name="margin" min={1} max={20} step={0.5} defaultValue={5} required className="integrity-narrow" /></label>
              <label>{text.integritySeed} <input type="number" name="seed" min={1} max={2147483646} step={1} className="integrity-seed-input" data-testid="integrity-seed-input" /></label>
              <button type="submit" disabled={drawing || !chosenArea} data-testid="integrity-draw-button">{text.integrityDraw}</button>
              <label>{text.integritySamples} <select value={sampleId ?? ''} onChange={(e) => { setEditing(null); setSampleId(Number(e.target.value) || null); }} data-testid="integrity-samples">
                <option value="">{text.integrityChooseSample}</option>
                {sampleId && !(samplesAnswer.data ?? []).some((s) => s.id === sampleId) && <option value={sampleId}>#{sampleId}</option>}
                {(samplesAnswer.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>{text.integritySampleLabel.replace('{id}', String(s.id)).replace('{area}', areaName(s.areaCode)).replace('{asOf}', s.asOf).replace('{size}', String(s.size))}</option>
                ))}
              </select></label>
              {drawError && <span className="integrity-error" role="alert" data-testid="integrity-draw-error">{drawError}</span>}
            </form>
            <div className="no-print">
              {sample && <SampleSummary messages={text} locale={locale} sample={sample} areaName={areaName(sample.areaCode)} />}
              {!sample && refused(sampleAnswer.error) && <p className="integrity-denied" role="alert" data-testid="integrity-refused">{text.integritySampleRefused.replace('{status}', String((sampleAnswer.error as HttpError).status))}</p>}
              {!sample && !sampleId && <p className="review-note" data-testid="integrity-no-sample">{text.integrityNoSample}</p>}
            </div>
            <div className="integrity-split no-print">
              <div>
                {mapArea && <IntegrityMap messages={text} area={mapArea} rates={rates} />}
                <ShareLegend messages={text} />
              </div>
              <ExitRanking messages={text} locale={locale} report={report} band={band} onBand={setBand} />
            </div>
            {sample && (
              <section className="integrity-visits" data-testid="integrity-visits">
                <h2 className="no-print">
                  {text.integrityVisitList}{' '}
                  <button type="button" onClick={() => window.print()} data-testid="integrity-print">{text.integrityPrint}</button>
                </h2>
                <VisitList messages={text} locale={locale} sample={sample} editing={editing} onEdit={setEditing} onSave={save}
                  defaultVisitor={user?.displayName || user?.username || ''} today={today} />
              </section>
            )}
          </>
        )}
      </main>
    </div>
  );
}
