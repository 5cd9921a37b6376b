// Automation accounts: recognised so that people-centred views can flag or leave them out.
import { noreplyLogin } from './github.ts';

/** Names (or GitHub logins) of well-known automation accounts, compared lower-case without `[bot]`. */
const KNOWN_BOTS: readonly string[] = [
  'dependabot',
  'dependabot-preview',
  'renovate',
  'renovate-bot',
  'github-actions',
];

function bare(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
}

/**
 * True when the signature belongs to a bot: a `[bot]` suffix on the name or no-reply login,
 * a known bot name or login, or a match of one of `patterns` (regular expressions tested,
 * case-insensitively, against `name <email>`).
 */
export function isBot(name: string, email: string, patterns: readonly RegExp[] = []): boolean {
  const login = noreplyLogin(email);
  if (/\[bot\]$/i.test(name.trim()) || login?.endsWith('[bot]')) return true;
  if (KNOWN_BOTS.includes(bare(name)) || (login !== null && KNOWN_BOTS.includes(bare(login)))) return true;
  const local = email.split('@')[0] ?? '';
  if (KNOWN_BOTS.includes(bare(local)) && local !== '') return true;
  const text = `${name} <${email}>`;
  return patterns.some((p) =>
    new RegExp(p.source, p.flags.includes('i') ? p.flags : `${p.flags}i`).test(text),
  );
}
