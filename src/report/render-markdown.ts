// Markdown for GitHub: the same sections as the HTML; each chart is its SVG file (charts/, written
// beside report.md) shown as an image, with the table of its numbers below it.

import { AREA_TITLES, severityCell } from './areas/classify.ts';
import { snapshotAgeText } from './changes.ts';
import { chartFile } from './charts/files.ts';
import { figureValue, metricChangeText } from './format.ts';
import { kpiArrow, kpiTrendText } from './kpi.ts';
import { radarListMd } from './radar-list.ts';
import { feedChangeLists } from './render-feed-changes.ts';
import { riskDueText, riskStatusText } from './top-risks.ts';
import type { AreaId, AreaSection, Changes, Chart, ReportModel } from './types.ts';

const BADGE: Record<string, string> = {
  red: '🔴 red',
  amber: '🟠 amber',
  green: '🟢 green',
  grey: '⚪ grey',
};

function cell(s: string | number | null): string {
  return String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ');
}

function table(headers: string[], rows: Array<Array<string | number | null>>): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(m: ReportModel): string {
  const out = [`# Technology report${m.scope.team ? `: team ${m.scope.team}` : ''}`, ''];
  out.push(
    `Generated ${m.generatedAt.slice(0, 16).replace('T', ' ')} UTC by cto ${m.tool.version} from ${m.appendix.data.repositories.length} repositories${m.scope.anonymized ? '; people replaced by pseudonyms' : ''}.`,
    '',
  );
  if (m.scope.note) out.push(`_${m.scope.note}_`, '');
  if (m.notice) out.push(`> **Note:** ${m.notice}`, '');
  out.push(
    '## Executive summary',
    '',
    table(
      ['area', 'rating', 'headline', 'what it means', 'what drives it'],
      m.summary.areas.map((a) => [
        a.title,
        BADGE[a.rating] ?? a.rating,
        a.headline
          ? `${a.headline.label}: ${a.headline.display}${a.headline.direction ? ` ${kpiArrow(a.headline)} (${kpiTrendText(a.headline)})` : ''}`
          : '–',
        a.sentence,
        a.drivers.join(' '),
      ]),
    ),
    '',
  );
  out.push('### Top risks', '');
  const reg = m.summary.register;
  out.push(
    m.summary.topRisks.length
      ? table(
          ['#', 'severity', 'risk', 'repository', 'owner', 'status', 'due', 'score', 'exposure'],
          m.summary.topRisks.map((r, i) => [
            i + 1,
            r.severity,
            r.title,
            r.repository,
            r.owner,
            riskStatusText(r),
            riskDueText(r),
            r.score,
            r.exposure,
          ]),
        )
      : 'No open risk in the register for these repositories.',
    '',
    `Register: ${reg.open} open (${reg.overdue} overdue), ${reg.accepted} accepted. All of them: \`cto risks\`.`,
    '',
    '### Decisions needed',
    '',
    m.summary.decisions.length
      ? table(
          ['due', 'decision needed', 'owner'],
          m.summary.decisions.map((d) => [d.due ?? '', d.title, d.owner]),
        )
      : 'No decision needed: no acceptance ends, no end of life comes within the window undecided, no key person has left.',
    '',
  );
  if (m.changes) out.push(...changesMd(m.changes));
  for (const s of m.sections) out.push(...sectionMd(s, m.changes));
  out.push('## Appendix', '');
  for (const s of m.sections) out.push(...areaAppendixMd(s));
  out.push('### Definitions', '');
  for (const d of m.appendix.definitions) out.push(`- ${d.title}: \`${d.source}\``);
  out.push('', '### Data used', '');
  out.push(
    table(
      ['repository', 'snapshot commit', 'ref', 'status', 'scanned (UTC)', 'age', 'tool'],
      m.appendix.data.repositories.map((r) => [
        r.repository,
        `\`${r.commit.slice(0, 12)}\``,
        r.ref,
        r.status,
        (r.finishedAt ?? '').slice(0, 16),
        snapshotAgeText(r),
        r.toolVersion,
      ]),
    ),
    '',
  );
  for (const f of m.appendix.data.failedScans)
    out.push(`- failed scan: ${f.repository}: ${f.error ?? 'failed'}`);
  out.push(
    m.appendix.data.feeds.length
      ? m.appendix.data.feeds.map((f) => `- feed ${f.name}: ${f.date ?? 'unknown date'}`).join('\n')
      : '- No feed is loaded in the store.',
    '',
  );
  out.push(
    'Every figure’s evidence and the `cto sql` query that reproduces it are in `report.json` and in the HTML report.',
    '',
  );
  return out.join('\n');
}

/** The feed lists of one area, as bold-titled bullet lists. */
function feedChangesMd(c: Changes, area: AreaId, prefix: string): string[] {
  return feedChangeLists(c, area).flatMap((l) => [
    `**${prefix}${l.title}** (${l.items.length})`,
    '',
    ...(l.items.length
      ? l.items.map((i) => `- ${i.severity ? `${i.severity}: ` : ''}${i.text}`)
      : ['- none']),
    '',
  ]);
}

