// Sign in with the e-mail and password of `cto users add`; the server sets an HttpOnly session cookie.
import { type FormEvent, useState } from 'react';
import { ApiError, logIn, type SessionUser } from '../api.ts';

export function LoginPage({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    logIn(String(form.get('email') ?? ''), String(form.get('password') ?? '')).then(
      (s) => onLogin(s.user),
      (err: unknown) => {
        setBusy(false);
        setError(
          err instanceof ApiError && err.status === 401
            ? 'That e-mail and password do not match an account.'
            : err instanceof Error
              ? err.message
              : String(err),
        );
      },
    );
  };
  return (
    <main className="login">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">cto</h1>
        <p>Sign in to the technology office.</p>
        <label>
          E-mail
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
