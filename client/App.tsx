import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { fetchArea } from './api/fetchArea.ts';
import { fetchContents } from './api/fetchContents.ts';
import { fetchSession, logIn, logOut, type Session } from './api/session.ts';
import { SignIn } from './SignIn.tsx';
import { isBehind } from '../server/domain/progressStatus.ts';
import { fetchLagging } from './api/fetchLagging.ts';
import { fetchHealth } from './api/fetchHealth.ts';
import { fetchHistory } from './api/fetchHistory.ts';
import { fetchIndicators } from './api/fetchIndicators.ts';
import { fetchProgress } from './api/fetchProgress.ts';
import { fetchHouseholdLayer, fetchParks, fetchProjects } from './api/fetchLayers.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { SearchBox } from './SearchBox.tsx';
import { DataLayers, type LayerKey } from './map/DataLayers.ts';
import { BoundaryLayers } from './map/BoundaryLayers.ts';
import type { AreaContents, AreaFeatureCollection, AreaLevel, AreaProgress, Indicator, IndicatorValue, LaggingArea, SearchResult } from './api/types.ts';
import { AreaPanel } from './AreaPanel.tsx';
import { Breadcrumb } from './Breadcrumb.tsx';
import { Controls } from './Controls.tsx';
import { indicatorName } from './format.ts';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { messages } from './i18n/messages.ts';
import { resolveLocale } from './i18n/resolveLocale.ts';
import { buildChoropleth, type ChoroplethClass, type ChoroplethMode } from './map/choropleth.ts';
import { ChoroplethLayers } from './map/ChoroplethLayers.ts';
import { featureBounds } from './map/featureBounds.ts';
import { MapView } from './map/MapView.tsx';
import { MapTooltip } from './map/MapTooltip.tsx';
import { pickArea } from './map/pickArea.ts';
import { childLevelOf, choroplethScope, codePath, levelOfCode, parentOfCode } from './state/areaCodes.ts';
import { addDays, CAMPAIGN_END, CAMPAIGN_START, formatLayers, formatUrlState, parseLayers, parseUrlState } from './state/urlState.ts';
import type { TrendPoint } from './TrendChart.tsx';

const DEFAULT_DATE = '2018-11-30';
const PLAY_STEP_MS = 700;
const FIT_PADDING = { top: 90, bottom: 40, left: 300, right: 380 };

