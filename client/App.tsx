import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { urls } from './api/urls.ts';
import { ApiScope, useApi } from './api/useApi.ts';
import { useScreenSession } from './api/useSession.ts';
import type { Session } from './api/session.ts';
import type { AreaFeatureCollection, AreaLevel, Health, IndicatorCatalogue } from './api/types.ts';
import { SignIn } from './SignIn.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { SearchBox } from './SearchBox.tsx';
import { AreaPanel } from './AreaPanel.tsx';
import { Breadcrumb } from './Breadcrumb.tsx';
import { Controls } from './Controls.tsx';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { messages, placeName, type Locale } from './i18n/messages.ts';
import { specialtyNameEn } from '../server/domain/specialtyNames.ts';
import { resolveLocale } from './i18n/resolveLocale.ts';
import { ChoroplethLayers } from './map/ChoroplethLayers.ts';
import { MapView } from './map/MapView.tsx';
import { MapTooltip } from './map/MapTooltip.tsx';
import { pickArea } from './map/pickArea.ts';
import { useChoropleth } from './map/useChoropleth.ts';
import { useDataLayers } from './map/useDataLayers.ts';
import { useSelection } from './map/useSelection.ts';
import { choroplethScope, codePath, FALLBACK_ROOT, parentBelow, rootOf, subLevelOfCode, type Root } from './state/areaCodes.ts';
import { isWithin } from '../server/domain/areaCodes.ts';
import type { Settings } from './api/fetchSettings.ts';
import { useAreaDetails } from './state/useAreaDetails.ts';
import { usePlayback } from './state/usePlayback.ts';
import { useUrlState } from './state/useUrlState.ts';
import { campaignOf } from './state/urlState.ts';

/**
 * The dashboard. Every answer below is keyed by who is signed in and the data version (bumped by
 * the live change feed): signing in shows the figures hidden from the public without a reload.
 */
export function App() {
  const [locale] = useState(resolveLocale);
  const { error, fail, viewer, ...auth } = useScreenSession();
  return (
    <ApiScope viewer={viewer}>
      <RootedDashboard locale={locale} error={error} fail={fail} session={auth.session} logIn={auth.logIn} logOut={auth.logOut} />
    </ApiScope>
  );
}

/** The root the app opens on (ROOT_AREA: a city, or a province), asked before anything is drawn. */
function RootedDashboard(props: Omit<DashboardProps, 'root'>) {
  // The last answer, not only the current one: signing in asks again (a new viewer), and the
  // dashboard with its map must not be taken down meanwhile. The root is the same for everyone.
  const settings = useApi<Settings>(urls.settings(), props.fail).last;
  const root = settings?.root;
  // One object while the settings stay the same: the dashboard's effects depend on it.
  const usable = useMemo<RootInfo>(() => (root && rootOf(root) !== FALLBACK_ROOT
    ? { ...rootOf(root), name: root.name, nameEn: root.nameEn, bbox: root.bbox }
    : { ...FALLBACK_ROOT, name: '资阳市', nameEn: 'Ziyang City', bbox: null }), [root]);
  // Until the root is known nothing is drawn; a failure to learn it is said in the header.
  if (!settings) return <div className="app">{props.error && <Header messages={messages[props.locale]} locale={props.locale} synthetic={null} error={props.error} account={null} />}</div>;
  return <Dashboard {...props} root={usable} />;
}

interface RootInfo extends Root {
  name: string;
  nameEn: string;
  bbox: [number, number, number, number] | null;
}

interface DashboardProps {
  root: RootInfo;
  locale: Locale;
  error: string | null;
  fail: (reason: unknown) => void;
  session: Session | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
}

/** The dashboard's map draws every polygon from the tiles and fits to the root's bounds: no area GeoJSON but label points. */
const NO_POLYGONS: AreaLevel[] = [];

