// A scanned workspace for the server's tests: two repositories by two people of two teams, each team
// with a lead in teams.yaml, and an npm manifest in each; scanned once through the real CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cto } from './cli.ts';
import { buildRepo, tempDir } from './repo-builder.ts';

export const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
export const LINUS = { name: 'Linus Torvalds', email: 'linus@example.com' };
/** Accounts that lead a team in teams.yaml: Platform (Ada, repository api) and Web (Linus, web). */
export const PLATFORM_LEAD = 'lead@example.com';
export const WEB_LEAD = 'lead2@example.com';

const TEAMS = `teams:
  - name: Platform
    members: [${ADA.email}]
    leads: [${PLATFORM_LEAD}]
    owns: [api]
  - name: Web
    members: [${LINUS.email}]
    leads: [${WEB_LEAD}]
    owns: [web]
`;

function manifest(deps: Record<string, string>): string {
  return `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }, null, 2)}\n`;
}

/** Build the repositories and the workspace, and scan them into `target` (a fresh store). */
export function scannedWorkspace(target: string): { ws: string; root: string } {
  const root = tempDir();
  const commits = (who: typeof ADA, file: string, deps: Record<string, string>) =>
    [1, 2, 3, 4].map((i) => ({
      author: who,
      committer: who,
      date: `2026-0${i}-02T10:00:00Z`,
      message: `change ${i}`,
      files: {
        [file]: `${Array.from({ length: i * 3 }, (_, n) => `export const v${n} = ${n};`).join('\n')}\n`,
        ...(i === 1 ? { 'package.json': manifest(deps) } : {}),
      },
    }));
  buildRepo(join(root, 'api'), commits(ADA, 'src/server.ts', { fastify: '^5.0.0', zod: '^4.0.0' }));
  buildRepo(join(root, 'web'), commits(LINUS, 'src/app.ts', { react: '^19.0.0', zod: '^4.0.0' }));
  const ws = tempDir();
  writeFileSync(join(ws, 'teams.yaml'), TEAMS);
  const scan = cto(['scan', root, '--workspace', ws, '--db', target]);
  if (scan.code !== 0) throw new Error(`scan failed: ${scan.stderr}`);
  return { ws, root };
}
