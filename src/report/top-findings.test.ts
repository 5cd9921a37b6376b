import { describe, expect, it } from 'vitest';
import { topFindings } from './top-findings.ts';
import type { ReportFinding } from './types.ts';

const finding = (
  id: string,
  repository: string,
  severity: ReportFinding['severity'],
  rule = id,
): ReportFinding => ({
  id,
  repository,
  analysis: 'a',
  rule,
  severity,
  subject: 's',
  title: `title of ${rule}`,
  detail: null,
  owner: 'unassigned',
  action: 'act',
  evidence: {},
  sql: 'select 1',
});

describe('findings that matter', () => {
  it('shows the same finding of several repositories once, as its highest-scored member', () => {
    const top = topFindings(
      [finding('a1', 'axios', 'high', 'same'), finding('e1', 'express', 'high', 'same')],
      new Map([
        ['a1', 2],
        ['e1', 5],
      ]),
    );
    expect(top).toEqual([{ id: 'e1', score: 5, repositories: ['axios', 'express'] }]);
  });

  it('ranks by risk score where there is one, then by severity, and keeps five', () => {
    const list = [
      finding('low-scored', 'r', 'low'),
      finding('critical-unscored', 'r', 'critical'),
      finding('medium-unscored', 'r', 'medium'),
      finding('high-scored', 'r', 'high'),
      finding('info', 'r', 'info'),
      finding('high-unscored', 'r', 'high'),
    ];
    const scores = new Map([
      ['low-scored', 9],
      ['high-scored', 3],
    ]);
    expect(topFindings(list, scores).map((t) => t.id)).toEqual([
      'low-scored',
      'high-scored',
      'critical-unscored',
      'high-unscored',
      'medium-unscored',
    ]);
  });
});
