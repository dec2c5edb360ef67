import type { Messages } from './i18n/messages.ts';
import { LAYER_KEYS, type LayerKey } from './map/DataLayers.ts';

export interface LayerPanelProps {
  messages: Messages;
  visible: readonly LayerKey[];
  onToggle: (key: LayerKey, visible: boolean) => void;
  /** The project specialties present in the data, by code. */
  specialties: { code: number; name: string }[];
  specialty: number | null;
  onSpecialty: (specialty: number | null) => void;
}

const labelKey = {
  poverty: 'layerPoverty',
  households: 'layerHouseholds',
  grid: 'layerGrid',
  parks: 'layerParks',
  projects: 'layerProjects',
} as const satisfies Record<LayerKey, keyof Messages>;

/** Checkboxes for the data layers, and the project specialty filter. */
export function LayerPanel({ messages, visible, onToggle, specialties, specialty, onSpecialty }: LayerPanelProps) {
  return (
    <section className="layer-panel" aria-label={messages.layersLabel} data-testid="layer-panel">
      <h2 className="layer-panel-title">{messages.layersLabel}</h2>
      {LAYER_KEYS.map((key) => (
        <label key={key} className="layer-row">
          <input
            type="checkbox"
            data-testid={`layer-toggle-${key}`}
            checked={visible.includes(key)}
            onChange={(e) => onToggle(key, e.target.checked)}
          />
          {messages[labelKey[key]]}
        </label>
      ))}
      {visible.includes('projects') && (
        <label className="control-row layer-specialty">
          <span>{messages.specialtyLabel}</span>
          <select
            data-testid="specialty-select"
            value={specialty === null ? '' : String(specialty)}
            onChange={(e) => onSpecialty(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{messages.specialtyAll}</option>
            {specialties.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code}. {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}