/** The map, indicator controls, legend, breadcrumb and the selected area's panel: a composition of hooks. */
function Dashboard({ root, locale, error, fail, session, logIn, logOut }: DashboardProps) {
  const text = messages[locale];
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  // Where "all" goes back to: the root's bounds.
  const rootBounds = useRef<LngLatBoundsLike | null>(root.bbox ? [[root.bbox[0], root.bbox[1]], [root.bbox[2], root.bbox[3]]] : null);
  const shipped = root.level === 'city' && root.code === '5120';
  const rootName = shipped ? text.cityName : placeName(root, locale);
  const title = shipped ? text.title : text.titleFor.replace('{area}', rootName);

  const health = useApi<Health>(urls.health(), fail).data;
  const catalogue = useApi<IndicatorCatalogue>(urls.indicators(), fail).data?.indicators;
  const campaign = useMemo(() => (health ? campaignOf(health.dataAsOf) : null), [health]);
  const url = useUrlState(campaign);
  const { indicatorKey, setIndicatorKey, mode, date, setDate, layers, setLayers, specialty } = url;
  // An area from the URL outside the root (a link from another deployment) is no selection.
  const selected = url.selected && subLevelOfCode(url.selected, root) ? url.selected : null;
  const initialArea = url.initial.area && subLevelOfCode(url.initial.area, root) ? url.initial.area : null;

  // The URL's indicator if the catalogue has it, else the first.
  useEffect(() => {
    if (catalogue) setIndicatorKey((k) => (k && catalogue.some((i) => i.key === k) ? k : (catalogue[0]?.key ?? null)));
  }, [catalogue, setIndicatorKey]);
  const indicator = catalogue?.find((i) => i.key === indicatorKey) ?? null;
  const scope = useMemo(() => choroplethScope(selected, root), [selected, root]);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = shipped ? text.documentTitle : title;
  }, [locale, text, shipped, title]);

  const onAreas = useCallback((_level: AreaLevel, areas: AreaFeatureCollection) => {
    setNames((old) => {
      const next = new Map(old);
      for (const f of areas.features) next.set(f.properties.code, placeName(f.properties, locale));
      return next;
    });
  }, [locale]);

  const choropleth = useChoropleth(map, scope, indicator, mode, url.method, date, campaign?.asOf ?? null, locale, fail);
  // A province's households and projects come a city at a time: the selected one's, none before;
  // an account's households only where its own area and that city meet (the API refuses the rest).
  const dataArea = useMemo(() => {
    const city: string | null | false = root.level === 'province' ? (selected ? selected.slice(0, 4) : false) : null;
    const own = session?.user?.areaCode ?? null;
    const households: string | null | false = city && own && !isWithin(city, own) && !isWithin(own, city) ? false : city;
    return { projects: city, households };
  }, [root.level, selected, session]);
  const data = useDataLayers(map, session !== null, layers, specialty, fail, dataArea);
  const details = useAreaDetails(root, selected, date, indicator, campaign, fail);
  const playback = usePlayback(date, setDate, campaign);
  const { select, choose } = useSelection(map, url.setSelected, setLayers, rootBounds, root.code, fail);

  useEffect(() => {
    if (map) ChoroplethLayers.select(map, selected, selected ? subLevelOfCode(selected, root) : null);
  }, [map, selected, root]);

  // A click selects the area under it at the level on the map; a move is written to the URL.
  const interaction = useRef({ level: scope.level, select, setView: url.setView });
  interaction.current = { level: scope.level, select, setView: url.setView };
  useEffect(() => {
    if (!map) return;
    const onClick = (event: { point: { x: number; y: number } }) => {
      const code = pickArea(map, [event.point.x, event.point.y], interaction.current.level);
      if (code) interaction.current.select(code);
    };
    const onMove = () => {
      const c = map.getCenter();
      interaction.current.setView([c.lng, c.lat], map.getZoom());
    };
    map.on('click', onClick);
    map.on('moveend', onMove);
    return () => {
      map.off('click', onClick);
      map.off('moveend', onMove);
    };
  }, [map]);

  // A shared URL with an area but no view opens fitted to the area. After the listeners above: the
  // fit is a jump, whose moveend comes at once and writes the view to the URL.
  const restored = useRef(false);
  useEffect(() => {
    if (!map || restored.current) return;
    restored.current = true;
    // An area outside the root (a link from another deployment) opens on the root.
    if (initialArea && !url.initialView) select(initialArea);
  }, [map, initialArea, url.initialView, select]);

  const path = selected ? codePath(selected, root).map((code) => ({ code, name: names.get(code) ?? code })) : [];

  return (
    <div className="app" data-choropleth={choropleth.shown} data-choropleth-method={choropleth.method} data-layers-loaded={data.loaded.join(' ')} data-households-for={data.householdsFor ?? ''}>
      <MapView messages={text} locale={locale} onError={fail} initialView={url.initialView} fitToCity={!initialArea} onReady={setMap} onAreas={onAreas} polygons={NO_POLYGONS} labelsWithin={selected} />
      <MapTooltip map={map} level={scope.level} context={{ messages: text, locale, indicator, values: choropleth.values, names }} />
      <Header
        messages={shipped ? text : { ...text, title }}
        locale={locale}
        synthetic={health?.synthetic ?? null}
        error={error}
        account={session && <SignIn messages={text} user={session.user} onLogIn={logIn} onLogOut={logOut} />}
      />
      <div className="left-stack">
        <SearchBox messages={text} locale={locale} onChoose={choose} onError={fail} />
        <Controls
            messages={text}
            locale={locale}
            indicators={catalogue ?? []}
            indicator={indicatorKey}
            mode={mode}
            method={url.method}
            date={date}
            campaign={campaign ?? campaignOf(date)}
            playing={playback.playing}
            onIndicator={setIndicatorKey}
            onMode={url.setMode}
            onMethod={url.setMethod}
            onDate={(d) => {
              playback.stop();
              setDate(d);
            }}
            onTogglePlay={playback.toggle}
          />
        <LayerPanel
          messages={text}
          visible={layers}
          onToggle={(key, on) => setLayers((old) => (on ? (old.includes(key) ? old : [...old, key]) : old.filter((k) => k !== key)))}
          specialties={locale === 'en' ? data.specialties.map((s) => ({ ...s, name: specialtyNameEn(s.name) })) : data.specialties}
          specialty={specialty}
          onSpecialty={url.setSpecialty}
        />
        <Breadcrumb messages={text} rootName={rootName} path={path} onSelect={select} />
        {/* Last in the column: it takes the height left and scrolls, never covering the controls. */}
        <Legend messages={text} choropleth={choropleth.legend} layers={layers} gridMin={data.gridMin} />
      </div>
      {selected && date && (
        <AreaPanel
          messages={text}
          locale={locale}
          code={selected}
          name={names.get(selected) ?? (details.panelProgress ? placeName(details.panelProgress, locale) : selected)}
          progress={details.panelProgress}
          indicators={catalogue ?? []}
          indicator={indicator}
          trend={details.trend}
          asOf={date}
          contents={details.contents}
          lagging={details.childLevel && indicator?.curve ? details.laggingChildren : undefined}
          onSelect={select}
          onClose={() => select(parentBelow(selected, root))}
        />
      )}
    </div>
  );
}
