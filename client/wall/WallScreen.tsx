import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ErrorEvent, Map as MapLibreMap } from 'maplibre-gl';
import { request } from '../api/apiCache.ts';
import { getJson } from '../api/getJson.ts';
import { urls } from '../api/urls.ts';
import type { AreaFeature, AreaFeatureCollection, AreaLevel, IndicatorValue, ProgressResponse } from '../api/types.ts';
import { messages, type Locale, type Messages } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { ChoroplethLayers } from '../map/ChoroplethLayers.ts';
import { MapView } from '../map/MapView.tsx';
import { AnimatedNumber } from './AnimatedNumber.tsx';
import { buildTour, tourSettings, type TourStep } from './buildTour.ts';
import { TOUR_INDICATOR, useWallData, type WallData } from './useWallData.ts';
import { WallTrend } from './WallTrend.tsx';
import { isBehind, lagClassOfFigure } from '../../server/domain/progressStatus.ts';
import { NO_DATA_COLOR } from '../../server/domain/legend.ts';
import { lagClassText, lagColors, rankFigures, rankIndicator, signedLag, signedShare, wallLegend, worstBadge, type RankIndicator } from './wallFigures.ts';
import { choroplethScope, rootOf, type Root, type SubLevel } from '../state/areaCodes.ts';
import type { Settings } from '../api/fetchSettings.ts';
import { setDeckLayerLazy } from '../map/deck/deckRegistry.ts';
import { PROGRESS_COLUMNS_LAYER } from '../map/deck/layerKeys.ts';
import { columnScale, progressColumns } from '../map/deck/progressColumns/progressColumns.ts';
import { BoundaryLayers } from '../map/BoundaryLayers.ts';

/** The wall's map is pitched so the progress columns read as columns. */
const WALL_PITCH = 40;
/** The wall needs no area polygons (the boundaries are tiles, bounds come with the settings): label points only. */
const NO_POLYGONS: AreaLevel[] = [];

/** The wall's design size: everything is laid out for it and scaled to the screen. */
const STAGE = { width: 1920, height: 1080 } as const;

