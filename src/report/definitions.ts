// The appendix of definitions: docs/report.md, docs/metrics.md and docs/metrics/*.md as shipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Definition } from './types.ts';

const DOCS = resolve(import.meta.dirname, '../../docs');

export function loadDefinitions(docsDir = DOCS): Definition[] {
  const files = ['report.md', 'metrics.md'];
  const area = join(docsDir, 'metrics');
  if (existsSync(area))
    files.push(
      ...readdirSync(area)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `metrics/${f}`),
    );
  const out: Definition[] = [];
  for (const f of files) {
    const path = join(docsDir, f);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? f;
    out.push({ title, source: `docs/${f}`, text });
  }
  return out;
}

/** Stored metrics by id, named in words for readers (docs/metrics.md defines each). */
const METRIC_NAMES: Record<string, string> = {
  'active-contributors-365d': 'contributors active in the last 365 days',
  'active-contributors-90d': 'contributors active in the last 90 days',
  'active-key-people': 'key people still active',
  'change-failure-rate': 'change failure proxy (all releases)',
  'change-failure-rate-365d': 'change failure proxy (365 days)',
  'code-lines': 'code size',
  contributors: 'contributors',
  'deployment-frequency': 'deployment frequency (DORA bucket)',
  'deployments-window': 'deployments in the window',
  'eol-runway': 'end-of-life runway',
  'hotspot-score': 'hotspot score',
  'ignored-tags': 'tags not counted as releases',
  'language-code-lines': 'code lines by language',
  'language-files': 'files by language',
  'lead-time-changes-365d': 'changes released (365 days)',
  'lead-time-changes-last-10': 'changes in the last 10 releases',
  'lead-time-median-365d': 'median lead time for changes (365 days)',
  'lead-time-median-last-10': 'median lead time for changes (last 10 releases)',
  'lead-time-p90-365d': 'lead time for changes, 90th percentile (365 days)',
  'lead-time-p90-last-10': 'lead time for changes, 90th percentile (last 10 releases)',
  'licence-known-share': 'packages with a known licence',
  'licence-packages': 'packages with a licence checked',
  'owned-lines': 'lines with a known owner',
  'pre-releases': 'pre-releases',
  'release-interval-median': 'median days between releases',
  'release-interval-p90': 'days between releases, 90th percentile',
  releases: 'releases (all time)',
  'releases-365d': 'releases (365 days)',
  'rework-rate': 'rework proxy (all releases)',
  'rework-rate-365d': 'rework proxy (365 days)',
  'single-author-files': 'files with a single author',
  technologies: 'technologies detected',
  technology: 'technology facts',
  'truck-factor': 'truck factor',
  'truck-factor-active': 'truck factor among active people',
  'truck-factor-files': 'files counted for the truck factor',
  'unreleased-age-max': 'oldest unreleased change, days',
  'unreleased-age-median': 'median age of unreleased changes, days',
  'unreleased-commits': 'changes not yet released',
  commits: 'commits',
  authors: 'authors',
  files: 'files',
  dependencies: 'package entries',
};

/** A stored metric's name in words: its known name, else its id spelled out ("lead-time-90d" → "lead time 90 days"). */
export function metricName(id: string): string {
  return (
    METRIC_NAMES[id] ??
    id
      .replace(/-(\d+)d$/, ' ($1 days)')
      .replace(/-/g, ' ')
      .trim()
  );
}
