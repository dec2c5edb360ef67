import { useState } from 'react';
import { HttpError } from './api/getJson.ts';
import type { SessionUser } from './api/session.ts';
import type { Messages } from './i18n/messages.ts';

export interface SignInProps {
  messages: Messages;
  user: SessionUser | null;
  onLogIn: (username: string, password: string) => Promise<void>;
  onLogOut: () => void;
}

/** Sign in and out: the map's default layers are public; a clerk's sign-in shows their own households. */
export function SignIn({ messages, user, onLogIn, onLogOut }: SignInProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) {
    return (
      <div className="sign-in" data-testid="signed-in">
        <span title={user.username}>{user.displayName || user.username}</span>
        <button type="button" onClick={onLogOut}>{messages.signOut}</button>
      </div>
    );
  }
  if (!open) {
    return (
      <div className="sign-in">
        <button type="button" onClick={() => setOpen(true)}>{messages.signIn}</button>
      </div>
    );
  }
  return (
    <form
      className="sign-in sign-in-form"
      aria-label={messages.signIn}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setBusy(true);
        setError(null);
        onLogIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''))
          .then(() => setOpen(false))
          .catch((reason: unknown) => {
            if (reason instanceof HttpError && reason.status === 401) setError(messages.signInWrong);
            else if (reason instanceof HttpError && reason.status === 429) setError(messages.signInThrottled);
            else setError(reason instanceof Error ? reason.message : String(reason));
          })
          .finally(() => setBusy(false));
      }}
    >
      <input name="username" autoComplete="username" placeholder={messages.signInUser} aria-label={messages.signInUser} required />
      <input name="password" type="password" autoComplete="current-password" placeholder={messages.signInPassword} aria-label={messages.signInPassword} required />
      <button type="submit" disabled={busy}>{messages.signIn}</button>
      <button type="button" onClick={() => setOpen(false)}>{messages.signInCancel}</button>
      {error && <span className="sign-in-error" role="alert">{messages.signInFailed}: {error}</span>}
    </form>
  );
}
