import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('removes user and password from the authority', () => {
    expect(redactUrl('https://user:s3cret@registry.example.com/pkg/-/pkg-1.0.0.tgz')).toBe(
      'https://registry.example.com/pkg/-/pkg-1.0.0.tgz',
    );
  });

  it('removes a token used as the user name', () => {
    expect(redactUrl('git+https://ghp_abc123@github.com/org/repo.git#v1.2.0')).toBe(
      'git+https://github.com/org/repo.git#v1.2.0',
    );
  });

  it('keeps the conventional git user of ssh URLs', () => {
    expect(redactUrl('git+ssh://git@github.com/org/repo.git#main')).toBe(
      'git+ssh://git@github.com/org/repo.git#main',
    );
    expect(redactUrl('git@github.com:org/repo.git')).toBe('git@github.com:org/repo.git');
  });

  it('removes secret-looking query parameters and keeps the others', () => {
    expect(redactUrl('https://h.example/p.tgz?token=abc&v=2')).toBe('https://h.example/p.tgz?v=2');
    expect(redactUrl('https://h.example/p?access_token=a&Signature=b&X-Amz-Credential=c&api-key=d')).toBe(
      'https://h.example/p',
    );
    expect(redactUrl('https://h.example/p?sig=a&password=b&auth=c&key=d&secret=e#sha256=ff')).toBe(
      'https://h.example/p#sha256=ff',
    );
  });

  it('reads camelCase parameter names word by word', () => {
    expect(redactUrl('https://h.example/p.tgz?_authToken=abc&apiKey=d&v=2')).toBe(
      'https://h.example/p.tgz?v=2',
    );
  });

  it('does not treat words that merely contain a secret word as secrets', () => {
    expect(redactUrl('https://h.example/p?keyword=x&monkey=y')).toBe(
      'https://h.example/p?keyword=x&monkey=y',
    );
  });

  it('removes userinfo from scheme-less strings and leaves paths with @ alone', () => {
    expect(redactUrl('user:pw@host.example/simple')).toBe('host.example/simple');
    expect(redactUrl('file:../packages/@scope/lib')).toBe('file:../packages/@scope/lib');
    expect(redactUrl('./vendor/pkg@1.0.0.tgz')).toBe('./vendor/pkg@1.0.0.tgz');
  });

  it('leaves clean URLs unchanged', () => {
    for (const url of [
      'https://pypi.org/simple',
      'https://registry.npmjs.org/a/-/a-1.0.0.tgz',
      'npm:other@^1',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
