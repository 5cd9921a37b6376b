// The risk register as a user meets it, on both engines: a repository whose lockfile pins form-data
// and ms, two local OSV records; an upgrade commit closes the form-data risk, a revert reopens it;
// risks.yaml accepts it until a date and marks ms not affected; SLAs, VEX exports and errors.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays } from '../../src/risk/register.ts';
import { openVexSchema } from '../fixtures/risk/openvex-schema.ts';
import { cto } from '../helpers/cli.ts';
import { cyclonedxValidator, schemaValidator } from '../helpers/json-schema.ts';
import { addCommits, buildRepo, cleanupTemp, git, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

/** Each test runs `cto` a few times; a loaded machine makes that slow. */
const TIMEOUT = 300_000;

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const lock = (formData: string) =>
  JSON.stringify(
    {
      name: 'shop',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'shop', version: '1.0.0', dependencies: { 'form-data': '^4.0.0', ms: '2.0.0' } },
        'node_modules/form-data': { version: formData },
        'node_modules/ms': { version: '2.0.0' },
      },
    },
    null,
    2,
  );

/** Two advisories written for the test (not copied from any database). */
const RECORDS = [
  {
    id: 'GHSA-ffff-0000-0001',
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    aliases: ['CVE-2099-7783'],
    summary: 'Predictable boundaries in form-data',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'form-data' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.0.4' }] }],
      },
    ],
    database_specific: { severity: 'CRITICAL' },
  },
  {
    id: 'GHSA-ffff-0000-0002',
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    aliases: [],
    summary: 'Slow parsing in ms',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'ms' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.1.3' }] }],
      },
    ],
    database_specific: { severity: 'MODERATE' },
  },
];

interface Risk {
  key: string;
  subject: string;
  status: string;
  severity: string;
  firstSeen: string;
  slaDue: string | null;
  overdueDays: number | null;
}

let root = '';
let feed = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'repos', 'shop'), [
    { message: 'Start', files: { 'package.json': '{"name":"shop"}', 'package-lock.json': lock('4.0.0') } },
  ]);
  feed = join(root, 'osv', 'npm');
  mkdirSync(feed, { recursive: true });
  for (const r of RECORDS) writeFileSync(join(feed, `${r.id}.json`), JSON.stringify(r));
});

