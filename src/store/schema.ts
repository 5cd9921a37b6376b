// Row types of every table, for Kysely. Booleans are stored as 0/1 integers and timestamps as
// ISO 8601 text (plus epoch seconds where arithmetic is needed), so both engines read the same.
// The tables live in src/store/tables/, one file per feature; this file composes them.

export type * from './tables/accounts.ts';
export type * from './tables/code.ts';
export type * from './tables/costs.ts';
export type * from './tables/delivery.ts';
export type * from './tables/events.ts';
export type * from './tables/facts.ts';
export type * from './tables/feeds.ts';
export type * from './tables/history.ts';
export type * from './tables/ownership.ts';
export type * from './tables/people.ts';
export type * from './tables/results.ts';
export type * from './tables/risk.ts';
export type * from './tables/scan.ts';
export type * from './tables/server-scans.ts';
export type * from './tables/sources.ts';

import type {
  ApiTokensTable,
  AuditTable,
  LoginFailuresTable,
  OidcLoginsTable,
  SessionsTable,
  SettingsTable,
  UsersTable,
} from './tables/accounts.ts';
import type { CodeFilesTable, CouplingTable, HotspotsTable } from './tables/code.ts';
import type { CostImportsTable, CostLinesTable } from './tables/costs.ts';
import type { DeliveryActivityTable, DeliveryReleasesTable } from './tables/delivery.ts';
import type { DeploymentsTable, IncidentsTable, WebhookMessagesTable } from './tables/events.ts';
import type { DependenciesTable, DiagnosticsTable, ImagesTable, RuntimesTable } from './tables/facts.ts';
import type {
  AdvisoriesTable,
  AdvisoryPackagesTable,
  EolCyclesTable,
  EolProductsTable,
  FeedImportsTable,
  LicenceCacheTable,
} from './tables/feeds.ts';
import type { CommitsTable, FileChangesTable, FilesTable, TagsTable } from './tables/history.ts';
import type { CodeOwnersTable, OwnershipTable } from './tables/ownership.ts';
import type {
  FileAuthorsTable,
  KnowledgeFilesTable,
  PeopleTable,
  PersonDaysTable,
  PersonMonthsTable,
} from './tables/people.ts';
import type { FindingsTable, MetricsTable } from './tables/results.ts';
import type { RiskEventsTable, RisksTable } from './tables/risk.ts';
import type {
  RepositoriesTable,
  ScanLocksTable,
  SnapshotPluginsTable,
  SnapshotSegmentsTable,
  SnapshotsTable,
} from './tables/scan.ts';
import type { ServerScanItemsTable, ServerScansTable } from './tables/server-scans.ts';
import type { SourceRepositoriesTable } from './tables/sources.ts';

export interface Database {
  advisories: AdvisoriesTable;
  advisory_packages: AdvisoryPackagesTable;
  eol_products: EolProductsTable;
  eol_cycles: EolCyclesTable;
  feed_imports: FeedImportsTable;
  licence_cache: LicenceCacheTable;
  metrics: MetricsTable;
  findings: FindingsTable;
  snapshot_plugins: SnapshotPluginsTable;
  dependencies: DependenciesTable;
  runtimes: RuntimesTable;
  images: ImagesTable;
  repositories: RepositoriesTable;
  snapshots: SnapshotsTable;
  snapshot_segments: SnapshotSegmentsTable;
  commits: CommitsTable;
  file_changes: FileChangesTable;
  files: FilesTable;
  tags: TagsTable;
  diagnostics: DiagnosticsTable;
  scan_locks: ScanLocksTable;
  code_files: CodeFilesTable;
  hotspots: HotspotsTable;
  coupling: CouplingTable;
  delivery_releases: DeliveryReleasesTable;
  delivery_activity: DeliveryActivityTable;
  people: PeopleTable;
  person_months: PersonMonthsTable;
  person_days: PersonDaysTable;
  knowledge_files: KnowledgeFilesTable;
  file_authors: FileAuthorsTable;
  code_owners: CodeOwnersTable;
  ownership: OwnershipTable;
  risks: RisksTable;
  risk_events: RiskEventsTable;
  cost_imports: CostImportsTable;
  cost_lines: CostLinesTable;
  source_repositories: SourceRepositoriesTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  audit: AuditTable;
  deployments: DeploymentsTable;
  incidents: IncidentsTable;
  webhook_messages: WebhookMessagesTable;
  server_scans: ServerScansTable;
  server_scan_items: ServerScanItemsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  oidc_logins: OidcLoginsTable;
  settings: SettingsTable;
}

/**
 * Tables whose rows belong to one snapshot (column `snapshot_id`), filled in bulk during a scan and
 * removed together when a scan fails or is abandoned. A migration that adds such a table adds it here.
 */
export const SNAPSHOT_TABLES = [
  'commits',
  'file_changes',
  'files',
  'tags',
  'diagnostics',
  'snapshot_segments',
  'dependencies',
  'runtimes',
  'images',
  'metrics',
  'findings',
  'snapshot_plugins',
  'code_files',
  'hotspots',
  'coupling',
  'delivery_releases',
  'delivery_activity',
  'people',
  'person_months',
  'person_days',
  'knowledge_files',
  'file_authors',
  'code_owners',
  'ownership',
] as const;

export type BulkTable = (typeof SNAPSHOT_TABLES)[number];

/**
 * Tables that name a snapshot but outlive it: when a snapshot's rows are removed, these keep their rows
 * and lose the snapshot id (`detachRiskEvents` in src/store/risks.ts).
 */
export const SNAPSHOT_REFERENCES = ['risk_events'] as const;
