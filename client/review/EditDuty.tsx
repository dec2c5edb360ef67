import { useState } from 'react';
import type { Messages } from '../i18n/messages.ts';

export interface EditDutyProps {
  messages: Messages;
  /** The person responsible and the due date now. */
  person: string;
  due: string;
  /** The earliest due date allowed (the month or the meeting). */
  minDue: string;
  personLabel: string;
  onSave: (person: string, due: string) => Promise<unknown>;
}

/** Edit who acts and by when, in place: the one edit a task and a problem share. */
export function EditDuty({ messages: text, person, due, minDue, personLabel, onSave }: EditDutyProps) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{text.reviewEdit}</button>;
  return (
    <form className="edit-duty" onSubmit={(e) => {
      e.preventDefault();
      const d = new FormData(e.currentTarget);
      void onSave(String(d.get('person')), String(d.get('due'))).then(() => setOpen(false), () => undefined);
    }}>
      <input name="person" defaultValue={person} required maxLength={40} aria-label={personLabel} />
      <input name="due" type="date" defaultValue={due} min={minDue} required aria-label={text.reviewDue} />
      <button type="submit">{text.reviewSave}</button>
      <button type="button" onClick={() => setOpen(false)}>{text.reviewCancel}</button>
    </form>
  );
}
