// Small OSV records of real-world shape, written for the tests (not copied from any database).
export const pysecRecord = {
  schema_version: '1.6.0',
  id: 'PYSEC-2099-1',
  modified: '2099-01-02T00:00:00Z',
  published: '2099-01-01T00:00:00Z',
  aliases: ['CVE-2099-0001', 'GHSA-aaaa-bbbb-cccc'],
  details: 'Path traversal in the example upload handler.',
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'Example_Upload.Lib', purl: 'pkg:pypi/example-upload-lib' },
      ranges: [
        {
          type: 'GIT',
          repo: 'https://git.example/upload',
          events: [{ introduced: '0' }, { fixed: 'abc123' }],
        },
        {
          type: 'ECOSYSTEM',
          events: [{ introduced: '0' }, { fixed: '1.4.2' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }],
        },
      ],
      versions: ['1.0', '1.4.1', '2.0.0'],
    },
  ],
  extra_field_from_the_future: { anything: true },
};

export const ghsaRecord = {
  id: 'GHSA-aaaa-bbbb-cccc',
  modified: '2099-01-03T00:00:00Z',
  published: '2099-01-01T00:00:00Z',
  aliases: ['CVE-2099-0001'],
  summary: 'Path traversal in example-upload-lib',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'example-upload-lib' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.4.3' }] }],
    },
  ],
  database_specific: { severity: 'CRITICAL', github_reviewed: true },
};

export const goRecord = {
  id: 'GO-2099-0002',
  modified: '2099-02-01T00:00:00Z',
  aliases: [],
  summary: 'Denial of service in example.com/Parser',
  affected: [
    {
      package: { ecosystem: 'Go', name: 'example.com/Parser' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.3.0' }] },
        { type: 'SEMVER', events: [{ introduced: '1.2.0' }, { last_affected: '1.2.5' }] },
        { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { limit: '2.1.0' }] },
      ],
    },
  ],
  database_specific: { severity: 'MODERATE' },
};

export const withdrawnRecord = {
  id: 'GHSA-wwww-wwww-wwww',
  modified: '2099-03-01T00:00:00Z',
  withdrawn: '2099-03-01T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'left-pad-x' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
    },
  ],
};

export const mavenRecord = {
  id: 'GHSA-mmmm-mmmm-mmmm',
  modified: '2099-04-01T00:00:00Z',
  aliases: ['CVE-2099-0009'],
  severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }],
  affected: [
    {
      package: { ecosystem: 'Maven', name: 'org.example:core' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.15.0' }] }],
    },
  ],
};
