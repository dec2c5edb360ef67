import type { Messages } from '../i18n/messages.ts';
import { EditDuty } from './EditDuty.tsx';
import { mapLink } from './mapLink.ts';
import type { Problem } from './reviewTypes.ts';

export interface ProblemListProps {
  messages: Messages;
  week: string;
  problems: Problem[] | null;
  signedIn: boolean;
  mayWrite: boolean;
  /** Areas a new problem can be raised for, worst first. */
  areas: readonly { code: string; name: string }[];
  defaultArea: string | undefined;
  onAdd: (form: HTMLFormElement) => void;
  onClose: (p: Problem, resolution: string) => void;
  onEdit: (p: Problem, owner: string, due: string) => Promise<unknown>;
}

/** The meeting's problem list (问题清单): carried over until closed, overdue marked, each linked to its area on the map. */
export function ProblemList({ messages: text, week, problems, signedIn, mayWrite, areas, defaultArea, onAdd, onClose, onEdit }: ProblemListProps) {
  return (
    <section className="review-problems" data-testid="review-problems">
      <h2>{text.reviewProblems}</h2>
      {!signedIn ? <p>{text.reviewSignInForLists}</p> : problems && problems.length === 0 ? <p>{text.reviewNoProblems}</p> : (
        <table className="review-table">
          <thead><tr><th>{text.reviewArea}</th><th>{text.reviewDescription}</th><th>{text.reviewOwner}</th><th>{text.reviewDue}</th><th className="no-print" /></tr></thead>
          <tbody>
            {(problems ?? []).map((p) => (
              <tr key={p.id} data-id={p.id} className={p.overdue ? 'overdue' : undefined}>
                <td><a href={mapLink(p.areaCode, week)} title={text.reviewOpenOnMap}>{p.areaName}</a></td>
                <td>{p.description}{p.carriedOver ? `（${text.reviewCarried}）` : ''}</td><td>{p.owner}</td>
                <td>{p.dueDate}{p.overdue ? ` ${text.reviewOverdue}` : ''}</td>
                <td className="no-print">{mayWrite && (
                  <div className="row-actions">
                    <EditDuty messages={text} person={p.owner} due={p.dueDate} minDue={p.raisedAt} personLabel={text.reviewOwner} onSave={(o, d) => onEdit(p, o, d)} />
                    <form onSubmit={(e) => { e.preventDefault(); onClose(p, String(new FormData(e.currentTarget).get('resolution'))); }}>
                      <input name="resolution" required placeholder={text.reviewResolution} aria-label={text.reviewResolution} /> <button type="submit">{text.reviewClose}</button>
                    </form>
                  </div>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayWrite && (
        <form className="review-add no-print" data-testid="review-add" onSubmit={(e) => { e.preventDefault(); onAdd(e.currentTarget); }}>
          <strong>{text.reviewAddProblem}</strong>
          <select name="area" required defaultValue={defaultArea}>{areas.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}</select>
          <input name="description" required placeholder={text.reviewDescription} aria-label={text.reviewDescription} />
          <input name="owner" required placeholder={text.reviewOwner} aria-label={text.reviewOwner} />
          <input name="due" type="date" required min={week} aria-label={text.reviewDue} />
          <button type="submit">{text.reviewAddProblem}</button>
        </form>
      )}
    </section>
  );
}
