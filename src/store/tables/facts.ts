// Facts the collectors emit: diagnostics, dependencies, runtimes and images (docs/collectors.md).

import type { Exposure } from '../../collectors/types.ts';

export interface DiagnosticsTable {
  snapshot_id: number;
  path: string | null;
  collector: string;
  code: string;
  severity: string;
  message: string;
}

export interface DependenciesTable {
  snapshot_id: number;
  collector: string;
  ecosystem: string;
  name: string;
  version: string | null;
  requirement: string | null;
  direct: number;
  /** The raw lockfile or manifest flag (`DependencyScope`). */
  scope: string;
  /** How exposed it is (`Exposure`, src/collectors/exposure.ts), decided at collect time. */
  exposure: Exposure;
  manifest_path: string;
  license: string | null;
  source: string | null;
  /** Names of the packages that depend on this one, separated by spaces. */
  parents: string | null;
}

export interface RuntimesTable {
  snapshot_id: number;
  collector: string;
  kind: string;
  version: string;
  path: string;
  source: string;
  exposure: Exposure;
  /** `floor` or `pin` (RUNTIME_ROLES); null only in rows no migration could place (none so far). */
  role: string | null;
}

export interface ImagesTable {
  snapshot_id: number;
  collector: string;
  kind: string;
  name: string;
  version: string | null;
  path: string;
  line: number | null;
  exposure: Exposure;
}
