import type { Indicator } from './api/types.ts';
import { indicatorName } from './format.ts';
import type { Locale, Messages } from './i18n/messages.ts';
import { VALUE_METHODS } from '../server/domain/legend.ts';
import { methodName, type ChoroplethMode, type ValueMethod } from './map/choropleth.ts';
import type { Campaign } from './state/urlState.ts';

export interface ControlsProps {
  messages: Messages;
  locale: Locale;
  indicators: Indicator[];
  indicator: string | null;
  mode: ChoroplethMode;
  /** How value mode cuts its classes. */
  method: ValueMethod;
  date: string | null;
  /** The data's year: the date stays inside it. */
  campaign: Campaign;
  playing: boolean;
  onIndicator: (key: string) => void;
  onMode: (mode: ChoroplethMode) => void;
  onMethod: (method: ValueMethod) => void;
  onDate: (date: string) => void;
  onTogglePlay: () => void;
}

/** The top-left panel: indicator, colouring mode, date and the weekly play button. */
export function Controls(props: ControlsProps) {
  const { messages, locale } = props;
  return (
    <section className="controls" aria-label={messages.controlsLabel}>
      <label className="control-row">
        <span>{messages.indicatorLabel}</span>
        <select data-testid="indicator-select" value={props.indicator ?? ''} onChange={(e) => props.onIndicator(e.target.value)}>
          {props.indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {indicatorName(i, locale)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="control-row mode">
        <legend>{messages.modeLabel}</legend>
        {(['value', 'lag'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="mode" value={m} checked={props.mode === m} onChange={() => props.onMode(m)} />
            {m === 'value' ? messages.modeValue : messages.modeLag}
          </label>
        ))}
      </fieldset>
      {props.mode === 'value' && (
        // Lag is always coloured by the status classes: only value mode offers a choice.
        <label className="control-row controls-classify">
          <span>{messages.classifyLabel}</span>
          <select data-testid="classify-select" value={props.method} onChange={(e) => props.onMethod(e.target.value as ValueMethod)}>
            {VALUE_METHODS.map((m) => (
              <option key={m} value={m}>
                {methodName(m, messages)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="control-row">
        <span>{messages.dateLabel}</span>
        <input
          type="date"
          data-testid="date-input"
          min={props.campaign.start}
          max={props.campaign.end}
          value={props.date ?? ''}
          onChange={(e) => {
            const d = e.target.value;
            if (d >= props.campaign.start && d <= props.campaign.end) props.onDate(d);
          }}
        />
        <button type="button" data-testid="play-button" aria-pressed={props.playing} onClick={props.onTogglePlay}>
          {props.playing ? messages.pause : messages.play}
        </button>
      </label>
    </section>
  );
}