const fmt = (locale: Locale) => (v: number) => Math.round(v).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function useStageScale(): number {
  const read = () => Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height);
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const onResize = () => setScale(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function Change({ value, format, higherIsBetter = true, text }: { value: number | null; format: (v: number) => string; higherIsBetter?: boolean; text: Messages }) {
  if (value === null) return null;
  const good = value === 0 ? 'flat' : (value > 0) === higherIsBetter ? 'good' : 'bad';
  const arrow = value > 0 ? '▲' : value < 0 ? '▼' : '■';
  return (
    <span className={`wall-change wall-change-${good}`}>
      {text.wallWeek} {arrow} {format(Math.abs(value))}
    </span>
  );
}

function Headline({ data, text, locale, title }: { data: WallData; text: Messages; locale: Locale; title: string }) {
  const h = data.summary.headline;
  const n = fmt(locale);
  const sharePoints = (v: number) => `${(v * 100).toFixed(1)}`;
  const card = (key: string, label: string, value: IndicatorValue & { weekChange: number | null }, opts: { share?: boolean; higherIsBetter?: boolean; target?: boolean }) => (
    <div className="wall-card" data-testid={`wall-${key}`} key={key}>
      <div className="wall-card-label">{label}</div>
      <div className="wall-card-value">
        <AnimatedNumber value={value.value} format={opts.share ? pct : n} />
        {opts.target && value.target !== null && <span className="wall-card-target"> / {opts.share ? pct(value.target) : n(value.target)}</span>}
      </div>
      <Change value={value.weekChange} format={opts.share ? (v) => `${sharePoints(v)}%` : n} higherIsBetter={opts.higherIsBetter} text={text} />
    </div>
  );
  return (
    <section className="wall-headline" aria-label={title}>
      {card('villages', text.wallVillagesExited, h.poverty_villages_exited, { target: true })}
      {card('people', text.wallPeopleLifted, h.people_lifted, { target: true })}
      <div className="wall-card" data-testid="wall-remaining">
        <div className="wall-card-label">{text.wallHouseholdsRemaining}</div>
        <div className="wall-card-value"><AnimatedNumber value={data.summary.householdsRemaining.value} format={n} /></div>
        <Change value={data.summary.householdsRemaining.weekChange} format={n} higherIsBetter={false} text={text} />
      </div>
      {card('funds', text.wallFunds, h.funds_disbursed, { share: true, target: true })}
      {card('at-risk', text.wallAtRisk, h.at_risk, { higherIsBetter: false })}
      <div className="wall-card wall-guarantees" data-testid="wall-guarantees">
        <div className="wall-card-label">{text.wallGuarantees}</div>
        <div className="wall-guarantee-grid">
          {([['food_clothing', text.wallFood], ['education', text.wallEducation], ['medical', text.wallMedical], ['housing', text.wallHousing]] as const).map(([key, label]) => (
            <div key={key} className="wall-guarantee">
              <span>{label}</span>
              <strong><AnimatedNumber value={h[key].value} format={pct} /></strong>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

/** Lag in people with its share of target: the number the wall's lists are sorted by. */
function LagFigure({ value, text, locale }: { value: Pick<IndicatorValue, 'lag' | 'lagShare' | 'status'>; text: Messages; locale: Locale }) {
  return (
    <span className={`wall-text-${lagClassOfFigure(value) ?? 'none'}`} data-testid="wall-lag">
      {signedLag(value.lag, locale)} {text.wallPeople}{locale === 'zh' ? `（${signedShare(value.lagShare, locale)}）` : ` (${signedShare(value.lagShare, locale)})`}
    </span>
  );
}

/**
 * The counties against plan, in ranking-rule order. The badge, the bar's colour, the status text
 * and the map's colour of a county all come from its one figure (figureColor, lagClassOfFigure);
 * the badge only when the first county is actually behind plan.
 */
function CountyBars({ data, indicator, text, locale }: { data: WallData; indicator: RankIndicator; text: Messages; locale: Locale }) {
  const province = data.summary.city.level === 'province';
  const rows = rankFigures(data.summary.counties.map((c) => ({ code: c.code, name: c.name, value: c.people_lifted })), indicator);
  const worst = worstBadge(rows);
  return (
    <section className="wall-panel" data-testid="wall-counties">
      <h2>{province ? text.wallCities : text.wallCounties}</h2>
      {rows.map((c, i) => {
        const v = c.value;
        const done = v.target ? Math.min(1, (v.value ?? 0) / v.target) : 0;
        const plan = v.target ? Math.min(1, (v.planned ?? 0) / v.target) : 0;
        return (
          <div className="wall-bar-row" key={c.code} data-code={c.code} data-status={v.status ?? ''} data-lag-class={c.lagClass ?? ''}>
            {c.small && !rows[i - 1]?.small && <div className="wall-small-heading">{text.wallSmallUnits}</div>}
            <div className="wall-bar-label">
              <span className="wall-bar-name" data-testid="wall-county-name">
                {c.name}
                {worst === c.code && <span className={`wall-worst wall-worst-${c.lagClass}`} style={{ backgroundColor: c.color }} data-testid="wall-worst-county">{text.wallWorstCounty}</span>}
              </span>
              <span className="wall-bar-figure">
                <LagFigure value={v} text={text} locale={locale} />
                {' '}<span className={`wall-text-${c.lagClass ?? 'none'}`} data-testid="wall-county-status">{lagClassText(c.lagClass, text)}</span>
              </span>
            </div>
            <div className="wall-bar">
              <div className="wall-bar-fill" data-testid="wall-county-bar" style={{ width: `${done * 100}%`, backgroundColor: c.color }} />
              <div className="wall-bar-plan" style={{ left: `${plan * 100}%` }} title={text.wallPlanMark} />
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** How many small units behind plan the lagging list names (apart, after the others). */
const SMALL_SHOWN = 1;

/** The townships behind plan in the server's order (the ranking rule), small units apart after them. */
function LaggingList({ data, text, locale }: { data: WallData; text: Messages; locale: Locale }) {
  const province = data.summary.city.level === 'province';
  const behind = data.lagging.filter((a) => isBehind(a.value.status));
  const rows = behind.filter((a) => !a.smallUnit).slice(0, 5);
  const small = behind.filter((a) => a.smallUnit);
  const item = (a: WallData['lagging'][number]) => (
    <li key={a.code} data-code={a.code}>
      <span className="wall-lagging-name">{a.name}</span>
      <LagFigure value={a.value} text={text} locale={locale} />
    </li>
  );
  return (
    <section className="wall-panel" data-testid="wall-lagging">
      <h2>{province ? text.wallLaggingCounties : text.wallLagging}</h2>
      {rows.length === 0 ? <p>{province ? text.wallBehindNoneCounties : text.wallBehindNone}</p> : <ol className="wall-lagging">{rows.map(item)}</ol>}
      {small.length > 0 && (
        <div className="wall-small" data-testid="wall-lagging-small">
          <div className="wall-small-heading">
            {text.wallSmallUnits}
            {small.length > SMALL_SHOWN && <span className="wall-small-more"> +{small.length - SMALL_SHOWN}</span>}
          </div>
          <ul className="wall-lagging">{small.slice(0, SMALL_SHOWN).map(item)}</ul>
        </div>
      )}
    </section>
  );
}

/** The map's legend: the four lag classes with their thresholds, large enough to read across a room. */
function WallLegend({ text, noData }: { text: Messages; noData: boolean }) {
  return (
    <div className="wall-legend" data-testid="wall-legend">
      <div className="wall-legend-title">{text.wallLegendTitle} · {text.wallColumns}</div>
      <div className="wall-legend-items">
        {wallLegend(text).map((c) => (
          <div className="wall-legend-item" key={c.lagClass} data-color={c.color}>
            <span className="wall-legend-swatch" style={{ backgroundColor: c.color }} />
            <span className="wall-legend-label">{c.label}</span>
            <span className="wall-legend-range">{c.range}</span>
          </div>
        ))}
        {noData && (
          <div className="wall-legend-item" data-color={NO_DATA_COLOR}>
            <span className="wall-legend-swatch" style={{ backgroundColor: NO_DATA_COLOR }} />
            <span className="wall-legend-label">{text.legendNoData}</span>
          </div>
        )}
      </div>
    </div>
  );
}

/** The areas coloured at a tour stop: the root's children, an area's children, a village's siblings. */
const stepLevel = (step: TourStep, root: Root) => choroplethScope(step.code === root.code ? null : step.code, root);

/**
 * The wall screen (大屏) at `/wall?display=<token>`: a fixed 1920×1080 stage scaled to the screen,
 * with the headline figures, the map touring the areas behind plan, the counties against plan,
 * the lagging townships, the campaign phase and the year's trend. Aggregates only.
 */
export function WallScreen() {
  const [locale] = useState(resolveLocale);
  const text = messages[locale];
  const token = useMemo(() => new URLSearchParams(window.location.search).get('display'), []);
  const settings = useMemo(() => tourSettings(window.location.search), []);
  const scale = useStageScale();
  const { data, fetchedAt, stale, fatal, refreshes, version } = useWallData(token);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [stepIndex, setStepIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const [drawn, setDrawn] = useState('');
  const [noData, setNoData] = useState(false);
  // Each area's label point, as the map learns them: where its progress column stands.
  const [points, setPoints] = useState<ReadonlyMap<string, [number, number]>>(new Map());
  const onAreas = useCallback((_level: AreaLevel, areas: AreaFeatureCollection) => {
    setPoints((old) => {
      const next = new Map(old);
      for (const f of areas.features) next.set(f.properties.code, [f.properties.labelLon, f.properties.labelLat]);
      return next;
    });
  }, []);
  // The stop's figures as coloured, and its bounds: the columns' data and their scale.
  const [stopFigures, setStopFigures] = useState<{ areas: ProgressResponse['areas']; colors: Map<string, string>; bbox: readonly number[] } | null>(null);

  // The shipped city keeps its own title; another root (a province) is named in it.
  const rootName = data ? (locale === 'zh' ? data.summary.city.name : data.summary.city.nameEn ?? data.summary.city.name) : null;
  const title = !data || data.summary.city.code === '5120' ? text.wallTitle : text.wallTitleFor.replace('{area}', rootName ?? '');
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = title;
  }, [locale, title]);

  const indicator = useMemo(() => {
    const i = data?.catalogue.indicators.find((x) => x.key === TOUR_INDICATOR);
    return i ? rankIndicator(i) : null;
  }, [data]);
  const tour = useMemo(() => {
    if (!data || !indicator) return [];
    const city = data.summary.headline.people_lifted;
    return buildTour({
      root: { code: data.summary.city.code, name: data.summary.city.name, value: city },
      children: data.summary.counties.map((c) => ({ code: c.code, name: c.name, value: c.people_lifted })),
      laggingBelow: data.laggingBelow,
      order: settings.order,
      indicator,
    });
  }, [data, indicator, settings.order]);
  const step = tour.length ? tour[stepIndex % tour.length] : null;

  // Any key pauses or resumes the tour.
  useEffect(() => {
    const onKey = () => setPaused((p) => !p);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (paused || tour.length === 0) return;
    const timer = window.setTimeout(() => setStepIndex((i) => (i + 1) % tour.length), settings.periodMs);
    return () => window.clearTimeout(timer);
  }, [paused, tour.length, stepIndex, settings.periodMs]);

  // Fly to the stop and colour its children by their own status (figureColor): the same colour
  // as the county list and the legend, never classes fitted to what is on screen.
  useEffect(() => {
    if (!map || !step || !data) return;
    const abort = new AbortController();
    const root = rootOf(data.summary.city);
    const atRoot = step.code === root.code;
    const { level, parent } = stepLevel(step, root);
    // Clear of the legend above and the caption below.
    const padding = { top: 150, bottom: 200, left: 40, right: 40 };
    const fitTo = (b: readonly number[] | null | undefined) => {
      if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding, duration: 1500, maxZoom: 13, pitch: WALL_PITCH, bearing: 0 });
      return b ?? null;
    };
    // The root's bounds come with the settings (its polygon is not needed), an area's with its feature.
    const fly = atRoot
      ? getJson<Settings>(urls.settings(), abort.signal, token).then((s) => fitTo(s.root?.bbox))
      : getJson<AreaFeature>(urls.area(step.code), abort.signal).then((area) => fitTo(area.properties.bbox));
    // The shared answer cache, keyed by the display token and the data version, like every screen's.
    const progress = request<ProgressResponse>({ user: '', version, token }, urls.progress({ level, parent, asOf: data.summary.asOf, indicators: [TOUR_INDICATOR] }));
    const colour = progress.promise.then((body) => {
      if (abort.signal.aborted) return null;
      const colors = lagColors(body.areas, TOUR_INDICATOR);
      ChoroplethLayers.apply(map, level, parent, colors);
      setNoData([...colors.values()].includes(NO_DATA_COLOR));
      ChoroplethLayers.select(map, atRoot ? null : step.code, atRoot ? null : step.level as SubLevel);
      return { areas: body.areas, colors };
    });
    Promise.all([fly, colour])
      .then(([bbox, figures]) => {
        if (abort.signal.aborted) return;
        if (bbox && figures) setStopFigures({ ...figures, bbox });
        setDrawn(`${step.code}|${refreshes}`);
      })
      .catch(() => undefined);
    return () => {
      abort.abort();
      progress.release();
    };
  }, [map, step, data, token, refreshes, version]);

  // A tile the server could not send (it is away: the stale banner says so) is asked again when the
  // map next moves; it is worth a warning in the console, not an error on a screen nobody touches.
  useEffect(() => {
    if (!map) return;
    const onError = (e: ErrorEvent) => {
      const failed = e.error as { status?: number; url?: string };
      if (failed.status === 0 && failed.url?.includes('/tiles/')) console.warn('tile not loaded, server away:', failed.url);
      else console.error(e.error);
    };
    map.on('error', onError);
    return () => void map.off('error', onError);
  }, [map]);

  // 3D columns of the stop's areas, as tall as their share of target, in their status colour.
  useEffect(() => {
    if (!map || !stopFigures) return;
    const columns = progressColumns(stopFigures.areas, TOUR_INDICATOR, stopFigures.colors, points);
    setDeckLayerLazy(map, PROGRESS_COLUMNS_LAYER, (deck) => new deck.ProgressColumnsLayer({
      id: PROGRESS_COLUMNS_LAYER, columns, ...columnScale(stopFigures.bbox), beforeId: BoundaryLayers.layerIds.villageLabel,
    }));
  }, [map, stopFigures, points]);

  const n = fmt(locale);
  const phase = data?.summary.phase;
  const time = fetchedAt ? fetchedAt.toTimeString().slice(0, 5) : '—';

  return (
    <div className="wall-viewport">
      <div
        className="wall-stage"
        data-testid="wall-stage"
        data-scale={scale}
        data-step={step?.code ?? ''}
        data-drawn={drawn}
        data-refreshes={refreshes}
        data-stale={stale ? 'true' : 'false'}
        style={{ width: STAGE.width, height: STAGE.height, transform: `translate(-50%, -50%) scale(${scale})` }}
      >
        <header className="wall-header">
          <h1>{title}</h1>
          {phase && (
            <div className="wall-phase" data-testid="wall-phase">
              <span className="wall-phase-name">{locale === 'zh' ? phase.nameZh : phase.nameEn}</span>
              <span>{text.wallDaysInPhase} <strong>{phase.daysLeftInPhase}</strong> {text.wallDays}</span>
              <span>{text.wallDaysInYear} <strong>{phase.daysLeftInYear}</strong> {text.wallDays}</span>
            </div>
          )}
          <div className={`wall-stamp${stale ? ' wall-stamp-stale' : ''}`} data-testid="wall-stamp">
            {text.wallDataAsOf} {data?.summary.asOf ?? '—'} · {text.wallUpdatedAt} {time}
          </div>
        </header>
        {stale && (
          <div className="wall-stale" role="alert" data-testid="wall-stale">
            {text.wallStale}（{time}）
          </div>
        )}
        {fatal && (
          <div className="wall-fatal" role="alert" data-testid="wall-fatal">
            {token ? text.wallTokenRefused : text.wallNoToken}
          </div>
        )}
        <div className="wall-left">{data && <Headline data={data} text={text} locale={locale} title={title} />}</div>
        <div className="wall-map">
          <MapView messages={text} interactive={false} pixelRatio={scale * window.devicePixelRatio} fitToCity onReady={setMap} onAreas={onAreas} polygons={NO_POLYGONS} labelsWithin={step?.code ?? null} />
          {step && (
            <div className="wall-caption" data-testid="wall-caption">
              <div className="wall-caption-name">
                {step.parentName && <span className="wall-caption-path">{step.parentName} › </span>}
                {step.name}
              </div>
              <div className="wall-caption-figures">
                {text.wallPeopleLifted} {step.value.value === null ? '—' : n(step.value.value)} / {step.value.target === null ? '—' : n(step.value.target)}
                {' · '}{text.wallLag} {signedLag(step.value.lag, locale)}
                {' · '}<span className={`wall-text-${lagClassOfFigure(step.value) ?? 'none'}`} data-testid="wall-caption-status">{lagClassText(lagClassOfFigure(step.value), text)}</span>
              </div>
            </div>
          )}
          <WallLegend text={text} noData={noData} />
          {paused && <div className="wall-paused" data-testid="wall-paused">{text.wallPaused}</div>}
        </div>
        <div className="wall-right">
          {data && (
            <>
              {indicator && <CountyBars data={data} indicator={indicator} text={text} locale={locale} />}
              <LaggingList data={data} text={text} locale={locale} />
              <section className="wall-panel" data-testid="wall-trend-panel">
                <h2>{data.summary.city.level === 'province' ? text.wallTrendProvince : text.wallTrend}</h2>
                <WallTrend points={data.trend} indicator={TOUR_INDICATOR} asOf={data.summary.asOf} labels={{ actual: text.trendActual, planned: text.trendPlanned, format: n }} />
              </section>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
