// The CLI's exports over the API (docs/server.md#exports): `cto export cyclonedx|openvex|cyclonedx-vex`,
// the findings of /api/v1/findings as CSV and the report's HTML as `cto report` writes it. Each is sent
// as an attachment, with people the caller may not see pseudonymised as in every document, and each is
// written to the audit trail (`export`: what, which repository, how many rows; who, when, from where).
import { z } from 'zod';
import { cyclonedxExport, cyclonedxVexExport, oneRepository, openVexExport } from '../../cli/export.ts';
import { referenceDay } from '../../reference-date.ts';
import { renderHtml } from '../../report/render-html.ts';
import type { EvidenceRef, ReportFinding } from '../../report/types.ts';
import { REPORT_AREAS } from '../../results.ts';
import { currentRepositories } from '../../store/deps.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import { registerRows } from '../../store/risks.ts';
import { audit } from '../auth.ts';
import { findingsDocument, reportOf } from './report.ts';
import { type ApiRoute, DAY, REPOSITORY, type RouteContext, str } from './route.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

const JSON_TYPE = 'application/json; charset=utf-8';
const CYCLONEDX_TYPE = 'application/vnd.cyclonedx+json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

/** Send `body` as a download named `file`, after the audit row that says who took what. */
async function attachment(
  ctx: RouteContext,
  out: { format: string; file: string; type: string; body: string; repository: string | null; rows: number },
) {
  await audit(ctx.store, ctx.request, ctx.caller.email, 'export', {
    format: out.format,
    repository: out.repository,
    rows: out.rows,
    role: ctx.user.role,
    query: ctx.query,
  });
  ctx.reply
    .code(200)
    .type(out.type)
    .header('content-disposition', `attachment; filename="${out.file.replace(/[^\w.-]/g, '_')}"`)
    .send(out.body);
  return undefined;
}

const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** The one repository an SBOM or a CycloneDX VEX is about (404 for an unknown name, 400 when not named among several). */
async function repositoryOf(ctx: RouteContext) {
  const named = await resolveRepositoryName(ctx.store, str(ctx.query, 'repository'));
  return oneRepository(ctx.store, named);
}

/** One CSV field (RFC 4180), with a leading quote before what a spreadsheet would run as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV columns of a finding: the fields of /api/v1/findings, evidence lists joined by spaces. */
const FINDING_COLUMNS = [
  'area',
  'id',
  'repository',
  'severity',
  'analysis',
  'rule',
  'subject',
  'title',
  'detail',
  'owner',
  'action',
  'exposure',
  'evidence_files',
  'evidence_packages',
  'evidence_advisories',
  'evidence_commits',
  'evidence_people',
  'sql',
] as const;

type FindingRow = ReportFinding & { area: string };

