// Writing decision records: a new one from the MADR 4 template, and a supersede that edits the front
// matter of both records in place (comments and the rest of the file kept).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parseDocument } from 'yaml';
import { CtoError } from '../../errors.ts';
import { type DecisionRecord, loadDecisionRecords } from './records.ts';
import { DECISIONS_DIR } from './schema.ts';

function recordSlug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'decision'
  );
}

/** Write `decisions/NNNN-title.md` with the next free number; returns its path from the workspace. */
export function newDecision(
  workspaceDir: string,
  title: string,
  options: { date: string; decisionMakers?: string[] },
): string {
  const clean = title.trim();
  if (clean === '') throw new CtoError('USAGE', 'a decision needs a title');
  const dir = join(workspaceDir, DECISIONS_DIR);
  mkdirSync(dir, { recursive: true });
  const numbers = loadDecisionRecords(workspaceDir).records.map((r) => r.number);
  // Files that do not load still hold their number.
  const taken = readdirSync(dir).flatMap((n) => {
    const m = /^(\d{4})-/.exec(n);
    return m ? [Number(m[1])] : [];
  });
  const number = Math.max(0, ...numbers, ...taken) + 1;
  const file = `${DECISIONS_DIR}/${String(number).padStart(4, '0')}-${recordSlug(clean)}.md`;
  const makers = options.decisionMakers ?? [];
  const fm = new Document({ status: 'proposed', date: options.date, 'decision-makers': makers });
  writeFileSync(join(workspaceDir, file), template(fm.toString(), clean), { flag: 'wx' });
  return file;
}

function template(frontMatter: string, title: string): string {
  return `---
${frontMatter.trimEnd()}
# checks:                      # evaluated against the current snapshots (docs/office.md)
#   - forbid: { technology: mysql }
#   - require: { file: SECURITY.md }
#     scope: { teams: [web] }
---

# ${title}

## Context and Problem Statement

{Describe the context and problem statement in two or three sentences.}

## Considered Options

* {option 1}
* {option 2}

## Decision Outcome

Chosen option: "{option 1}", because {justification}.

### Consequences

* Good, because {positive consequence}
* Bad, because {negative consequence}
`;
}

/** Mark `old` superseded by `newer` in both records' front matter; returns the two files changed. */
export function supersede(workspaceDir: string, old: number, newer: number): [string, string] {
  if (old === newer) throw new CtoError('USAGE', 'a decision cannot supersede itself');
  const { records } = loadDecisionRecords(workspaceDir);
  const find = (n: number): DecisionRecord => {
    const r = records.find((x) => x.number === n);
    if (!r)
      throw new CtoError(
        'USAGE',
        `no valid decision record numbered ${n} in ${DECISIONS_DIR}/ (known: ${records.map((x) => x.number).join(', ') || 'none'})`,
      );
    return r;
  };
  const a = find(old);
  const b = find(newer);
  if (b.status === 'superseded')
    throw new CtoError(
      'USAGE',
      `decision ${newer} is itself superseded (by ${b.supersededBy}): name the newest one`,
    );
  editFrontMatter(workspaceDir, a.file, (doc) => {
    doc.set('status', `superseded by ADR-${String(newer).padStart(4, '0')}`);
    doc.set('superseded-by', newer);
  });
  editFrontMatter(workspaceDir, b.file, (doc) => {
    const list = new Set([...b.supersedes, old]);
    doc.set(
      'supersedes',
      [...list].sort((x, y) => x - y),
    );
  });
  return [a.file, b.file];
}

function editFrontMatter(
  workspaceDir: string,
  file: string,
  edit: (doc: ReturnType<typeof parseDocument>) => void,
) {
  const path = join(workspaceDir, file);
  const text = readFileSync(path, 'utf8');
  // The record loaded, so it opens with front matter; the body after it is kept byte for byte.
  const lines = text.split('\n');
  const end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*\r?$/.test(l));
  const doc = parseDocument(lines.slice(1, end).join('\n'));
  edit(doc);
  writeFileSync(path, `---\n${doc.toString().trimEnd()}\n---\n${lines.slice(end + 1).join('\n')}`);
}
