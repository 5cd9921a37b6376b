import { describe, expect, it } from 'vitest';
import { parseImageRef, redactImageRef } from './image-ref.ts';

describe('redactImageRef', () => {
  it('drops a scheme and the credentials before the registry', () => {
    expect(redactImageRef('https://u:tok@registry.example.com/team/app:1.0')).toBe(
      'registry.example.com/team/app:1.0',
    );
    expect(redactImageRef('u:tok@registry/team/app:1.0')).toBe('registry/team/app:1.0');
    expect(redactImageRef('tok@registry:5000/app@sha256:abc')).toBe('registry:5000/app@sha256:abc');
    expect(redactImageRef('u:tok@registry')).toBe('registry');
    expect(redactImageRef('registry.example.com/app:1?access_token=tok&x=1')).toBe(
      'registry.example.com/app:1?x=1',
    );
  });

  it('leaves references without credentials as written', () => {
    for (const ref of [
      'nginx',
      'nginx:1.25@sha256:abc',
      'nginx@sha256:abc',
      'localhost:5000/app:1.0',
      'ghcr.io/org/app@sha256:0123',
    ]) {
      expect(redactImageRef(ref)).toBe(ref);
    }
  });
});

describe('parseImageRef', () => {
  it('never puts credentials in the name or the tag', () => {
    expect(parseImageRef('https://u:tok@registry.example.com/team/app:1.0')).toEqual({
      name: 'registry.example.com/team/app',
      version: '1.0',
    });
    expect(parseImageRef('u:tok@registry/app:2@sha256:abc')).toEqual({
      name: 'registry/app',
      version: '2@sha256:abc',
    });
  });
});