export function findingsCsv(findings: readonly FindingRow[]): string {
  const lines = [FINDING_COLUMNS.join(',')];
  for (const f of findings) {
    const cells = FINDING_COLUMNS.map((c) =>
      c.startsWith('evidence_')
        ? (f.evidence[c.slice('evidence_'.length) as keyof EvidenceRef] ?? []).join(' ')
        : f[c as Exclude<(typeof FINDING_COLUMNS)[number], `evidence_${string}`>],
    );
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const EXPORT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/exports/cyclonedx',
    permission: 'portfolio:read',
    summary:
      "One repository's packages as a CycloneDX 1.6 JSON SBOM with its open vulnerabilities (as `cto export cyclonedx`), as an attachment; audited.",
    schema: 'CycloneDX 1.6 JSON',
    query: z.object({ repository: REPOSITORY }),
    raw: true,
    download: CYCLONEDX_TYPE,
    handler: async (ctx) => {
      const r = await repositoryOf(ctx);
      const out = await cyclonedxExport(ctx.store, r, await registerRows(ctx.store, [r.name]));
      return attachment(ctx, {
        format: 'cyclonedx',
        file: `${r.name}.cdx.json`,
        type: CYCLONEDX_TYPE,
        body: json(await ctx.people.mask(out.doc)),
        repository: r.name,
        rows: out.components,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/exports/openvex',
    permission: 'portfolio:read',
    summary:
      "The risk register's vulnerability decisions as an OpenVEX 0.2.0 document (as `cto export openvex`), of one repository or all, as an attachment; audited.",
    schema: 'OpenVEX 0.2.0',
    query: z.object({ repository: REPOSITORY, author: z.string().min(1).max(200).default('cto') }),
    raw: true,
    download: JSON_TYPE,
    handler: async (ctx) => {
      const named = await resolveRepositoryName(ctx.store, str(ctx.query, 'repository'));
      const repos = await currentRepositories(ctx.store, named);
      const rows = await registerRows(ctx.store, named === undefined ? undefined : [named]);
      const doc = openVexExport(repos, rows, str(ctx.query, 'author') ?? 'cto');
      return attachment(ctx, {
        format: 'openvex',
        file: `${named ?? 'cto'}.openvex.json`,
        type: JSON_TYPE,
        body: json(await ctx.people.mask(doc)),
        repository: named ?? null,
        rows: (doc.statements as unknown[]).length,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/exports/cyclonedx-vex',
    permission: 'portfolio:read',
    summary:
      "One repository's vulnerability decisions as a CycloneDX 1.6 VEX document (as `cto export cyclonedx-vex`), as an attachment; audited.",
    schema: 'CycloneDX 1.6 VEX JSON',
    query: z.object({ repository: REPOSITORY }),
    raw: true,
    download: CYCLONEDX_TYPE,
    handler: async (ctx) => {
      const r = await repositoryOf(ctx);
      const doc = cyclonedxVexExport(r, await registerRows(ctx.store, [r.name]));
      return attachment(ctx, {
        format: 'cyclonedx-vex',
        file: `${r.name}.vex.cdx.json`,
        type: CYCLONEDX_TYPE,
        body: json(await ctx.people.mask(doc)),
        repository: r.name,
        rows: (doc.vulnerabilities as unknown[]).length,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/exports/findings.csv',
    permission: 'portfolio:read',
    summary:
      'The findings of /api/v1/findings (same filters, every row, no paging) as CSV, people pseudonymised unless the caller may see them; an attachment; audited.',
    schema: 'CSV (RFC 4180), one row per finding',
    query: z.object({
      area: z.enum(REPORT_AREAS).optional(),
      repository: REPOSITORY,
      severity: z.enum(SEVERITIES).optional(),
      today: DAY.optional(),
    }),
    raw: true,
    download: CSV_TYPE,
    handler: async (ctx) => {
      const q = ctx.query;
      const doc = await ctx.people.mask(
        await findingsDocument(ctx.store, ctx.ws, {
          today: str(q, 'today'),
          area: str(q, 'area'),
          repository: str(q, 'repository'),
          severity: str(q, 'severity'),
        }),
      );
      return attachment(ctx, {
        format: 'findings.csv',
        file: 'findings.csv',
        type: CSV_TYPE,
        body: findingsCsv(doc.findings),
        repository: (await resolveRepositoryName(ctx.store, str(q, 'repository'))) ?? null,
        rows: doc.findings.length,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/exports/report.html',
    permission: 'summary:read',
    summary:
      "The report's HTML page as `cto report` writes it (index.html, charts inline), people pseudonymised unless the caller may see them; an attachment; audited.",
    schema: 'the report page, HTML',
    query: z.object({ today: DAY.optional(), team: z.string().min(1).optional() }),
    raw: true,
    download: HTML_TYPE,
    handler: async (ctx) => {
      const today = str(ctx.query, 'today');
      const team = str(ctx.query, 'team');
      const day = referenceDay(today);
      // The model the report routes keep (src/server/model-cache.ts); masking copies it.
      const model = await reportOf(ctx.store, ctx.ws, {
        today,
        team,
        // A lead sees own-team names: the others are masked like in any document.
        anonymize: ctx.people.teams.length === 0,
      });
      const shown = await ctx.people.mask(model);
      return attachment(ctx, {
        format: 'report.html',
        file: `cto-report-${day}.html`,
        type: HTML_TYPE,
        body: renderHtml(shown),
        repository: null,
        rows: shown.sections.reduce((n, s) => n + s.findings.length, 0),
      });
    },
  },
];
