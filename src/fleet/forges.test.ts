import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ForgeServer, startForgeServer } from '../../test/fixtures/fleet/forge-server.ts';
import { listGithub, listGitlab } from './forges.ts';

let forge: ForgeServer;
beforeAll(async () => {
  forge = await startForgeServer({ remotes: 'https://github.com/acme', token: 'tok-123' });
});
afterAll(() => forge.close());

const env = { ACME_TOKEN: 'tok-123' };

describe('GitHub organisation listing', () => {
  it('reads every page, sends the token from the named variable, leaves archived repositories and forks out by default', async () => {
    forge.requests.length = 0;
    const repos = await listGithub({ github: 'acme', api: forge.url, token: 'ACME_TOKEN' }, { env });
    expect(repos.map((r) => r.fullName)).toEqual(['acme/api', 'acme/web', 'acme/web-sandbox']);
    expect(repos[0]).toEqual({
      name: 'api',
      fullName: 'acme/api',
      url: 'https://github.com/acme/api.git',
      archived: false,
      fork: false,
      defaultBranch: 'main',
    });
    expect(forge.requests.map((r) => r.path)).toEqual([
      '/orgs/acme/repos?per_page=100&type=all',
      '/orgs/acme/repos?per_page=100&type=all&page=2',
    ]);
    expect(forge.requests.every((r) => r.headers.authorization === 'Bearer tok-123')).toBe(true);
  });

  it('archived, forks, include and exclude as the source says', async () => {
    const all = await listGithub(
      {
        github: 'acme',
        api: forge.url,
        token: 'ACME_TOKEN',
        archived: true,
        forks: true,
        exclude: ['*-sandbox'],
      },
      { env },
    );
    expect(all.map((r) => r.name)).toEqual(['api', 'express', 'legacy-billing', 'web']);
    const only = await listGithub(
      { github: 'acme', api: forge.url, token: 'ACME_TOKEN', include: ['WEB*'] },
      { env },
    );
    expect(only.map((r) => r.name)).toEqual(['web', 'web-sandbox']);
  });

  it('waits out a short rate limit, gives up on a long one with FORGE_RATE_LIMITED', async () => {
    const waits: number[] = [];
    forge.rateLimit(1, 2);
    const repos = await listGithub(
      { github: 'acme', api: forge.url, token: 'ACME_TOKEN' },
      { env, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([2000]);
    expect(repos).toHaveLength(3);
    forge.rateLimit(1, 3600);
    await expect(
      listGithub({ github: 'acme', api: forge.url, token: 'ACME_TOKEN' }, { env, sleep: async () => {} }),
    ).rejects.toMatchObject({ code: 'FORGE_RATE_LIMITED' });
    forge.rateLimit(0, 0);
  });

  it('a wrong token, an unknown organisation and a missing variable are errors that say so', async () => {
    await expect(
      listGithub({ github: 'acme', api: forge.url, token: 'ACME_TOKEN' }, { env: { ACME_TOKEN: 'wrong' } }),
    ).rejects.toThrow(/401.*Bad credentials/);
    await expect(
      listGithub({ github: 'nobody', api: forge.url, token: 'ACME_TOKEN' }, { env }),
    ).rejects.toMatchObject({
      code: 'FORGE_FAILED',
    });
    await expect(
      listGithub({ github: 'acme', api: forge.url, token: 'MISSING_VAR' }, { env }),
    ).rejects.toThrow(/MISSING_VAR is not set/);
  });
});

describe('GitLab group listing', () => {
  it('follows x-next-page through subgroups, sends PRIVATE-TOKEN, leaves archived projects and forks out', async () => {
    forge.requests.length = 0;
    const repos = await listGitlab({ gitlab: 'platform', api: forge.url, token: 'ACME_TOKEN' }, { env });
    expect(repos.map((r) => [r.fullName, r.name, r.url])).toEqual([
      ['platform/deploy-tools', 'deploy-tools', 'https://gitlab.example.com/platform/deploy-tools.git'],
      ['platform/infra/charts', 'charts', 'https://gitlab.example.com/platform/infra/charts.git'],
    ]);
    expect(forge.requests).toHaveLength(2);
    expect(forge.requests[0]!.path).toContain('include_subgroups=true');
    expect(forge.requests[1]!.path).toContain('page=2');
    expect(forge.requests.every((r) => r.headers['private-token'] === 'tok-123')).toBe(true);
    const all = await listGitlab(
      { gitlab: 'platform', api: forge.url, token: 'ACME_TOKEN', archived: true, forks: true },
      { env },
    );
    expect(all.filter((r) => r.archived || r.fork).map((r) => r.name)).toEqual(['terraform-aws', 'kaniko']);
  });
});

describe('a forge answer is bounded', () => {
  it('a page larger than 16 MiB stops the source instead of filling memory; a page that is not JSON says so', async () => {
    const huge = async () => new Response(`[${'"x",'.repeat(5_000_000)}"x"]`);
    await expect(listGithub({ github: 'acme', api: 'https://forge.test' }, { fetch: huge })).rejects.toThrow(
      /more than 16 MiB for one page/,
    );
    const html = async () => new Response('<html>login</html>');
    await expect(listGithub({ github: 'acme', api: 'https://forge.test' }, { fetch: html })).rejects.toThrow(
      /did not answer JSON/,
    );
  });
});
