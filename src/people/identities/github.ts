// GitHub's no-reply commit addresses: `12345+login@users.noreply.github.com` (since 2017)
// and `login@users.noreply.github.com` (older accounts). Both name the account's login.
const NOREPLY = /^(?:(\d+)\+)?([^@\s]+)@users\.noreply\.github\.com$/i;

/** The GitHub login a no-reply address stands for, lower-cased; null for any other address. */
export function noreplyLogin(email: string): string | null {
  const m = NOREPLY.exec(email.trim());
  return m?.[2] ? m[2].toLowerCase() : null;
}
