import { isCtoError } from '../../errors.ts';
import { type OfficeDiagnostic, parseFrontMatter, readRecordFolder } from '../front-matter.ts';
import {
  type CheckScope,
  type CheckTarget,
  DECISIONS_DIR,
  type DecisionStatus,
  type FrontMatter,
  frontMatterSchema,
  parseStatus,
} from './schema.ts';

export interface DecisionCheck {
  /** Position in the record's `checks:` list, from 1. */
  index: number;
  action: 'forbid' | 'require';
  target: CheckTarget;
  scope: CheckScope;
  severity: 'critical' | 'high' | 'medium' | 'low';
}

export interface DecisionRecord {
  number: number;
  /** Path from the workspace, `decisions/0003-use-postgresql.md`. */
  file: string;
  title: string;
  status: DecisionStatus;
  date: string | null;
  decisionMakers: string[];
  consulted: string[];
  informed: string[];
  supersedes: number[];
  supersededBy: number | null;
  radar: string[];
  checks: DecisionCheck[];
}

export type { OfficeDiagnostic } from '../front-matter.ts';

interface DecisionSet {
  records: DecisionRecord[];
  diagnostics: OfficeDiagnostic[];
}

/** `0003-use-postgresql.md` → 3 and `use-postgresql`. */
const RECORD_NAME = /^(\d{4})-([^/]+)\.md$/;

/** Every numbered record in `decisions/`, in number order; an absent folder gives none. */
export function loadDecisionRecords(workspaceDir: string): DecisionSet {
  const { records, diagnostics } = readRecordFolder(
    workspaceDir,
    DECISIONS_DIR,
    (name) => RECORD_NAME.exec(name),
    (text, file, m) => parseRecord(text, file, Number(m[1]), m[2] as string),
  );
  diagnostics.push(...consistency(records));
  return { records: withSupersededBy(records), diagnostics };
}

/** One record from its text; a diagnostic when its front matter is missing or invalid. */
function parseRecord(
  text: string,
  file: string,
  number: number,
  slug: string,
): DecisionRecord | OfficeDiagnostic {
  let fm: FrontMatter;
  let body: string;
  try {
    ({ data: fm, body } = parseFrontMatter(text, frontMatterSchema, file));
  } catch (e) {
    if (!isCtoError(e)) throw e;
    const line = /^[^:]+\.md:(\d+):/.exec(e.message);
    return {
      file,
      line: line ? Number(line[1]) : null,
      message: e.message.replace(/^[^:]+\.md(:\d+)?: /, ''),
    };
  }
  const status = parseStatus(fm.status) ?? { status: 'proposed' as const, by: null };
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
  return {
    number,
    file,
    title: fm.title ?? heading ?? slug.replace(/-/g, ' '),
    status: status.status,
    date: fm.date ?? null,
    decisionMakers: fm['decision-makers'] ?? [],
    consulted: fm.consulted ?? [],
    informed: fm.informed ?? [],
    supersedes: fm.supersedes ?? [],
    supersededBy: fm['superseded-by'] ?? status.by,
    radar: fm.radar ?? [],
    checks: (fm.checks ?? []).map((c, i) => ({
      index: i + 1,
      action: c.forbid ? 'forbid' : 'require',
      target: (c.forbid ?? c.require) as CheckTarget,
      scope: c.scope ?? {},
      severity: c.severity ?? 'medium',
    })),
  };
}

/** A decision another one supersedes counts as superseded by it, whichever record says so. */
function withSupersededBy(records: DecisionRecord[]): DecisionRecord[] {
  const by = new Map<number, number>();
  for (const r of records) for (const old of r.supersedes) by.set(old, r.number);
  return records.map((r) => {
    const newer = r.supersededBy ?? by.get(r.number) ?? null;
    return newer === null ? r : { ...r, status: 'superseded', supersededBy: newer };
  });
}

function consistency(records: readonly DecisionRecord[]): OfficeDiagnostic[] {
  const out: OfficeDiagnostic[] = [];
  const numbers = new Map<number, string>();
  for (const r of records) {
    const first = numbers.get(r.number);
    if (first) out.push({ file: r.file, line: null, message: `number ${r.number} is also ${first}` });
    else numbers.set(r.number, r.file);
  }
  for (const r of records) {
    for (const n of [...r.supersedes, ...(r.supersededBy === null ? [] : [r.supersededBy])])
      if (!numbers.has(n))
        out.push({ file: r.file, line: null, message: `names decision ${n}, which does not exist` });
    if (
      r.status === 'superseded' &&
      r.supersededBy === null &&
      !records.some((o) => o.supersedes.includes(r.number))
    )
      out.push({
        file: r.file,
        line: null,
        message: 'superseded, but no record says by which decision (superseded-by:)',
      });
  }
  return out;
}
