// Sign in with the e-mail and password of `cto users add`, or with single sign-on when the server has
// it (docs/server.md#single-sign-on-openid-connect); the server sets an HttpOnly session cookie.
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, type LoginOptions, logIn, loginOptions, type SessionUser } from '../api.ts';

/** What the server's `/login?sso_error=<key>` means (src/server/oidc.ts). */
const SSO_ERRORS: Record<string, string> = {
  unknown_user: 'Single sign-on worked, but no account has that e-mail address. Ask an admin to add you.',
  disabled_user: 'Single sign-on worked, but that account is disabled.',
  email_unverified: 'The identity provider does not say that e-mail address is verified.',
  domain: 'That e-mail domain may not sign in here.',
  no_email: 'The identity provider gave no e-mail address.',
  provider_unavailable:
    'The identity provider could not be reached. Try again later, or sign in with a password.',
  provider_error: 'The identity provider refused the sign-in.',
  expired: 'The single sign-on took too long. Try again.',
  no_sign_in: 'That single sign-on was not started here or was already used. Try again.',
  state: 'That single sign-on did not match the one started here. Try again.',
  invalid_response: 'The identity provider answered something cto could not accept.',
};

function ssoErrorOfLocation(): string {
  const key = new URLSearchParams(window.location.search).get('sso_error');
  if (key === null) return '';
  return SSO_ERRORS[key] ?? 'Single sign-on failed.';
}

export function LoginPage({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const [error, setError] = useState(ssoErrorOfLocation);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<LoginOptions | null>(null);
  useEffect(() => {
    loginOptions().then(setOptions, () => setOptions(null));
  }, []);
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
        {options?.sso.configured && options.sso.loginUrl && (
          <a className="sso-button" href={options.sso.loginUrl}>
            Sign in with single sign-on
          </a>
        )}
      </form>
    </main>
  );
}
