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
import { featureBounds } from './map/featureBounds.ts';
import { MapView } from './map/MapView.tsx';
import { MapTooltip } from './map/MapTooltip.tsx';
import { pickArea } from './map/pickArea.ts';
import { useChoropleth } from './map/useChoropleth.ts';
import { useDataLayers } from './map/useDataLayers.ts';
import { useSelection } from './map/useSelection.ts';
import { choroplethScope, codePath, parentBelowCity, subLevelOfCode } from './state/areaCodes.ts';
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
      <Dashboard locale={locale} error={error} fail={fail} session={auth.session} logIn={auth.logIn} logOut={auth.logOut} />
    </ApiScope>
  );
}

interface DashboardProps {
  locale: Locale;
  error: string | null;
  fail: (reason: unknown) => void;
  session: Session | null;
  logIn: (username: string, password: string) => Promise<void>;
  logOut: () => void;
}

/** The map, indicator controls, legend, breadcrumb and the selected area's panel: a composition of hooks. */
function Dashboard({ locale, error, fail, session, logIn, logOut }: DashboardProps) {
  const text = messages[locale];
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const cityBounds = useRef<LngLatBoundsLike | null>(null);

  const health = useApi<Health>(urls.health(), fail).data;
  const catalogue = useApi<IndicatorCatalogue>(urls.indicators(), fail).data?.indicators;
  const campaign = useMemo(() => (health ? campaignOf(health.dataAsOf) : null), [health]);
  const url = useUrlState(campaign);
  const { indicatorKey, setIndicatorKey, mode, date, setDate, selected, layers, setLayers, specialty } = url;

  // The URL's indicator if the catalogue has it, else the first.
  useEffect(() => {
    if (catalogue) setIndicatorKey((k) => (k && catalogue.some((i) => i.key === k) ? k : (catalogue[0]?.key ?? null)));
  }, [catalogue, setIndicatorKey]);
  const indicator = catalogue?.find((i) => i.key === indicatorKey) ?? null;
  const scope = useMemo(() => choroplethScope(selected), [selected]);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = text.documentTitle;
  }, [locale, text]);

  const onAreas = useCallback((level: AreaLevel, areas: AreaFeatureCollection) => {
    if (level === 'county') cityBounds.current = featureBounds(areas);
    setNames((old) => {
      const next = new Map(old);
      for (const f of areas.features) next.set(f.properties.code, placeName(f.properties, locale));
      return next;
    });
  }, [locale]);

  const choropleth = useChoropleth(map, scope, indicator, mode, url.method, date, campaign?.asOf ?? null, locale, fail);
  const data = useDataLayers(map, session !== null, layers, specialty, fail);
  const details = useAreaDetails(selected, date, indicator, campaign, fail);
  const playback = usePlayback(date, setDate, campaign);
  const { select, choose } = useSelection(map, url.setSelected, setLayers, cityBounds, fail);

  useEffect(() => {
    if (map) ChoroplethLayers.select(map, selected, selected ? subLevelOfCode(selected) : null);
  }, [map, selected]);

  // A shared URL with an area but no view opens fitted to the area.
  const restored = useRef(false);
  useEffect(() => {
    if (!map || restored.current) return;
    restored.current = true;
    if (url.initial.area && !url.initialView) select(url.initial.area);
  }, [map, url.initial, url.initialView, select]);

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

  const path = selected ? codePath(selected).map((code) => ({ code, name: names.get(code) ?? code })) : [];

  return (
    <div className="app" data-choropleth={choropleth.shown} data-choropleth-method={choropleth.method} data-layers-loaded={data.loaded.join(' ')} data-households-for={data.householdsFor ?? ''}>
      <MapView messages={text} locale={locale} onError={fail} initialView={url.initialView} fitToCity={!url.initial.area} onReady={setMap} onAreas={onAreas} />
      <MapTooltip map={map} level={scope.level} context={{ messages: text, locale, indicator, values: choropleth.values, names }} />
      <Header
        messages={text}
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
        <Breadcrumb messages={text} path={path} onSelect={select} />
        {/* Last in the column: it takes the height left and scrolls, never covering the controls. */}
        <Legend messages={text} choropleth={choropleth.legend} layers={layers} />
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
          onClose={() => select(parentBelowCity(selected))}
        />
      )}
    </div>
  );
}
