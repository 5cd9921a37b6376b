// Plain OSV records as the feed keeps them: every field a primitive, array or JSON object, so a store
// can write them as rows (one per record, per affected package, per range) without conversion.
import type { OsvRecordJson } from './schema.ts';

export type OsvEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
export interface OsvEvent {
  kind: OsvEventKind;
  version: string;
}

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM';
export interface OsvRange {
  type: OsvRangeType;
  events: OsvEvent[];
}

export interface OsvSeverityScore {
  /** `CVSS_V3`, `CVSS_V4`, `CVSS_V2`, `Ubuntu`, ... */
  type: string;
  score: string;
}

export interface OsvAffected {
  /** As OSV writes it, e.g. `PyPI`, `crates.io`, `Maven`, `Debian:11`. */
  ecosystem: string;
  name: string;
  purl: string | null;
  /** SEMVER and ECOSYSTEM ranges; GIT ranges are counted in `gitRanges`, not kept. */
  ranges: OsvRange[];
  gitRanges: number;
  versions: string[];
  severity: OsvSeverityScore[];
  databaseSpecific: Record<string, unknown> | null;
}

export interface OsvRecord {
  id: string;
  aliases: string[];
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  severity: OsvSeverityScore[];
  databaseSpecific: Record<string, unknown> | null;
  affected: OsvAffected[];
}

const EVENT_KINDS: OsvEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

function toAffected(a: NonNullable<OsvRecordJson['affected']>[number]): OsvAffected | null {
  if (!a.package) return null;
  const ranges: OsvRange[] = [];
  let gitRanges = 0;
  for (const r of a.ranges ?? []) {
    if (r.type !== 'SEMVER' && r.type !== 'ECOSYSTEM') {
      gitRanges += r.type === 'GIT' ? 1 : 0;
      continue;
    }
    const events: OsvEvent[] = [];
    for (const e of r.events) {
      for (const kind of EVENT_KINDS) {
        const version = e[kind];
        if (typeof version === 'string') events.push({ kind, version });
      }
    }
    ranges.push({ type: r.type, events });
  }
  return {
    ecosystem: a.package.ecosystem,
    name: a.package.name,
    purl: a.package.purl ?? null,
    ranges,
    gitRanges,
    versions: a.versions ?? [],
    severity: (a.severity ?? []).map((s) => ({ type: s.type, score: s.score })),
    databaseSpecific: a.database_specific ?? null,
  };
}

/** Turns one validated OSV JSON document into a plain record. */
export function toOsvRecord(json: OsvRecordJson): OsvRecord {
  return {
    id: json.id,
    aliases: json.aliases ?? [],
    modified: json.modified,
    published: json.published ?? null,
    withdrawn: json.withdrawn ?? null,
    summary: json.summary ?? null,
    severity: (json.severity ?? []).map((s) => ({ type: s.type, score: s.score })),
    databaseSpecific: json.database_specific ?? null,
    affected: (json.affected ?? []).map(toAffected).filter((a): a is OsvAffected => a !== null),
  };
}
