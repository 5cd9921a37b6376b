// A problem is one thing a CTO may have to act on, across areas: one advisory in one package of one
// repository (all its versions and paths), one end-of-life product cycle in one repository (every
// place it is declared), one licence conflict, one knowledge or ownership finding. Problems are what
// the risk score ranks and what the risk register (store tables, `cto risks`) remembers across scans.

import type { Exposure } from '../collectors/types.ts';
import type { Evidence, ReportArea, Severity } from '../results.ts';

/** Where a problem shows: one version at one path (manifest, Dockerfile, workflow, file). */
export interface Occurrence {
  path: string;
  version?: string | null;
  exposure: Exposure;
  /** `repository > direct > ... > package` for a dependency, when known. */
  via?: string[];
}

export interface Problem {
  /**
   * Stable across scans and versions: `<kind>:<repository>:<what>`, e.g.
   * `vulnerability:axios:npm/form-data:GHSA-fjxv-7rqg-78g4` (the advisory group's id, aliases merged),
   * `end-of-life:flask:python:3.8`, `finding:knowledge:truck-factor-one:gin:`. Never a snapshot id,
   * a version or a path, so an upgrade that leaves the problem keeps its key and a fix closes it.
   */
  key: string;
  /** `vulnerability`, `end-of-life`, `licence`, or `finding:<analysis>:<rule>` for analysis findings. */
  kind: string;
  area: ReportArea;
  repository: string;
  /** What it is about: `npm/form-data`, `python 3.8`, a file or a person. */
  subject: string;
  title: string;
  severity: Severity;
  /** The most exposed of its occurrences. */
  exposure: Exposure;
  /** Reachability proxy: a direct dependency (true), transitive only (false), not a dependency (null). */
  direct: boolean | null;
  /** When the problem became knowable (advisory published, end-of-life date passed), ISO date; null if unknown. */
  since: string | null;
  /** The team that owns the repository or subject; `unassigned` when none. */
  owner: string;
  /** For end of life: the product cycle's end-of-life date (ISO date) when the feed gives one. */
  eolDate?: string | null;
  action: string;
  occurrences: Occurrence[];
  /** Other ids of the same problem (advisory aliases). */
  aliases: string[];
  evidence: Evidence;
}
