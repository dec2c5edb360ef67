import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fetchArea } from '../api/fetchArea.ts';
import { urls } from '../api/urls.ts';
import { sendJson } from '../api/postJson.ts';
import type { Session } from '../api/session.ts';
import { ApiScope, useApi } from '../api/useApi.ts';
import { useScreenSession } from '../api/useSession.ts';
import type { AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import { Header } from '../Header.tsx';
import { messages, placeName } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { MapView } from '../map/MapView.tsx';
import { colourSelection, colourSuggestions, PlannerLayers, SUGGESTION_COLORS, type VillageFeature } from '../map/PlannerLayers.ts';
import { SignIn } from '../SignIn.tsx';
import { lassoSelect, type LonLat } from './lassoSelect.ts';
import { measureInBrowser } from './measureInBrowser.ts';
import type { Proposal, SelectionMeasures, SuggestResponse } from './plannerTypes.ts';
import type { Settings } from '../api/fetchSettings.ts';

/**
 * The park planner at `/planner` (planners): click villages to build a park, see at once whether
 * they are contiguous and whom they reach, ask for better clusters, save, compare and export.
 */
/**
 * The planner draws and picks whole villages (the tiles hold only the poverty villages at a city's
 * zoom): a city root's all at once; a province's a county (or township) at a time, the scope chosen.
 */
const PLANNER_POLYGONS: AreaLevel[] = ['county', 'village'];
const NO_POLYGONS: AreaLevel[] = [];

export function PlannerScreen() {
  const { error, setError, fail, viewer, ...auth } = useScreenSession();
  return (
    <ApiScope viewer={viewer}>
      <Planner error={error} setError={setError} fail={fail} session={auth.session} logIn={auth.logIn} logOut={auth.logOut} />
    </ApiScope>
  );
}

interface PlannerProps {
  error: string | null;
  setError: (error: string | null) => void;
  fail: (reason: unknown) => void;
  session: Session | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
}

function Planner({ error, setError, fail, session, logIn, logOut }: PlannerProps) {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  // The area planned in (a county or a township; `?scope=`): the map fits it and suggestions search it.
  const [scope, setScope] = useState(() => new URLSearchParams(window.location.search).get('scope'));
  const root = useApi<Settings>(urls.settings(), fail).data?.root ?? null;
  const province = root?.level === 'province';
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [villages, setVillages] = useState<Map<string, VillageFeature>>(new Map());
  const [selected, setSelected] = useState<string[]>([]);
  const [measures, setMeasures] = useState<SelectionMeasures | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestResponse | null>(null);
  const [maxVillages, setMaxVillages] = useState(5);
  const [weight, setWeight] = useState(1.5);
  const csrf = session?.csrfToken ?? null;
  const mayPlan = session?.user?.role === 'planner' || session?.user?.role === 'admin';
  // Approving a proposal is a leader's (or an administrator's) decision, not the planner's.
  const mayApprove = session?.user?.role === 'leader' || session?.user?.role === 'admin';

  useEffect(() => {
    document.title = text.plannerTitle;
  }, [text]);

  // Planners only; the last list stays on screen while the next loads.
  const proposalsAnswer = useApi<Proposal[]>(mayPlan || mayApprove ? urls.proposals() : null, fail);
  const proposals = proposalsAnswer.data ?? proposalsAnswer.last ?? [];
  const setProposals = proposalsAnswer.update;

  // A city root's villages come with the map (polygons); a province's names only (the polygons are asked for by scope, below).
  const onAreas = useCallback((level: AreaLevel, areas: AreaFeatureCollection) => {
    if (level === 'village' && !province) setVillages(new Map(areas.features.map((f) => [f.properties.code, f as VillageFeature])));
  }, [province]);

  // Under a province, the scope's villages (a county's or a township's polygons), nothing before one is chosen.
  const county = scope && scope.length >= 6 ? scope.slice(0, 6) : null;
  const scopedVillages = useApi<AreaFeatureCollection>(province && county ? urls.areasWithin('village', scope!) : null, fail).data;
  useEffect(() => {
    if (province) setVillages(new Map((scopedVillages?.features ?? []).map((f) => [f.properties.code, f as VillageFeature])));
  }, [province, scopedVillages]);
  // The scope's choices: the root's counties, and the chosen county's townships (label points).
  const counties = useApi<AreaFeatureCollection>(root ? urls.areas('county', null, 'label') : null, fail).data;
  const townships = useApi<AreaFeatureCollection>(county ? urls.areas('township', county, 'label') : null, fail).data;
  const chooseScope = (code: string) => {
    setScope(code || null);
    const q = new URLSearchParams(window.location.search);
    if (code) q.set('scope', code);
    else q.delete('scope');
    window.history.replaceState(null, '', `/planner${q.size ? `?${q}` : ''}`);
  };

  const onReady = useCallback((m: MapLibreMap) => setMap(m), []);
  // Fitted to the scope as it is chosen.
  useEffect(() => {
    if (!map || !scope) return;
    let current = true;
    fetchArea(scope).then((a) => {
      const b = a.properties.bbox!;
      if (current) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 80, bottom: 30, left: 30, right: 440 }, duration: 0 });
    }).catch(fail);
    return () => {
      current = false;
    };
  }, [map, scope, fail]);

  // Layers once the villages are on the map; a click toggles the village under it.
  useEffect(() => {
    if (!map || villages.size === 0) return;
    PlannerLayers.add(map);
    PlannerLayers.setVillages(map, villages);
    const onClick = (event: { point: { x: number; y: number } }) => {
      const code = PlannerLayers.villageAt(map, [event.point.x, event.point.y]);
      if (!code) return;
      setSelected((old) => (old.includes(code) ? old.filter((c) => c !== code) : [...old, code]));
    };
    map.on('click', onClick);

    // Shift + drag draws a lasso (instead of MapLibre's box zoom); on release it adds the villages inside.
    // Capture-phase listeners on the container see the events before the map's own handlers and stop them.
    map.boxZoom.disable();
    const container = map.getCanvasContainer();
    let ring: LonLat[] | null = null;
    // The click that ends a lasso must not also toggle the village under the pointer.
    let lassoEnded = false;
    const at = (e: MouseEvent): LonLat => {
      const rect = container.getBoundingClientRect();
      const ll = map.unproject([e.clientX - rect.left, e.clientY - rect.top]);
      return [ll.lng, ll.lat];
    };
    const draw = () => PlannerLayers.setLasso(map, ring);
    const down = (e: MouseEvent) => {
      if (!e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      e.stopPropagation();
      ring = [at(e)];
    };
    const move = (e: MouseEvent) => {
      if (!ring) return;
      e.stopPropagation();
      ring.push(at(e));
      draw();
    };
    const up = (e: MouseEvent) => {
      if (!ring) return;
      e.stopPropagation();
      const codes = lassoSelect(ring, [...villages.values()].map((f) => f.properties));
      ring = null;
      lassoEnded = true;
      draw();
      if (codes.length) setSelected((old) => [...old, ...codes.filter((c) => !old.includes(c))]);
    };
    const click = (e: MouseEvent) => {
      if (!lassoEnded) return;
      lassoEnded = false;
      e.stopPropagation();
    };
    container.addEventListener('mousedown', down, true);
    container.addEventListener('click', click, true);
    window.addEventListener('mousemove', move, true);
    window.addEventListener('mouseup', up, true);
    return () => {
      map.off('click', onClick);
      container.removeEventListener('mousedown', down, true);
      container.removeEventListener('click', click, true);
      window.removeEventListener('mousemove', move, true);
      window.removeEventListener('mouseup', up, true);
    };
  }, [map, villages]);

  const browser = useMemo(() => measureInBrowser(selected.map((c) => villages.get(c)).filter((f): f is VillageFeature => !!f)), [selected, villages]);

  // The server's measures of the selection (PostGIS), and the pieces drawn in their colours.
  useEffect(() => {
    if (!mayPlan || selected.length === 0) {
      setMeasures(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      sendJson<SelectionMeasures>('POST', urls.measureParks(), { villages: selected }, csrf)
        .then((m) => current && setMeasures(m))
        .catch((reason: unknown) => current && fail(reason));
    }, 120);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [selected, mayPlan, csrf, fail]);

  useEffect(() => {
    if (map && PlannerLayers.added(map)) PlannerLayers.setSelection(map, colourSelection(selected, villages, measures?.pieces));
  }, [map, selected, villages, measures]);

  useEffect(() => {
    if (map && PlannerLayers.added(map)) PlannerLayers.setSuggestions(map, colourSuggestions(suggestions?.clusters ?? [], villages));
  }, [map, suggestions, villages]);

  const suggest = () => {
    const first = selected[0] ?? null;
    const township = scope && scope.length === 9 ? scope : first ? first.slice(0, 9) : null;
    if (!township) return;
    sendJson<SuggestResponse>('POST', urls.suggestParks(), { scope: township, maxVillages, scatteredWeight: weight, count: 3 }, csrf).then(setSuggestions).catch(fail);
  };

  const save = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const industries = String(data.get('industries') ?? '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
    // The answer is the saved proposal with its measures: no need to fetch (and measure) the list again.
    sendJson<Proposal>('POST', urls.proposals(), { name: String(data.get('name') ?? ''), villages: selected, industries, notes: String(data.get('notes') ?? '') }, csrf)
      .then((saved) => {
        form.reset();
        setError(null);
        setProposals((ps) => [...(ps ?? []), saved]);
      })
      .catch(fail);
  };

  const approve = (p: Proposal) => sendJson<Proposal>('PATCH', urls.proposal(p.id), { version: p.version, status: 'approved' }, csrf)
    .then((approved) => setProposals((ps) => (ps ?? []).map((x) => (x.id === approved.id ? approved : x))))
    .catch(fail);

  const name = (code: string) => villages.get(code)?.properties.name ?? code;
  const n = (v: number) => v.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const account = session && (
    <SignIn messages={text} user={session.user} onLogIn={logIn} onLogOut={logOut} />
  );

  return (
    <div className="app planner" data-selected={selected.join(',')} data-contiguous={measures ? String(measures.contiguous) : ''}>
      {root && <MapView messages={text} fitToCity={!scope} onReady={onReady} onAreas={onAreas} polygons={province ? NO_POLYGONS : PLANNER_POLYGONS} labelsWithin={scope} onError={fail} />}
      <Header messages={{ ...text, title: text.plannerTitle }} locale={locale} synthetic={null} error={error} account={account} />
      <aside className="area-panel planner-panel" data-testid="planner-panel">
        {!mayPlan && !mayApprove && <p>{text.plannerNeedsLogin}</p>}
        {mayPlan && (
          <>
            <p className="area-panel-date">{text.plannerHint}</p>
            <p className="planner-scope">
              <label>{text.plannerScope} <select value={county ?? ''} onChange={(e) => chooseScope(e.target.value)} data-testid="planner-county">
                <option value="">{province ? text.plannerPickCounty : text.plannerWholeRoot}</option>
                {(counties?.features ?? []).map((f) => <option key={f.properties.code} value={f.properties.code}>{placeName(f.properties, locale)}</option>)}
              </select></label>
              {county && (
                <select value={scope && scope.length === 9 ? scope : ''} onChange={(e) => chooseScope(e.target.value || county)} data-testid="planner-township" aria-label={text.levelTownship}>
                  <option value="">{text.plannerWholeCounty}</option>
                  {(townships?.features ?? []).map((f) => <option key={f.properties.code} value={f.properties.code}>{placeName(f.properties, locale)}</option>)}
                </select>
              )}
            </p>
            <section>
              <h3>
                {text.plannerSelected} {selected.length}{' '}
                {selected.length > 0 && <button type="button" onClick={() => setSelected([])}>{text.plannerClear}</button>}
              </h3>
              <p data-testid="planner-selected">{selected.map(name).join('、')}</p>
              {selected.length > 0 && (
                <p data-testid="planner-contiguity" className={browser.parts === 1 ? 'status-on_track' : 'status-far_behind'}>
                  {browser.parts === 1 ? text.plannerContiguous : `${text.plannerNotContiguous}：${browser.parts} ${text.plannerPieces}`}
                </p>
              )}
              {measures && (
                <dl className="area-contents" data-testid="planner-measures">
                  <div data-count="area"><dt>{text.plannerArea}</dt><dd>{n(measures.areaHa)} {text.plannerHa} / {n(measures.areaMu)} {text.plannerMu}</dd></div>
                  <div data-count="poverty-villages"><dt>{text.plannerPovertyVillages}</dt><dd>{measures.povertyVillages}</dd></div>
                  <div data-count="poverty-households"><dt>{text.plannerPovertyHouseholds}</dt><dd>{n(measures.povertyHouseholds)}</dd></div>
                  <div data-count="scattered"><dt>{text.plannerScattered}</dt><dd>{n(measures.scatteredHouseholds)}</dd></div>
                  <div data-count="people"><dt>{text.plannerPeople}</dt><dd>{n(measures.people)}</dd></div>
                  <div data-count="projects"><dt>{text.plannerProjects}</dt><dd>{measures.projects}</dd></div>
                  <div data-count="parks"><dt>{text.plannerParks}</dt><dd>{measures.parks}</dd></div>
                  <div data-count="road"><dt>{text.plannerNearestRoad}</dt><dd>{measures.nearestLineM === null ? '—' : `${n(measures.nearestLineM)} ${text.plannerMeters}`}</dd></div>
                </dl>
              )}
            </section>
            <section className="planner-suggest">
              <label>{text.plannerMaxVillages} <input type="number" min={1} max={30} value={maxVillages} onChange={(e) => setMaxVillages(Number(e.target.value))} /></label>
              <label>{text.plannerWeight} <input type="number" min={0} max={10} step={0.5} value={weight} onChange={(e) => setWeight(Number(e.target.value))} /></label>
              <button type="button" onClick={suggest} disabled={!scope && selected.length === 0} data-testid="planner-suggest">{text.plannerSuggest}</button>
              {suggestions && (
                <ol className="planner-suggestions" data-testid="planner-suggestions">
                  {suggestions.timedOut && <p>{text.plannerTimedOut}</p>}
                  {suggestions.clusters.map((c, i) => (
                    <li key={c.villages.join()} style={{ borderLeftColor: SUGGESTION_COLORS[i % SUGGESTION_COLORS.length] }}>
                      <div>{c.reason}</div>
                      <button type="button" onClick={() => setSelected(c.villages)}>{text.plannerUse}</button>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            {selected.length > 0 && (
              <form className="planner-save" onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }}>
                <h3>{text.plannerSave}</h3>
                <input name="name" required maxLength={80} placeholder={text.plannerName} aria-label={text.plannerName} />
                <input name="industries" placeholder={text.plannerIndustries} aria-label={text.plannerIndustries} />
                <input name="notes" placeholder={text.plannerNotes} aria-label={text.plannerNotes} />
                <button type="submit" data-testid="planner-save">{text.plannerSave}</button>
              </form>
            )}
          </>
        )}
        {(mayPlan || mayApprove) && proposals.length > 0 && (
              <section>
                <h3>{text.plannerProposals}</h3>
                <table className="area-panel-table" data-testid="planner-proposals">
                  <thead>
                    <tr><th>{text.plannerName}</th><th>{text.plannerSelected}</th><th>{text.plannerMu}</th><th>{text.plannerScattered}</th><th>{text.plannerPovertyHouseholds}</th><th /></tr>
                  </thead>
                  <tbody>
                    {proposals.map((p) => (
                      <tr key={p.id} data-id={p.id}>
                        <td>{p.name}（{p.status === 'approved' ? text.plannerStatusApproved : text.plannerStatusProposal}）</td>
                        <td>{p.villages.length}</td>
                        <td>{n(p.measures.areaMu)}</td>
                        <td>{n(p.measures.scatteredHouseholds)}</td>
                        <td>{n(p.measures.povertyHouseholds)}</td>
                        <td>
                          {p.status === 'proposal' && mayApprove && <button type="button" onClick={() => void approve(p)}>{text.plannerApprove}</button>}
                          {(['geojson', 'kml', 'shp'] as const).map((f) => (
                            <a key={f} href={urls.proposalExport(p.id, f)} download data-format={f}> {f.toUpperCase()}</a>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
        )}
      </aside>
    </div>
  );
}