describe.each(ENGINES)('the risk register on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const repo = () => join(root, 'repos', 'shop');
  let ws = '';
  const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);
  const json = (...args: string[]) => exported(...args, '--json');
  const exported = (...args: string[]) => {
    const r = run(...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };
  const sql = (query: string) => json('sql', query).rows as Array<Record<string, unknown>>;
  const formData = (risks: Risk[]) => risks.find((r) => r.subject === 'npm/form-data');
  let firstDay = '';

  beforeAll(() => {
    ws = tempDir();
  });

  test(
    'a loaded feed opens risks; an upgrade commit closes one, a revert reopens it under the same key',
    () => {
      expect(run('scan', repo()).code).toBe(0);
      expect(Number(sql('select count(*) as n from risks')[0]?.n)).toBe(0);
      // No feed yet: an empty register says it could not see, before anything else.
      const unseen = json('risks');
      expect(unseen.risks).toEqual([]);
      expect(unseen.notChecked).toEqual(['Vulnerabilities not checked: none of 2 package versions (shop).']);
      expect(run('risks').stdout.split('\n').slice(0, 3)).toEqual([
        'Vulnerabilities not checked: none of 2 package versions (shop).',
        'cto vulns and cto eol say what is missing and how to load it.',
        'No open risks in the register among what was checked.',
      ]);
      expect(run('feed', 'import', feed).code).toBe(0);
      // The import brought the register up to date without `cto risks`.
      expect(sql("select status from risks where subject = 'npm/form-data'")).toEqual([{ status: 'open' }]);
      const checked = json('risks');
      expect(checked.notChecked).toEqual([]);
      const risks: Risk[] = checked.risks;
      expect(risks.map((r) => [r.subject, r.severity, r.status])).toEqual([
        ['npm/form-data', 'critical', 'open'],
        ['npm/ms', 'medium', 'open'],
      ]);
      const fd = formData(risks) as Risk;
      firstDay = fd.firstSeen.slice(0, 10);
      expect(fd.slaDue).toBe(addDays(firstDay, 7));

      addCommits(repo(), [{ message: 'Upgrade form-data', files: { 'package-lock.json': lock('4.0.4') } }]);
      const upgrade = git(repo(), ['rev-parse', 'HEAD']).trim();
      expect(run('scan', repo()).code).toBe(0);
      // The scan closed it: read the table, not `cto risks` (which would sync again).
      expect(sql(`select status, closed_at from risks where key = '${fd.key}'`)[0]).toMatchObject({
        status: 'closed',
        closed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(json('risks').risks.map((r: Risk) => r.subject)).toEqual(['npm/ms']);

      addCommits(repo(), [
        { message: 'Revert "Upgrade form-data"', files: { 'package-lock.json': lock('4.0.0') } },
      ]);
      const revert = git(repo(), ['rev-parse', 'HEAD']).trim();
      expect(run('scan', repo()).code).toBe(0);
      const back = sql(`select status, closed_at, first_seen_at from risks where key = '${fd.key}'`)[0];
      expect(back).toEqual({ status: 'open', closed_at: null, first_seen_at: fd.firstSeen });
      const events = sql(
        `select event, commit_sha from risk_events where risk_key = '${fd.key}' order by id`,
      );
      expect(events.map((e) => e.event)).toEqual(['opened', 'closed', 'reopened']);
      expect(events.slice(1).map((e) => e.commit_sha)).toEqual([upgrade, revert]);
    },
    TIMEOUT,
  );

  test(
    'an open risk past its SLA is first, as a risk-overdue finding',
    () => {
      const today = addDays(firstDay, 8);
      const doc = json('risks', '--today', today);
      expect(doc.findings).toEqual([
        expect.objectContaining({
          rule: 'risk-overdue',
          severity: 'critical',
          subject: formData(doc.risks)?.key,
        }),
      ]);
      expect(formData(doc.risks)?.overdueDays).toBe(1);
      const text = run('risks', '--today', today).stdout.split('\n');
      expect(text[1]).toContain('npm/form-data');
      expect(text[1]).toContain('overdue 1d');
    },
    TIMEOUT,
  );

  test(
    'an acceptance holds until its expiry date, then the risk reopens; not affected stays decided',
    () => {
      const expires = addDays(firstDay, 30);
      writeFileSync(
        join(ws, 'risks.yaml'),
        [
          'risks:',
          '  - advisory: CVE-2099-7783',
          '    repository: shop',
          `    accept: { reason: only the test server posts forms, owner: Web, expires: ${expires} }`,
          '  - advisory: GHSA-ffff-0000-0002',
          '    not-affected:',
          '      justification: vulnerable_code_not_in_execute_path',
          '      detail: durations are never parsed from input',
          '',
        ].join('\n'),
      );
      expect(json('risks', '--today', expires).risks).toEqual([]);
      const all: Risk[] = json('risks', '--today', expires, '--status', 'all').risks;
      expect(all.map((r) => [r.subject, r.status])).toEqual([
        ['npm/form-data', 'accepted'],
        ['npm/ms', 'not-affected'],
      ]);
      const after: Risk[] = json('risks', '--today', addDays(expires, 1)).risks;
      expect(after.map((r) => [r.subject, r.status])).toEqual([['npm/form-data', 'open']]);
      const events = sql(
        `select event, at from risk_events where risk_key = '${formData(all)?.key}' and event in ('accepted', 'expired') order by id`,
      );
      expect(events).toEqual([
        { event: 'accepted', at: `${expires}T00:00:00.000Z` },
        { event: 'expired', at: `${addDays(expires, 1)}T00:00:00.000Z` },
      ]);
    },
    TIMEOUT,
  );

  test(
    'not affected is in the OpenVEX document, the CycloneDX SBOM and the CycloneDX VEX, each valid',
    () => {
      const openvex = exported('export', 'openvex');
      const validOpenVex = schemaValidator(openVexSchema);
      expect(validOpenVex(openvex), JSON.stringify(validOpenVex.errors)).toBe(true);
      const ms = openvex.statements.find(
        (s: { vulnerability: { name: string } }) => s.vulnerability.name === 'GHSA-ffff-0000-0002',
      );
      expect(ms).toMatchObject({
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        status_notes: 'durations are never parsed from input',
        products: [{ subcomponents: [{ '@id': 'pkg:npm/ms@2.0.0' }] }],
      });
      const validBom = cyclonedxValidator();
      const bom = exported('export', 'cyclonedx', 'shop');
      expect(validBom(bom), JSON.stringify(validBom.errors)).toBe(true);
      const vuln = bom.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-ffff-0000-0002');
      expect(vuln.analysis).toMatchObject({ state: 'not_affected', justification: 'code_not_reachable' });
      expect(vuln.affects).toEqual([{ ref: 'pkg:npm/ms@2.0.0' }]);
      const vex = exported('export', 'cyclonedx-vex', 'shop');
      expect(validBom(vex), JSON.stringify(validBom.errors)).toBe(true);
      const link = `urn:cdx:${bom.serialNumber.slice('urn:uuid:'.length)}/1#${encodeURIComponent('pkg:npm/ms@2.0.0')}`;
      expect(vex.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-ffff-0000-0002').affects).toEqual(
        [{ ref: link }],
      );
    },
    TIMEOUT,
  );

  test(
    'time to remediate from the history; a misspelt key in risks.yaml is an exit-2 error naming its line',
    () => {
      const stats = json('risks', '--stats');
      expect(stats.schema).toBe('cto.risk-stats/v1');
      expect(stats.byRepository.map((g: { name: string }) => g.name)).toEqual(['shop']);
      writeFileSync(
        join(ws, 'risks.yaml'),
        'risks:\n  - advisory: GHSA-ffff-0000-0002\n    false-positive:\n      reson: not used\n',
      );
      const r = run('risks');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'risks.yaml:4: risks.0.false-positive.reson: unknown key (did you mean "reason"?)',
      );
    },
    TIMEOUT,
  );
});
