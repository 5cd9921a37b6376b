import { expect, test } from 'vitest';
import { statusOf } from './find.ts';
import { purlOf } from './purl.ts';

test('status: past eol, within the window, supported, unknown', () => {
  expect(statusOf(true, -3, '2024-01-01', 6)).toBe('past-eol');
  expect(statusOf(true, null, true, 6)).toBe('past-eol');
  expect(statusOf(false, 6, '2026-07-01', 6)).toBe('within-window');
  expect(statusOf(false, 6.1, '2026-07-04', 6)).toBe('supported');
  expect(statusOf(false, null, false, 6)).toBe('supported');
  expect(statusOf(false, null, null, 6)).toBe('unknown');
});

test('package URLs as endoflife.date identifiers write them', () => {
  expect(purlOf('npm', '@angular/core')).toBe('pkg:npm/%40angular/core');
  expect(purlOf('Maven', 'org.springframework.boot:spring-boot')).toBe(
    'pkg:maven/org.springframework.boot/spring-boot',
  );
  expect(purlOf('PyPI', 'Django')).toBe('pkg:pypi/django');
  expect(purlOf('RubyGems', 'rails')).toBe('pkg:gem/rails');
  expect(purlOf('Hex', 'phoenix')).toBeNull();
});
