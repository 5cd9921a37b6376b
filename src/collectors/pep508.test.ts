import { describe, expect, it } from 'vitest';
import { normalisePypiName, parsePep508 } from './pep508.ts';

describe('PEP 508 and PEP 503', () => {
  it('normalises names', () => {
    expect(normalisePypiName('Django_REST.framework')).toBe('django-rest-framework');
    expect(normalisePypiName('zope..interface')).toBe('zope-interface');
  });

  it('parses specifiers, extras, markers and pins', () => {
    expect(parsePep508('requests[security, socks] >=2.31,<3 ; python_version >= "3.8"')).toEqual({
      name: 'requests',
      extras: ['security', 'socks'],
      specifier: '>=2.31,<3',
      pinned: null,
      url: null,
      marker: 'python_version >= "3.8"',
    });
    expect(parsePep508('Flask==3.0.3')).toMatchObject({ name: 'flask', pinned: '3.0.3' });
    expect(parsePep508('numpy (>=1.26)')).toMatchObject({ specifier: '>=1.26', pinned: null });
    expect(parsePep508('attrs==23.*')).toMatchObject({ pinned: null, specifier: '==23.*' });
    expect(parsePep508('uvicorn')).toMatchObject({ specifier: null, pinned: null });
  });

  it('reads direct URL references without their credentials', () => {
    expect(
      parsePep508(
        'acme-sdk @ git+https://ci:tok3n@git.example.com/acme/sdk.git@v1.2 ; sys_platform == "linux"',
      ),
    ).toMatchObject({
      name: 'acme-sdk',
      url: 'git+https://git.example.com/acme/sdk.git@v1.2',
      marker: 'sys_platform == "linux"',
    });
  });

  it('rejects text that is not a requirement', () => {
    expect(parsePep508('-r base.txt')).toBeNull();
    expect(parsePep508('./local/path')).toBeNull();
    expect(parsePep508('name garbage')).toBeNull();
  });
});