function sectionMd(s: AreaSection, changes: Changes | null): string[] {
  const out = [`## ${s.title}: ${BADGE[s.rating] ?? s.rating}`, '', s.line, ''];
  if (s.missing.length) out.push(`Not available yet: ${s.missing.join('; ')}.`, '');
  if (s.kpis.some((k) => k.value !== null)) {
    const period = s.kpis.find((k) => k.previousPeriod !== null)?.previousPeriod ?? null;
    out.push(
      table(
        ['key figure', 'now', period ? `against ${period}` : 'trend'],
        s.kpis.map((k) => {
          const trend = k.value === null ? '' : kpiTrendText(k, { date: false });
          return [k.label, k.display, trend ? `${kpiArrow(k)} ${trend}`.trim() : '–'];
        }),
      ),
      '',
    );
    if (!period)
      out.push(
        '_No earlier snapshot to compare with: `cto scan --history 8q` writes the state at past quarter ends._',
        '',
      );
  }
  if (s.radar?.crowded) out.push(...radarListMd(s.radar, table));
  for (const c of s.charts) out.push(...chartMd(c));
  if (s.radar && !s.radar.crowded) out.push(...radarListMd(s.radar, table));
  if (s.findings.length) {
    const byId = new Map(s.findings.map((f) => [f.id, f]));
    out.push(
      '### Findings that matter',
      '',
      table(
        ['severity', 'risk score', 'finding', 'where', 'owner', 'suggested action'],
        s.topFindings.flatMap((t) => {
          const f = byId.get(t.id);
          const where =
            t.repositories.length > 3 ? `${t.repositories.length} repositories` : t.repositories.join(', ');
          return f ? [[severityCell(f), t.score ?? '–', f.title, where, f.owner, f.action]] : [];
        }),
      ),
      '',
      `All ${s.findings.length} findings of this area: [appendix](#all-findings-${s.id}).`,
      '',
    );
  }
  if (changes && !changes.message) out.push(...feedChangesMd(changes, s.id, `Since ${changes.since}: `));
  return out;
}

/** An area in the appendix: its figures per repository with their stored metric ids, and every finding. */
function areaAppendixMd(s: AreaSection): string[] {
  const out: string[] = [];
  if (s.figures.length)
    out.push(
      `### ${s.title}: figures per repository`,
      '',
      table(
        ['figure', 'value', 'stored metric'],
        s.figures.map((f) => [f.label, figureValue(f), f.metric ? `\`${f.metric}\`` : '']),
      ),
      '',
    );
  if (s.findings.length)
    out.push(
      `<a id="all-findings-${s.id}"></a>`,
      '',
      `### ${s.title}: all findings (${s.findings.length})`,
      '',
      table(
        ['severity', 'finding', 'repository', 'owner', 'rule'],
        s.findings
          .slice(0, 200)
          .map((f) => [severityCell(f), f.title, f.repository, f.owner, `\`${f.rule}\``]),
      ),
      '',
    );
  if (s.findings.length > 200) out.push(`${s.findings.length - 200} more in report.json.`, '');
  return out;
}

const FIRST_COLUMN: Record<Chart['kind'], string> = {
  bar: 'label',
  'stacked-bar': 'label',
  line: 'period',
  timeline: 'item',
  matrix: 'severity',
  'small-multiples': 'period',
  radar: 'blip',
};

/** The chart as an image of its SVG file, then its numbers (the last period marked when partial). */
function chartMd(c: Chart): string[] {
  const headers = [FIRST_COLUMN[c.kind], ...c.series.map((s) => s.name + (c.unit ? ` (${c.unit})` : ''))];
  const last = c.labels.length - 1;
  const rows = c.labels.map((l, i) => [
    c.partial && i === last ? `${l} (partial)` : l,
    ...c.series.map((s) => s.values[i] ?? null),
  ]);
  const alt = c.title.replace(/[[\]\\]/g, '\\$&').replace(/\s+/g, ' ');
  return [
    `**${c.title}**`,
    '',
    `![${alt}](${chartFile(c)})`,
    '',
    ...(c.partial ? [`The last period, ${c.labels[last]}, had not ended at the report date.`, ''] : []),
    table(headers, rows),
    '',
  ];
}

function changesMd(c: Changes): string[] {
  const out = [`## What changed since ${c.since}`, ''];
  if (c.message) return [...out, `> ${c.message}`, ''];
  out.push(
    `Compared with the snapshots current on ${c.since} (${c.baseline.length} repositories). ${c.runwayConsumedDays} days of end-of-life runway consumed.`,
    '',
  );
  const list = (title: string, items: string[]) => [
    `**${title}** (${items.length})`,
    '',
    ...(items.length ? items.slice(0, 50).map((i) => `- ${i}`) : ['- none']),
    '',
  ];
  out.push(
    ...list(
      'Risks opened (critical and high)',
      c.risksOpened.map((f) => `${f.severity}: ${f.title} (${f.repository})`),
    ),
  );
  out.push(
    ...list(
      'Risks closed (critical and high)',
      c.risksClosed.map((f) => `${f.severity}: ${f.title} (${f.repository})`),
    ),
  );
  out.push(
    ...list(
      'New findings',
      c.newFindings.map((f) => `${f.severity}: ${f.title} (${f.repository})`),
    ),
  );
  out.push(
    ...list(
      'Fixed findings',
      c.fixedFindings.map((f) => `${f.severity}: ${f.title} (${f.repository})`),
    ),
  );
  for (const area of [c.vulnerabilities.area, c.endOfLife.area])
    out.push(...feedChangesMd(c, area, `${AREA_TITLES[area]}: `));
  out.push(...list('Figures that moved', c.metricChanges.map(metricChangeText)));
  out.push(
    ...list(
      'New technologies',
      c.newTechnologies.map((t) => `${t.repository}: ${t.kind} ${t.name}`),
    ),
  );
  out.push(
    ...list(
      'Releases',
      c.releases.map((r) => `${r.repository} ${r.tag} (${r.date.slice(0, 10)})`),
    ),
  );
  return out;
}
