import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, LINUS, scannedWorkspace } from '../../test/helpers/served-workspace.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { csvField, findingsCsv } from './routes/exports.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

/** A client the trusted proxy (127.0.0.1) reports: the audit trail's "from where". */
const CLIENT = '203.0.113.7';

describe('findings as CSV', () => {
  test('fields are quoted as RFC 4180 says, and what a spreadsheet would run as a formula is defused', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"\nthen')).toBe('"say ""hi""\nthen"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    const csv = findingsCsv([
      {
        area: 'team-knowledge',
        id: 'f1',
        repository: 'api',
        analysis: 'knowledge',
        rule: 'truck-factor',
        severity: 'high',
        subject: 'src',
        title: 'one person',
        detail: null,
        owner: 'Platform',
        action: 'pair',
        evidence: { files: ['a.ts', 'b.ts'], people: ['person-0a1b2c3d'] },
        sql: 'select 1',
      },
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header?.split(',')).toContain('evidence_people');
    expect(row).toBe(
      'team-knowledge,f1,api,high,knowledge,truck-factor,src,one person,,Platform,pair,,a.ts b.ts,,,,person-0a1b2c3d,select 1',
    );
  });
});

describe.each(ENGINES)('exports over the API on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let wsDir: string;
  let target: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    target = freshStoreTarget(engine);
    wsDir = scannedWorkspace(target).ws;
    store = await openStore(target);
    for (const [key, role] of [
      ['member', 'member'],
      ['board', 'board'],
      ['lead', 'lead'],
      ['admin', 'admin'],
    ] as const) {
      const email = `${key}@example.com`;
      await addUser(store, { email, role, password: `a long password for ${key}` });
      tokens[key] = (await createToken(store, { email, name: 't', expiresAt: null })).token;
    }
    app = await buildServer({ store, ws: loadWorkspace(wsDir), trustProxy: '127.0.0.1' });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string, key: string) =>
    fetch(`${base}${url}`, {
      headers: { authorization: `Bearer ${tokens[key]}`, 'x-forwarded-for': CLIENT },
    });

  /** The newest audit row, which must be the export just made. */
  const lastAudit = async () => {
    const row = (await auditRows(store, 1))[0];
    return { ...row, detail: JSON.parse(row?.detail ?? '{}') as Record<string, unknown> };
  };

  test('the SBOM and the VEX documents are the CLI exports, sent as attachments and audited', async () => {
    const res = await get('/api/v1/exports/cyclonedx?repository=api', 'member');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="api.cdx.json"');
    const bom = (await res.json()) as { bomFormat: string; components: { name: string; purl: string }[] };
    const cli = cto(['export', 'cyclonedx', 'api', '--workspace', wsDir, '--db', target]);
    expect(cli.code, cli.stderr).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as typeof bom;
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.map((c) => c.purl).sort()).toEqual(fromCli.components.map((c) => c.purl).sort());
    expect(bom.components.map((c) => c.name).sort()).toEqual(['fastify', 'zod']);
    expect(await lastAudit()).toMatchObject({
      action: 'export',
      actor: 'member@example.com',
      source: CLIENT,
      detail: { format: 'cyclonedx', repository: 'api', rows: 2 },
    });

    const vex = await get('/api/v1/exports/openvex?author=security%40example.com', 'member');
    expect(vex.status).toBe(200);
    expect(vex.headers.get('content-disposition')).toBe('attachment; filename="cto.openvex.json"');
    const openvex = (await vex.json()) as { author: string; statements: unknown[] };
    const cliVex = cto([
      'export',
      'openvex',
      '--author',
      'security@example.com',
      '--workspace',
      wsDir,
      '--db',
      target,
    ]);
    expect(openvex.author).toBe('security@example.com');
    expect(openvex.statements).toEqual((JSON.parse(cliVex.stdout) as typeof openvex).statements);
    expect(await lastAudit()).toMatchObject({
      action: 'export',
      detail: { format: 'openvex', repository: null, rows: openvex.statements.length },
    });

    const cdxVex = await get('/api/v1/exports/cyclonedx-vex?repository=web', 'lead');
    expect(cdxVex.status).toBe(200);
    expect(cdxVex.headers.get('content-disposition')).toBe('attachment; filename="web.vex.cdx.json"');
    expect(((await cdxVex.json()) as { bomFormat: string }).bomFormat).toBe('CycloneDX');
    expect(await lastAudit()).toMatchObject({
      actor: 'lead@example.com',
      detail: { format: 'cyclonedx-vex', repository: 'web' },
    });
  });

  test('an SBOM needs one repository: 400 among several, 404 for an unknown one; nothing audited', async () => {
    const before = (await auditRows(store)).filter((r) => r.action === 'export').length;
    const several = await get('/api/v1/exports/cyclonedx', 'member');
    expect(several.status).toBe(400);
    expect(((await several.json()) as { error: { code: string } }).error.code).toBe('USAGE');
    const unknown = await get('/api/v1/exports/cyclonedx-vex?repository=nope', 'member');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('REPOSITORY_NOT_FOUND');
    expect((await auditRows(store)).filter((r) => r.action === 'export')).toHaveLength(before);
  });

  test('findings.csv has the rows of /api/v1/findings; people pseudonymised for a member, own team by name for a lead', async () => {
    const json = (await (await get('/api/v1/findings?limit=1000', 'member')).json()) as {
      findings: { id: string }[];
      page: { total: number };
    };
    const res = await get('/api/v1/exports/findings.csv', 'member');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="findings.csv"');
    const text = await res.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('area,id,repository,severity,')).toBe(true);
    expect(json.page.total).toBeGreaterThan(0);
    // One line per finding (no field of this workspace holds a line break), in the same order.
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(json.findings.map((f) => f.id));
    for (const who of [ADA.name, ADA.email, LINUS.name, LINUS.email]) expect(text).not.toContain(who);
    expect(await lastAudit()).toMatchObject({
      action: 'export',
      actor: 'member@example.com',
      source: CLIENT,
      detail: { format: 'findings.csv', rows: json.page.total },
    });
    const filtered = await get('/api/v1/exports/findings.csv?repository=web&severity=info', 'member');
    expect(filtered.status).toBe(200);
    const rows = (await filtered.text()).trimEnd().split('\r\n').slice(1);
    for (const r of rows) expect(r.split(',').slice(2, 4)).toEqual(['web', 'info']);
    expect(await lastAudit()).toMatchObject({ detail: { repository: 'web', rows: rows.length } });
    // A lead (Platform: Ada) sees own-team people by name where a finding names them, never the others.
    const lead = await (await get('/api/v1/exports/findings.csv', 'lead')).text();
    expect(lead).not.toContain(LINUS.email);
    expect(lead).not.toContain(LINUS.name);
    // The findings name people by id (truck factor, single-author hotspots): a member gets two
    // pseudonyms and no id; the lead of Platform gets Ada's id as it is and Linus's pseudonym only.
    const pseudonyms = (t: string) => new Set(t.match(/person-[0-9a-f]{8}/g) ?? []);
    const ids = (t: string) => new Set(t.match(/\bp-[0-9a-f]{12}\b/g) ?? []);
    expect([pseudonyms(text).size, ids(text).size]).toEqual([2, 0]);
    expect([pseudonyms(lead).size, ids(lead).size]).toEqual([1, 1]);
    expect(pseudonyms(text)).toContain([...pseudonyms(lead)][0]);
  });

  test('report.html is the page cto report writes, for the board with people pseudonymised', async () => {
    const res = await get('/api/v1/exports/report.html?today=2026-06-30', 'board');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="cto-report-2026-06-30.html"');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('people replaced by pseudonyms');
    for (const who of [ADA.name, ADA.email, LINUS.name, LINUS.email]) expect(html).not.toContain(who);
    expect(await lastAudit()).toMatchObject({
      action: 'export',
      actor: 'board@example.com',
      source: CLIENT,
      detail: { format: 'report.html', repository: null },
    });
  });

  test('who may export: the findings and SBOMs need portfolio:read, the report summary:read', async () => {
    const status = async (url: string, key: string) => {
      const res = await get(url, key);
      await res.arrayBuffer();
      return res.status;
    };
    expect(await status('/api/v1/exports/findings.csv', 'board')).toBe(403);
    expect(await status('/api/v1/exports/cyclonedx?repository=api', 'board')).toBe(403);
    expect(await status('/api/v1/exports/report.html', 'admin')).toBe(403);
    const denied = (await auditRows(store, 1))[0];
    expect(denied?.action).toBe('access.denied');
    const anonymous = await fetch(`${base}/api/v1/exports/report.html`);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
  });
});
