import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, cleanupTemp, git, tempDir } from '../../../test/helpers/repo-builder.ts';
import { applyMailmap, parseMailmap } from './mailmap.ts';

const MAILMAP = `# people of the example project
Ada Lovelace <ada@example.com>
<bob@example.com> <bob@old-laptop.local>
Cy Young <cy@example.com> <cyoung@EXAMPLE.org>
Dee Proper <dee@example.com> dee <shared@example.com>
Eve Proper <eve@example.com> Eve <shared@example.com>   # trailing comment
Fallback Name <shared@example.com>
not a mapping line
<lonely@example.com>
Gus <gus@example.com> <gus@old> stray words
`;

const SIGNATURES = [
  ['ada', 'ADA@example.com'],
  ['Bob B', 'bob@old-laptop.local'],
  ['cy', 'cyoung@example.org'],
  ['DEE', 'shared@example.com'],
  ['eve', 'Shared@Example.com'],
  ['someone else', 'shared@example.com'],
  ['Nobody', 'nobody@example.com'],
  ['Gus', 'gus@old'],
];

afterAll(cleanupTemp);

describe('parseMailmap', () => {
  it('reports lines that map nothing and keeps the others', () => {
    const { diagnostics, mailmap } = parseMailmap(MAILMAP);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'line 8: no <e-mail> found',
      'line 9: a single e-mail with no proper name maps nothing',
      'line 10: unexpected text after the e-mails: stray words',
    ]);
    expect(diagnostics.every((d) => d.collector === 'identities' && d.path === '.mailmap')).toBe(true);
    expect(mailmap.entries.size).toBe(4);
  });

  it('rewrites signatures exactly as git check-mailmap does', () => {
    const dir = buildRepo(tempDir(), [{ files: { a: 'a' } }]);
    const file = join(dir, 'mailmap.txt');
    // git silently skips the lines we flag; strip them so git and we read the same rules.
    writeFileSync(file, MAILMAP.split('\n').slice(0, 7).join('\n'));
    const { mailmap } = parseMailmap(MAILMAP);
    for (const [name, email] of SIGNATURES) {
      const expected = git(dir, ['-c', `mailmap.file=${file}`, 'check-mailmap', `${name} <${email}>`]).trim();
      const got = applyMailmap(mailmap, { name: name!, email: email! });
      expect(`${got.name} <${got.email}>`).toBe(expected);
    }
  });

  it('lets a later line override an earlier one field by field', () => {
    const { mailmap } = parseMailmap('Old Name <a@x>\n<new@x> <a@x>\n');
    expect(applyMailmap(mailmap, { name: 'a', email: 'a@x' })).toEqual({ name: 'Old Name', email: 'new@x' });
  });
});
