// One problem per end-of-life product cycle per repository: every place it is declared (a manifest
// range and its lockfile version, several Dockerfiles) is an occurrence of the same problem. A declared
// floor is not the runtime in use: only a floor that admits nothing but end-of-life releases is a
// (low) problem, one per floor as written. A cycle only a CI matrix runs, beside a supported cycle of the
// same product, is a compatibility test: a low problem, not a runtime past its end of life.
import { compatibilityJudge } from '../findings/eol/compatibility.ts';
import type { EolRow } from '../findings/eol/find.ts';
import type { Severity } from '../results.ts';
import { mostExposed } from './exposure-of.ts';
import type { OwnerOf } from './owners.ts';
import type { Problem } from './types.ts';

const SEVERITY: Partial<Record<EolRow['status'], Severity>> = {
  'past-eol': 'high',
  'within-window': 'medium',
  'admits-only-eol': 'low',
};
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** What a row is a problem of: a pin's product cycle, or a floor as written. */
const what = (r: EolRow & { product: string }) =>
  r.role === 'floor' ? `${r.product} ${r.version ?? ''}`.trim() : `${r.product} ${r.cycle}`;

/** Rows that are a problem (past end of life, or within the window), grouped by product cycle. */
export function eolProblems(rows: EolRow[], ownerOf: OwnerOf, windowMonths: number): Problem[] {
  const groups = new Map<string, EolRow[]>();
  for (const r of rows) {
    if (!SEVERITY[r.status] || !r.product || !r.cycle) continue;
    const k = [r.repository, what({ ...r, product: r.product })].join('\u0000');
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const judge = compatibilityJudge(rows);
  return [...groups.values()].map((list) => {
    const problem = toProblem(list, ownerOf, windowMonths);
    // A floor of old releases is already low; a compatibility test is one in CI only (compatibility.ts).
    return problem.severity !== 'low' && judge.cycle(list) ? asCompatibilityTest(problem) : problem;
  });
}

function asCompatibilityTest(p: Problem): Problem {
  const when = p.title.endsWith('is past its end of life') ? 'past its end of life' : 'near its end of life';
  return {
    ...p,
    severity: 'low',
    title: `CI still tests ${p.subject}, ${when}, beside supported cycles`,
    action: `Drop ${p.subject} from the CI matrix once no supported user needs it.`,
  };
}

function toProblem(rows: EolRow[], ownerOf: OwnerOf, windowMonths: number): Problem {
  const past = rows.find((r) => r.status === 'past-eol');
  const top = rows.reduce((a, b) => (RANK[SEVERITY[b.status]!] > RANK[SEVERITY[a.status]!] ? b : a));
  const { repository, product, cycle } = top as EolRow & { product: string; cycle: string };
  const floor = top.role === 'floor';
  const subject = what({ ...top, product });
  const occurrences = rows.flatMap((r) =>
    r.places.map((p) => ({ path: p.path, version: r.version, exposure: p.exposure })),
  );
  const directs = rows.flatMap((r) => r.places.map((p) => p.direct)).filter((d) => d !== null);
  const files = [...new Set(occurrences.map((o) => o.path))].sort();
  return {
    key: floor
      ? `end-of-life:${repository}:${subject.replace(' ', ':floor ')}`
      : `end-of-life:${repository}:${product}:${cycle}`,
    kind: 'end-of-life',
    area: 'technology-strategy',
    repository,
    subject,
    title: past
      ? `${subject} is past its end of life`
      : floor
        ? `${subject}: the declared support floor admits only end-of-life versions`
        : `${subject} reaches end of life within ${windowMonths} months`,
    severity: SEVERITY[top.status]!,
    exposure: mostExposed(occurrences.map((o) => o.exposure)),
    direct: directs.length === 0 ? null : directs.some(Boolean),
    since: past && typeof past.eol === 'string' ? past.eol : null,
    owner: ownerOf(repository, files),
    eolDate: typeof top.eol === 'string' ? top.eol : null,
    action: floor
      ? `Raise the declared minimum of ${product} to a supported cycle.`
      : `Upgrade ${product} to a supported cycle.`,
    occurrences,
    aliases: [],
    evidence: { files },
  };
}