/** The dashboard: map, indicator controls, legend, breadcrumb and the selected area's panel. */
export function App() {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const [initial] = useState(() => parseUrlState(window.location.search));
  const [synthetic, setSynthetic] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [catalogue, setCatalogue] = useState<Indicator[]>([]);
  const [indicatorKey, setIndicatorKey] = useState<string | null>(initial.indicator);
  const [mode, setMode] = useState<ChoroplethMode>(initial.mode);
  const [date, setDate] = useState<string | null>(initial.date);
  const [selected, setSelected] = useState<string | null>(initial.area);
  const [playing, setPlaying] = useState(false);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [legend, setLegend] = useState<{ title: string; mode: ChoroplethMode; classes: ChoroplethClass[] } | null>(null);
  const [shown, setShown] = useState('');
  const [shownValues, setShownValues] = useState<ReadonlyMap<string, IndicatorValue>>(new Map());
  const [panelProgress, setPanelProgress] = useState<AreaProgress | null>(null);
  const [trend, setTrend] = useState<TrendPoint[] | null>(null);
  const [contents, setContents] = useState<AreaContents | null>(null);
  const [laggingChildren, setLaggingChildren] = useState<LaggingArea[] | null>(null);
  const [layers, setLayers] = useState<LayerKey[]>(() => parseLayers(window.location.search));
  const [specialty, setSpecialty] = useState<number | null>(initial.specialty);
  const [specialties, setSpecialties] = useState<{ code: number; name: string }[]>([]);
  const [dataLoaded, setDataLoaded] = useState<string[]>([]);
  const [session, setSession] = useState<Session | null>(null);
  const [householdsFor, setHouseholdsFor] = useState<string | null>(null);
  const cityBounds = useRef<LngLatBoundsLike | null>(null);
  const view = useRef(initial.center && initial.zoom !== null ? { center: initial.center, zoom: initial.zoom } : null);
  const fail = useCallback((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)), []);

  const indicator = catalogue.find((i) => i.key === indicatorKey) ?? null;
  const scope = useMemo(() => choroplethScope(selected), [selected]);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = text.documentTitle;
  }, [locale, text]);

  useEffect(() => {
    const abort = new AbortController();
    fetchHealth(abort.signal)
      .then((health) => {
        setSynthetic(health.synthetic);
        const asOf = health.dataAsOf && health.dataAsOf >= CAMPAIGN_START && health.dataAsOf <= CAMPAIGN_END ? health.dataAsOf : DEFAULT_DATE;
        setDate((d) => d ?? asOf);
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) fail(reason);
      });
    fetchIndicators(abort.signal)
      .then((body) => {
        setCatalogue(body.indicators);
        setIndicatorKey((k) => (k && body.indicators.some((i) => i.key === k) ? k : (body.indicators[0]?.key ?? null)));
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) fail(reason);
      });
    return () => abort.abort();
  }, [fail]);

  const onAreas = useCallback((level: AreaLevel, areas: AreaFeatureCollection) => {
    if (level === 'county') cityBounds.current = featureBounds(areas);
    setNames((old) => {
      const next = new Map(old);
      for (const f of areas.features) next.set(f.properties.code, f.properties.name);
      return next;
    });
  }, []);

  // The choropleth of the current level.
  useEffect(() => {
    if (!map || !indicator || !date) return;
    let current = true;
    fetchProgress({ level: scope.level, parent: scope.parent, asOf: date, indicators: [indicator.key] })
      .then((body) => {
        if (!current) return;
        const result = buildChoropleth(body.areas, indicator, mode);
        ChoroplethLayers.apply(map, scope.level, scope.parent, result.colorByCode);
        setLegend({ title: indicatorName(indicator, locale), mode, classes: result.classes });
        setShownValues(new Map(body.areas.map((a) => [a.code, a.indicators[indicator.key]])));
        setShown([scope.level, scope.parent ?? '', indicator.key, mode, date].join('|'));
      })
      .catch((reason: unknown) => current && fail(reason));
    return () => {
      current = false;
    };
  }, [map, indicator, mode, date, scope, locale, fail]);

  useEffect(() => {
    const abort = new AbortController();
    fetchSession(abort.signal)
      .then(setSession)
      .catch((reason: unknown) => !abort.signal.aborted && fail(reason));
    return () => abort.abort();
  }, [fail]);

  // The households follow the sign-in: village counts for the public, own points for a clerk.
  const sessionUser = session ? (session.user?.username ?? '') : null;
  useEffect(() => {
    if (!map || sessionUser === null) return;
    DataLayers.add(map, BoundaryLayers.layerIds.villageLabel);
    const abort = new AbortController();
    fetchHouseholdLayer(abort.signal)
      .then((data) => {
        if (abort.signal.aborted) return;
        DataLayers.setHouseholds(map, data);
        setHouseholdsFor(sessionUser);
        setDataLoaded((old) => (old.includes('households') ? old : [...old, 'households'].sort()));
      })
      .catch((reason: unknown) => !abort.signal.aborted && fail(reason));
    return () => abort.abort();
  }, [map, sessionUser, fail]);

  // The data layers: added once the map is ready, filled as their data arrives.
  useEffect(() => {
    if (!map) return;
    DataLayers.add(map, BoundaryLayers.layerIds.villageLabel);
    const abort = new AbortController();
    const done = (name: string) => setDataLoaded((old) => [...old, name].sort());
    const onFail = (reason: unknown) => {
      if (!abort.signal.aborted) fail(reason);
    };
    fetchParks(abort.signal)
      .then((data) => DataLayers.setParks(map, data))
      .then(() => !abort.signal.aborted && done('parks'))
      .catch(onFail);
    fetchProjects(abort.signal)
      .then((data) => {
        if (abort.signal.aborted) return;
        DataLayers.setProjects(map, data);
        const byCode = new Map<number, string>();
        for (const f of data.features) byCode.set(f.properties.specialty, f.properties.specialtyName);
        setSpecialties([...byCode].sort((a, b) => a[0] - b[0]).map(([code, name]) => ({ code, name })));
        done('projects');
      })
      .catch(onFail);
    return () => abort.abort();
  }, [map, fail]);

  useEffect(() => {
    if (map) DataLayers.setVisible(map, layers);
  }, [map, layers]);

  useEffect(() => {
    if (map) DataLayers.filterSpecialty(map, specialty);
  }, [map, specialty]);

  useEffect(() => {
    if (map) ChoroplethLayers.select(map, selected, selected ? levelOfCode(selected) : null);
  }, [map, selected]);

  // The selected area's indicators as of the date.
  useEffect(() => {
    setPanelProgress((p) => (p?.code === selected ? p : null));
    if (!selected || !date) return;
    let current = true;
    fetchProgress({ level: levelOfCode(selected)!, parent: parentOfCode(selected), asOf: date })
      .then((body) => current && setPanelProgress(body.areas.find((a) => a.code === selected) ?? null))
      .catch((reason: unknown) => current && fail(reason));
    return () => {
      current = false;
    };
  }, [selected, date, fail]);

  // What lies inside it, as of the date.
  useEffect(() => {
    setContents((c) => (c?.code === selected ? c : null));
    if (!selected || !date) return;
    const abort = new AbortController();
    fetchContents(selected, date, abort.signal)
      .then(setContents)
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) fail(reason);
      });
    return () => abort.abort();
  }, [selected, date, fail]);

  // Its children that lag most behind plan on the indicator on the map.
  const childLevel = selected ? childLevelOf(selected) : null;
  useEffect(() => {
    setLaggingChildren(null);
    if (!selected || !date || !childLevel || !indicator?.curve) return;
    const abort = new AbortController();
    fetchLagging({ level: childLevel, parent: selected, asOf: date, indicator: indicator.key, limit: 5 }, abort.signal)
      .then((body) => setLaggingChildren(body.areas.filter((a) => isBehind(a.value.status))))
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) fail(reason);
      });
    return () => abort.abort();
  }, [selected, date, childLevel, indicator, fail]);

  // Its trend over the year for the indicator on the map.
  useEffect(() => {
    setTrend(null);
    if (!selected || !indicatorKey) return;
    const abort = new AbortController();
    fetchHistory(selected, { indicators: [indicatorKey], from: CAMPAIGN_START, to: CAMPAIGN_END, signal: abort.signal })
      .then((body) =>
        setTrend(body.points.map((p) => ({ date: p.date, value: p.indicators[indicatorKey]?.value ?? null, planned: p.indicators[indicatorKey]?.planned ?? null }))),
      )
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) fail(reason);
      });
    return () => abort.abort();
  }, [selected, indicatorKey, fail]);

  // Playback: a week a step through 2018.
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setDate((d) => addDays(d ?? CAMPAIGN_START, 7));
    }, PLAY_STEP_MS);
    return () => window.clearInterval(timer);
  }, [playing]);
  useEffect(() => {
    if (playing && date && date >= CAMPAIGN_END) setPlaying(false);
  }, [playing, date]);

  // The shareable state in the URL.
  const writeUrl = useCallback(() => {
    const search = formatLayers(
      layers,
      formatUrlState(
        { indicator: indicatorKey, mode, date, area: selected, center: view.current?.center ?? null, zoom: view.current?.zoom ?? null, specialty },
        window.location.search,
      ),
    );
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [indicatorKey, mode, date, selected, layers, specialty]);
  const writeUrlRef = useRef(writeUrl);
  writeUrlRef.current = writeUrl;
  useEffect(() => writeUrl(), [writeUrl]);

  // Selecting an area (click or breadcrumb): fit the map to it.
  const fitSequence = useRef(0);
  const select = useCallback(
    (code: string | null) => {
      setSelected(code);
      if (!map) return;
      const sequence = ++fitSequence.current;
      if (code === null) {
        if (cityBounds.current) map.fitBounds(cityBounds.current, { padding: FIT_PADDING, duration: 600 });
        return;
      }
      fetchArea(code)
        .then((area) => {
          const bbox = area.properties.bbox;
          if (bbox && sequence === fitSequence.current) map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: FIT_PADDING, duration: 600, maxZoom: 14 });
        })
        .catch(fail);
    },
    [map, fail],
  );

  // A search hit: areas are selected like a click; projects and parks are fitted to.
  const choose = useCallback(
    (hit: SearchResult) => {
      if (hit.type === 'city') select(null);
      else if (hit.type === 'county' || hit.type === 'township' || hit.type === 'village') select(hit.id);
      else if (map) {
        if (hit.type === 'park') setLayers((old) => (old.includes('parks') ? old : [...old, 'parks']));
        if (hit.type === 'project') setLayers((old) => (old.includes('projects') ? old : [...old, 'projects']));
        const [w, s, e, n] = hit.bbox;
        map.fitBounds([[w, s], [e, n]], { padding: FIT_PADDING, duration: 600, maxZoom: 14 });
      }
    },
    [map, select],
  );

  // A shared URL with an area but no view opens fitted to the area.
  const restored = useRef(false);
  useEffect(() => {
    if (!map || restored.current) return;
    restored.current = true;
    if (initial.area && !(initial.center && initial.zoom !== null)) select(initial.area);
  }, [map, initial, select]);

  const interaction = useRef({ level: scope.level, select });
  interaction.current = { level: scope.level, select };
  useEffect(() => {
    if (!map) return;
    const onClick = (event: { point: { x: number; y: number } }) => {
      const code = pickArea(map, [event.point.x, event.point.y], interaction.current.level);
      if (code) interaction.current.select(code);
    };
    const onMove = () => {
      const c = map.getCenter();
      view.current = { center: [c.lng, c.lat], zoom: map.getZoom() };
      writeUrlRef.current();
    };
    map.on('click', onClick);
    map.on('moveend', onMove);
    return () => {
      map.off('click', onClick);
      map.off('moveend', onMove);
    };
  }, [map]);

  const path = selected ? codePath(selected).map((code) => ({ code, name: names.get(code) ?? code })) : [];

  return (
    <div className="app" data-choropleth={shown} data-layers-loaded={dataLoaded.join(' ')} data-households-for={householdsFor ?? ''}>
      <MapView messages={text} onError={fail} initialView={view.current} fitToCity={!initial.area} onReady={setMap} onAreas={onAreas} />
      <MapTooltip map={map} level={scope.level} context={{ messages: text, locale, indicator, values: shownValues, names }} />
      <Header
        messages={text}
        locale={locale}
        synthetic={synthetic}
        error={error}
        account={
          session && (
            <SignIn
              messages={text}
              user={session.user}
              onLogIn={async (username, password) => setSession(await logIn(username, password))}
              onLogOut={() => {
                void logOut(session.csrfToken).then(() => setSession({ user: null, csrfToken: null }), fail);
              }}
            />
          )
        }
      />
      <div className="left-stack">
        <SearchBox messages={text} onChoose={choose} onError={fail} />
        <Controls
          messages={text}
          locale={locale}
          indicators={catalogue}
          indicator={indicatorKey}
          mode={mode}
          date={date}
          playing={playing}
          onIndicator={setIndicatorKey}
          onMode={setMode}
          onDate={(d) => {
            setPlaying(false);
            setDate(d);
          }}
          onTogglePlay={() => {
            if (!playing && date && date >= CAMPAIGN_END) setDate(CAMPAIGN_START);
            setPlaying(!playing);
          }}
        />
        <LayerPanel
          messages={text}
          visible={layers}
          onToggle={(key, on) => setLayers((old) => (on ? (old.includes(key) ? old : [...old, key]) : old.filter((k) => k !== key)))}
          specialties={specialties}
          specialty={specialty}
          onSpecialty={setSpecialty}
        />
        <Breadcrumb messages={text} path={path} onSelect={select} />
      </div>
      {selected && date && (
        <AreaPanel
          messages={text}
          locale={locale}
          code={selected}
          name={names.get(selected) ?? panelProgress?.name ?? selected}
          progress={panelProgress}
          indicators={catalogue}
          indicator={indicator}
          trend={trend}
          asOf={date}
          contents={contents?.code === selected ? contents : null}
          lagging={childLevel && indicator?.curve ? laggingChildren : undefined}
          onSelect={select}
          onClose={() => select(selected.length > 6 ? parentOfCode(selected) : null)}
        />
      )}
      <Legend messages={text} choropleth={legend} layers={layers} />
    </div>
  );
}
