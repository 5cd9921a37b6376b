// How a scan's outcome settles its job: done, retried later, or dead-lettered at once.
import { describe, expect, test } from 'vitest';
import { failedOutcome, type RepoOutcome } from '../scan/scan.ts';
import { verdict } from './worker.ts';

function outcome(status: RepoOutcome['status'], code?: string): RepoOutcome {
  return { ...failedOutcome('r', '/r', null, code ? { code, message: code } : null), status };
}

describe('verdict', () => {
  test('a scan that ran, or found nothing new, completes its job', () => {
    expect(verdict(outcome('ok'))).toBe('completed');
    expect(verdict(outcome('partial'))).toBe('completed');
    expect(verdict(outcome('unchanged'))).toBe('completed');
  });

  test('a repository locked by another scan, or a failure that may pass, is retried', () => {
    expect(verdict(outcome('skipped', 'SCAN_IN_PROGRESS'))).toBe('failed');
    expect(verdict(outcome('failed', 'GIT_BUDGET_EXCEEDED'))).toBe('failed');
    expect(verdict(outcome('failed', 'DB_QUERY'))).toBe('failed');
  });

  test('a failure the same job would meet again goes to the dead-letter queue at once', () => {
    for (const code of ['PATH_NOT_FOUND', 'NOT_A_REPOSITORY', 'EMPTY_REPOSITORY', 'BAD_REVISION'])
      expect(verdict(outcome('failed', code))).toBe('deadletter');
  });
});
