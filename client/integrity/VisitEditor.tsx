import { useState } from 'react';
import { HttpError } from '../api/getJson.ts';
import type { Messages } from '../i18n/messages.ts';
import { standardText } from './integrityFormat.ts';
import { STANDARDS, type SampleUnit, type Standard, type VisitInput, type VisitResult } from './integrityTypes.ts';

export interface VisitEditorProps {
  messages: Messages;
  unit: SampleUnit;
  /** Who visits, until typed: the signed-in user's name. */
  defaultVisitor: string;
  /** Today (YYYY-MM-DD): the latest date a visit may have. */
  today: string;
  onSave: (visit: VisitInput) => Promise<void>;
  onCancel: () => void;
}

/**
 * One household's visit: confirmed, wrong (with the standards it fails) or could not visit; who
 * and when; and for a wrong exit, whether to reopen it (回头帮) as poor or at risk, with a reason.
 * A refusal from the server is shown here, in its words.
 */
export function VisitEditor({ messages: text, unit, defaultVisitor, today, onSave, onCancel }: VisitEditorProps) {
  const [result, setResult] = useState<VisitResult>(unit.result ?? 'confirmed');
  const [failed, setFailed] = useState<Standard[]>(unit.failed.filter((s): s is Standard => (STANDARDS as readonly string[]).includes(s)));
  const [reopen, setReopen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wrong = result === 'wrong';

  const submit = (form: HTMLFormElement) => {
    const d = new FormData(form);
    if (wrong && failed.length === 0) {
      setError(text.integrityFailedNeeded);
      return;
    }
    const visit: VisitInput = {
      version: unit.version,
      result,
      visitedBy: String(d.get('visitedBy')).trim(),
      visitedOn: String(d.get('visitedOn')),
      note: String(d.get('note') ?? ''),
      ...(wrong ? { failed } : {}),
      ...(wrong && reopen ? { reopen: { status: d.get('reopenStatus') === 'at_risk' ? 'at_risk' : 'poor', reason: String(d.get('reopenReason')).trim() } } : {}),
    };
    setBusy(true);
    setError(null);
    onSave(visit)
      .catch((reason: unknown) => {
        const message = reason instanceof Error ? reason.message : String(reason);
        setError(reason instanceof HttpError ? text.integrityRefused.replace('{status}', String(reason.status)).replace('{message}', message) : message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="integrity-editor" data-testid="visit-editor" data-household={unit.householdId} onSubmit={(e) => { e.preventDefault(); submit(e.currentTarget); }}>
      <fieldset className="integrity-result">
        <legend>{text.integrityResult}</legend>
        {(['confirmed', 'wrong', 'not_visited'] as const).map((r) => (
          <label key={r}>
            <input type="radio" name="result" value={r} checked={result === r} onChange={() => setResult(r)} />
            {text[({ confirmed: 'integrityConfirmed', wrong: 'integrityWrong', not_visited: 'integrityNotVisited' } as const)[r]]}
          </label>
        ))}
      </fieldset>
      {wrong && (
        <fieldset className="integrity-failed" data-testid="visit-failed">
          <legend>{text.integrityStandardsFailed}</legend>
          {STANDARDS.map((s) => (
            <label key={s}>
              <input type="checkbox" name="failed" value={s} checked={failed.includes(s)}
                onChange={(e) => {
                  setFailed((f) => (e.target.checked ? [...f, s] : f.filter((x) => x !== s)));
                  setError(null);
                }} />
              {standardText(s, text)}
            </label>
          ))}
        </fieldset>
      )}
      <label>{text.integrityVisitedBy} <input name="visitedBy" required maxLength={80} defaultValue={unit.visitedBy ?? defaultVisitor} /></label>
      <label>{text.integrityVisitedOn} <input name="visitedOn" type="date" required min={unit.exitDate} max={today} defaultValue={unit.visitedOn ?? today} /></label>
      <label className="integrity-note">{text.integrityNote} <input name="note" maxLength={1000} defaultValue={unit.note} /></label>
      {wrong && (
        <fieldset className="integrity-reopen" data-testid="visit-reopen">
          <label><input type="checkbox" name="reopen" checked={reopen} onChange={(e) => setReopen(e.target.checked)} /> {text.integrityReopen}</label>
          {reopen && (
            <>
              <label>{text.integrityReopenAs} <select name="reopenStatus" defaultValue="poor">
                <option value="poor">{text.integrityReopenPoor}</option>
                <option value="at_risk">{text.integrityReopenAtRisk}</option>
              </select></label>
              <input name="reopenReason" required minLength={4} maxLength={500} placeholder={text.integrityReopenReason} aria-label={text.integrityReopenReason} />
            </>
          )}
        </fieldset>
      )}
      <span className="row-actions">
        <button type="submit" disabled={busy} data-testid="visit-save">{text.integritySave}</button>
        <button type="button" onClick={onCancel}>{text.integrityCancel}</button>
      </span>
      {error && <p className="integrity-error" role="alert" data-testid="visit-error">{error}</p>}
    </form>
  );
}
