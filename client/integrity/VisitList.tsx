import { Fragment, useMemo } from 'react';
import type { Locale, Messages } from '../i18n/messages.ts';
import { BandBadge } from './BandBadge.tsx';
import { groupVisitList, listSeparator, signalText, standardText } from './integrityFormat.ts';
import { STANDARDS, type SampleDetail, type SampleUnit, type VisitInput } from './integrityTypes.ts';
import { VisitEditor } from './VisitEditor.tsx';

export interface VisitListProps {
  messages: Messages;
  locale: Locale;
  sample: SampleDetail;
  /** The household whose visit is being entered, if any. */
  editing: string | null;
  onEdit: (householdId: string | null) => void;
  onSave: (unit: SampleUnit, visit: VisitInput) => Promise<void>;
  defaultVisitor: string;
  today: string;
}

const RESULT_KEYS = { confirmed: 'integrityConfirmed', wrong: 'integrityWrong', not_visited: 'integrityNotVisited' } as const;

/**
 * The households to visit, by township and village, as the field team takes it out (A4 in
 * print): who, when they exited, the risk and what to check (the signals in words, and the five
 * standards to tick when one fails), and the result. A phone number only when the API gave one.
 * On screen each row opens its result entry; in print the entry is blank boxes to fill in.
 */
export function VisitList({ messages: text, locale, sample, editing, onEdit, onSave, defaultVisitor, today }: VisitListProps) {
  const groups = useMemo(() => groupVisitList(sample.units), [sample.units]);
  const withPhone = sample.units.some((u) => u.phone !== null);
  const columns = 8 + (withPhone ? 1 : 0);
  return (
    <table className="review-table integrity-visit-table" data-testid="integrity-visit-table">
      <thead>
        <tr>
          <th>{text.integrityHousehold}</th><th>{text.integrityHead}</th>{withPhone && <th>{text.integrityPhone}</th>}
          <th>{text.integrityExitDate}</th><th>{text.integrityBand}</th><th>{text.integrityToCheck}</th>
          <th>{text.integrityStandardsFailed}</th><th>{text.integrityResult}</th><th className="no-print" />
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.township} data-township={g.township} className="integrity-township">
          <tr className="integrity-township-row"><th colSpan={columns}>{g.townshipName} <span className="review-note">{g.township} · {text.integrityTownshipUnits.replace('{n}', String(g.units))}</span></th></tr>
          {g.villages.map((v) => (
            <Fragment key={v.villageCode}>
              <tr className="integrity-village-row" data-village={v.villageCode}><th colSpan={columns}>{v.villageName} <span className="review-note">{v.villageCode}</span></th></tr>
              {v.units.map((u) => (
                <Fragment key={u.householdId}>
                  <tr data-household={u.householdId} data-result={u.result ?? ''} className="integrity-unit">
                    <td className="integrity-id">{u.householdId}</td>
                    <td className="integrity-nowrap">{u.headName ?? ''}</td>
                    {withPhone && <td className="integrity-nowrap">{u.phone ?? ''}</td>}
                    <td className="integrity-nowrap">{u.exitDate}</td>
                    <td className="integrity-nowrap"><BandBadge band={u.band} messages={text} /></td>
                    <td className="integrity-signals">{u.signals.length ? u.signals.map((s) => signalText(s, text)).join(listSeparator(locale)) : text.integrityNoSignals}</td>
                    <td>
                      <div className="integrity-standards">
                        {STANDARDS.map((s) => (
                          <label key={s} data-standard={s}>
                            <input type="checkbox" disabled checked={u.failed.includes(s)} readOnly />{standardText(s, text)}
                          </label>
                        ))}
                      </div>
                    </td>
                    <td className="integrity-outcome">
                      {u.result ? (
                        <span data-testid="unit-result">
                          <strong className={`integrity-result-${u.result}`}>{text[RESULT_KEYS[u.result]]}</strong>
                          {' · '}{u.visitedBy} {u.visitedOn}{u.note && ` · ${u.note}`}
                        </span>
                      ) : (
                        <>
                          <span className="no-print review-note">{text.integrityPending}</span>
                          <span className="print-only integrity-blank">
                            {(['confirmed', 'wrong', 'not_visited'] as const).map((r) => <span key={r}><i className="integrity-box" />{text[RESULT_KEYS[r]]}</span>)}
                            <span className="integrity-signature">{text.integritySignature}</span>
                          </span>
                        </>
                      )}
                    </td>
                    <td className="no-print">
                      <button type="button" onClick={() => onEdit(editing === u.householdId ? null : u.householdId)} data-testid="unit-edit">
                        {u.result ? text.integrityEdit : text.integrityRecord}
                      </button>
                    </td>
                  </tr>
                  {editing === u.householdId && (
                    <tr className="no-print integrity-editor-row">
                      <td colSpan={columns}>
                        <VisitEditor key={u.version} messages={text} unit={u} defaultVisitor={defaultVisitor} today={today}
                          onSave={(visit) => onSave(u, visit)} onCancel={() => onEdit(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </Fragment>
          ))}
        </tbody>
      ))}
    </table>
  );
}
