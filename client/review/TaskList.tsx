import { urls } from '../api/urls.ts';
import { sendJson } from '../api/postJson.ts';
import { useApi } from '../api/useApi.ts';
import type { Messages } from '../i18n/messages.ts';
import { EditDuty } from './EditDuty.tsx';
import { mapLink } from './mapLink.ts';
import type { Specialty, Task } from './reviewTypes.ts';

export interface TaskListProps {
  messages: Messages;
  /** The meeting date: its month's tasks are listed, overdue as of it. */
  week: string;
  /** Only the tasks inside this area (the review's filter), null: all. */
  area: string | null;
  specialty: number | null;
  specialties: readonly Specialty[];
  /** Campaign phase names by key. */
  phaseNames: ReadonlyMap<string, string>;
  signedIn: boolean;
  mayWrite: boolean;
  csrf: string | null;
  areas: readonly { code: string; name: string }[];
  onError: (error: unknown) => void;
}

/** The month's task and responsibility list (任务清单、责任清单): add, edit, mark done; overdue marked. */
export function TaskList({ messages: text, week, area, specialty, specialties, phaseNames, signedIn, mayWrite, csrf, areas, onError }: TaskListProps) {
  const month = week.slice(0, 7);
  const names = new Map(specialties.map((s) => [s.code, s.name]));

  const answer = useApi<Task[]>(signedIn ? urls.tasks({ month, asOf: week, area, specialty }) : null, onError);
  // The last list stays on screen while the next loads.
  const tasks = signedIn ? answer.data ?? answer.last : null;
  // After this viewer's own edit: ask again now rather than wait for the change feed.
  const load = answer.refresh;

  const patch = (t: Task, body: object) => sendJson('PATCH', urls.task(t.id), { version: t.version, ...body }, csrf).then(load, (e: unknown) => {
    onError(e);
    throw e;
  });
  const add = (form: HTMLFormElement) => {
    const d = new FormData(form);
    const s = Number(d.get('specialty'));
    sendJson('POST', urls.tasks(), {
      month, areaCode: String(d.get('area')), ...(s ? { specialty: s } : {}), title: String(d.get('title')),
      department: String(d.get('department')), responsible: String(d.get('responsible')), dueDate: String(d.get('due')),
    }, csrf).then(() => { form.reset(); load(); }, onError);
  };

  return (
    <section className="review-tasks" data-testid="review-tasks">
      <h2>{text.tasksTitle} · {month}</h2>
      {!signedIn ? <p>{text.reviewSignInForLists}</p> : tasks && tasks.length === 0 ? <p>{text.tasksNone}</p> : (
        <table className="review-table">
          <thead><tr><th>{text.tasksTitleField}</th><th>{text.reviewArea}</th><th>{text.tasksPhase}</th><th>{text.reviewSpecialty}</th><th>{text.tasksDepartment}</th><th>{text.tasksResponsible}</th><th>{text.reviewDue}</th><th>{text.tasksStatus}</th><th className="no-print" /></tr></thead>
          <tbody>
            {(tasks ?? []).map((t) => (
              <tr key={t.id} data-id={t.id} className={t.overdue ? 'overdue' : undefined}>
                <td>{t.title}</td>
                <td><a href={mapLink(t.areaCode, week)} title={text.reviewOpenOnMap}>{t.areaName}</a></td>
                <td>{phaseNames.get(t.phase) ?? t.phase}</td>
                <td>{t.specialty ? names.get(t.specialty) ?? t.specialty : ''}</td>
                <td>{t.department}</td><td>{t.responsible}</td>
                <td>{t.dueDate}{t.overdue ? ` ${text.reviewOverdue}` : ''}</td>
                <td>{t.status === 'done' ? text.tasksDone : text.tasksOpen}</td>
                <td className="no-print">{mayWrite && (
                  <div className="row-actions">
                    <EditDuty messages={text} person={t.responsible} due={t.dueDate} minDue={`${t.month}-01`} personLabel={text.tasksResponsible} onSave={(r, d) => patch(t, { responsible: r, dueDate: d })} />
                    <button type="button" onClick={() => void patch(t, { status: t.status === 'done' ? 'open' : 'done' }).catch(() => undefined)}>{t.status === 'done' ? text.tasksReopen : text.tasksMarkDone}</button>
                  </div>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayWrite && (
        <form className="review-add no-print" data-testid="task-add" onSubmit={(e) => { e.preventDefault(); add(e.currentTarget); }}>
          <strong>{text.tasksAdd}</strong>
          <input name="title" required maxLength={200} placeholder={text.tasksTitleField} aria-label={text.tasksTitleField} />
          <select name="area" required aria-label={text.reviewArea}>{areas.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}</select>
          <select name="specialty" defaultValue={specialty ?? ''} aria-label={text.reviewSpecialty}>
            <option value="">—</option>{specialties.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select>
          <input name="department" required maxLength={80} placeholder={text.tasksDepartment} aria-label={text.tasksDepartment} />
          <input name="responsible" required maxLength={40} placeholder={text.tasksResponsible} aria-label={text.tasksResponsible} />
          <input name="due" type="date" required min={`${month}-01`} aria-label={text.reviewDue} />
          <button type="submit">{text.tasksAdd}</button>
        </form>
      )}
    </section>
  );
}
