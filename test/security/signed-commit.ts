// Commit objects that carry a `gpgsig` header, so plain git with log.showSignature would verify them.
import { git } from '../helpers/repo-builder.ts';

/** Armoured blocks of the three signature kinds git recognises (the bytes need not verify). */
export const SIGNATURES: Record<string, string[]> = {
  pgp: [
    '-----BEGIN PGP SIGNATURE-----',
    '',
    'iQEzBAABCAAdFiEEc3R1YnN0dWJzdHVic3R1YnN0dWI=',
    '=abcd',
    '-----END PGP SIGNATURE-----',
  ],
  ssh: [
    '-----BEGIN SSH SIGNATURE-----',
    'U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTk=',
    '-----END SSH SIGNATURE-----',
  ],
  x509: [
    '-----BEGIN SIGNED MESSAGE-----',
    'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQME',
    '-----END SIGNED MESSAGE-----',
  ],
};

/** Writes a commit object carrying a `gpgsig` header on top of `parent`; returns its id. */
export function signedCommit(dir: string, parent: string, kind: string): string {
  const tree = git(dir, ['rev-parse', `${parent}^{tree}`]).trim();
  const lines = SIGNATURES[kind]!;
  const text = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author Ada Lovelace <ada@example.com> 1706745600 +0000',
    'committer Ada Lovelace <ada@example.com> 1706745600 +0000',
    `gpgsig ${lines[0]}`,
    ...lines.slice(1).map((l) => ` ${l}`),
    '',
    `signed with ${kind}`,
    '',
  ].join('\n');
  return git(dir, ['hash-object', '-t', 'commit', '-w', '--literally', '--stdin'], text).trim();
}
