// One self-contained HTML file: inline style and SVG, no scripts, fonts or links to the network.
import { ratedSeverity, severityCell } from './areas/classify.ts';
import { snapshotAgeText } from './changes.ts';
import { renderChart } from './charts/render.ts';
import { esc } from './charts/svg.ts';
import { figureValue } from './format.ts';
import { STYLE } from './html-style.ts';
import { kpiArrow, kpiGood, kpiTrendText } from './kpi.ts';
import { radarListHtml } from './radar-list.ts';
import { changesHtml, feedChangesHtml } from './render-html-changes.ts';
import { riskDueText, riskStatusText } from './top-risks.ts';
import type { AreaSection, Changes, EvidenceRef, Figure, Kpi, ReportFinding, ReportModel } from './types.ts';

export function renderHtml(model: ReportModel): string {
  const title = `Technology report${model.scope.team ? `: team ${model.scope.team}` : ''}`;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(title)}</h1><p class="meta">Generated ${esc(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC by cto ${esc(model.tool.version)} from ${model.appendix.data.repositories.length} repositories${model.scope.anonymized ? '; people replaced by pseudonyms' : ''}.</p>`,
    model.scope.note ? `<p class="meta">${esc(model.scope.note)}</p>` : '',
    model.notice ? `<p class="notice" id="notice">${esc(model.notice)}</p>` : '',
    '</header>',
    summaryHtml(model),
    model.changes ? changesHtml(model.changes) : '',
    ...model.sections.map((s) => sectionHtml(s, model.changes)),
    appendixHtml(model),
    '</body></html>\n',
  ].join('\n');
}

function ratingBadge(rating: string): string {
  return `<span class="rating rating-${rating}">${rating.toUpperCase()}</span>`;
}

/** Text cut to `n` characters at a word, with an ellipsis: the summary page keeps one line per item. */
function clip(text: string, n: number): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > n / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.(]+$/, '')}…`;
}

/** The headline KPI: an arrow and the change, coloured by whether it is good news, then the figure. */
function headlineHtml(k: Kpi | null): string {
  if (!k) return '<span class="meta">–</span>';
  const good = kpiGood(k);
  const tone = good === null ? 'neutral' : good ? 'better' : 'worse';
  const change =
    k.change === null
      ? ''
      : `<span class="trend-${tone}">${kpiArrow(k)} ${k.change > 0 ? '+' : k.change < 0 ? '−' : '±'}${esc(changeAmount(Math.abs(k.change), k.unit))}</span>`;
  return `${change}<span class="meta">${esc(clip(k.label, 60))}: ${esc(k.display)}</span>`;
}

/** A change as a number: a share's change in percentage points ("12 pts"), else the rounded number. */
function changeAmount(by: number, unit: string): string {
  if (unit === 'ratio') return `${Math.round(100 * by)} pts`;
  if (unit === '%') return `${figureValue({ value: by })} pts`;
  return figureValue({ value: by });
}

/** Decisions shown on the summary page; the rest are counted and listed in report.json. */
const DECISIONS_ON_PAGE = 8;

const cols = (widths: number[]) =>
  `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;

/**
 * The executive summary: one A4 page in print (a page break follows). Every item keeps to a bounded
 * length (titles cut at a word, at most two drivers per area, at most DECISIONS_ON_PAGE decisions) so
 * the page holds it whatever the names; the full texts are in the sections and report.json.
 */
function summaryHtml(model: ReportModel): string {
  const rows = model.summary.areas
    .map((a) => {
      const drivers = a.drivers
        .slice(0, 2)
        .map((d) => `<span class="drivers">${esc(clip(d, 125))}</span>`)
        .join('');
      return `<tr><td><a href="#area-${a.id}">${esc(a.title)}</a></td><td>${ratingBadge(a.rating)}</td><td class="trend">${headlineHtml(a.headline)}</td><td>${esc(a.sentence)}${drivers}</td></tr>`;
    })
    .join('');
  const period = model.summary.previousPeriod;
  const ratings = `<table class="ratings">${cols([17, 9, 18, 56])}<tr><th>area</th><th>rating</th><th>headline${period ? `, since ${esc(period)}` : ''}</th><th>what it means, and what drives it</th></tr>${rows}</table>`;
  const reg = model.summary.register;
  const risks = model.summary.topRisks.length
    ? `<table class="top-risks one-line">${cols([3, 42, 11, 10, 10, 11, 5, 8])}<tr><th>#</th><th>risk</th><th>repository</th><th>owner</th><th>status</th><th>due</th><th>score</th><th>exposure</th></tr>${model.summary.topRisks
        .map((r, i) => {
          const title = esc(clip(r.title, 100));
          const link = r.findingId ? `<a href="#ev-${r.findingId}">${title}</a>` : title;
          return `<tr class="status-${r.status}"><td class="num">${i + 1}</td><td><span class="sev sev-${r.severity}">${r.severity}</span> ${link}</td><td>${esc(r.repository)}</td><td>${esc(r.owner)}</td><td class="status">${esc(riskStatusText(r))}</td><td>${esc(riskDueText(r))}</td><td class="num">${r.score}</td><td>${r.exposure}</td></tr>`;
        })
        .join('')}</table>`
    : '<p>No open risk in the register for these repositories.</p>';
  const counts = `<p class="meta">Register: ${reg.open} open (${reg.overdue} overdue), ${reg.accepted} accepted; all of them with <code>cto risks</code>.</p>`;
  const decisions = model.summary.decisions;
  const shown = decisions.slice(0, DECISIONS_ON_PAGE);
  const more = decisions.length - shown.length;
  const decided = decisions.length
    ? `<table class="decisions one-line">${cols([11, 75, 14])}<tr><th>due</th><th>decision needed</th><th>owner</th></tr>${shown
        .map(
          (d) =>
            `<tr><td>${esc(d.due ?? '–')}</td><td>${esc(clip(d.title, 125))}</td><td>${esc(d.owner)}</td></tr>`,
        )
        .join(
          '',
        )}</table>${more > 0 ? `<p class="meta">${more} more ${more === 1 ? 'decision' : 'decisions'} needed: listed in report.json (<code>summary.decisions</code>).</p>` : ''}`
    : '<p>No decision needed: no acceptance ends, no end of life comes within the window undecided, no key person has left.</p>';
  return `<section id="summary"><h2>Executive summary</h2>${ratings}<h3>Top risks</h3>${risks}${counts}<h3 id="decisions-needed">Decisions needed</h3>${decided}<p class="end-of-summary meta">End of the summary: the sections follow.</p></section>`;
}

function sectionHtml(s: AreaSection, changes: Changes | null): string {
  const charts = s.charts
    .map(
      (c) =>
        `<figure id="chart-${c.id}">${renderChart(c)}<figcaption>${esc(c.title)}. <a href="#sql-chart-${c.id}">Query in the appendix</a>.</figcaption></figure>`,
    )
    .join('');
  const since = changes && !changes.message ? feedChangesHtml(changes, s.id, `Since ${changes.since}: `) : '';
  const radar = s.radar ? radarListHtml(s.radar) : '';
  const missing = s.missing.length
    ? `<p class="missing">Not available yet: ${esc(s.missing.join('; '))}.</p>`
    : '';
  return `<section class="area" id="area-${s.id}" data-rating="${s.rating}"><h2>${esc(s.title)} ${ratingBadge(s.rating)}</h2><p>${esc(s.line)}</p>${missing}${kpiTable(s)}${s.radar?.crowded ? radar + charts : charts + radar}${topFindingsHtml(s)}${since}</section>`;
}

/** The area's KPIs: what each is, its value now and how it moved against the previous period. */
function kpiTable(s: AreaSection): string {
  if (s.kpis.every((k) => k.value === null)) return '';
  const period = s.kpis.find((k) => k.previousPeriod !== null)?.previousPeriod ?? null;
  const rows = s.kpis
    .map((k) => {
      const good = kpiGood(k);
      const tone = good === true ? 'better' : good === false ? 'worse' : 'neutral';
      const trend = k.value === null ? '' : kpiTrendText(k, { date: false });
      return `<tr><td>${esc(k.label)}</td><td class="num"><a href="#ev-${k.id}">${esc(k.display)}</a></td><td class="trend trend-${tone}">${trend ? esc(`${kpiArrow(k)} ${trend}`.trim()) : '–'}</td></tr>`;
    })
    .join('');
  const note = period
    ? ''
    : '<p class="meta">No earlier snapshot to compare with: <code>cto scan --history 8q</code> writes the state at past quarter ends.</p>';
  return `<table class="kpis"><thead><tr><th>key figure</th><th>now</th><th>${period ? `against ${esc(period)}` : 'trend'}</th></tr></thead><tbody>${rows}</tbody></table>${note}`;
}

/** The findings that matter (at most five), and a link to all of them in the appendix. */
function topFindingsHtml(s: AreaSection): string {
  if (s.findings.length === 0) return '';
  const byId = new Map(s.findings.map((f) => [f.id, f]));
  const rows = s.topFindings
    .flatMap((t) => {
      const f = byId.get(t.id);
      if (!f) return [];
      const where =
        t.repositories.length > 3 ? `${t.repositories.length} repositories` : t.repositories.join(', ');
      return [
        `<tr><td class="sev sev-${ratedSeverity(f)}">${esc(severityCell(f))}</td><td class="num">${t.score ?? '–'}</td><td><a href="#ev-${f.id}">${esc(f.title)}</a></td><td>${esc(where)}</td><td>${esc(f.owner)}</td><td>${esc(f.action)}</td></tr>`,
      ];
    })
    .join('');
  const all = `<p><a href="#findings-${s.id}">All ${s.findings.length} findings of this area</a> are in the appendix.</p>`;
  return `<h3>Findings that matter</h3><table><thead><tr><th>severity</th><th>risk score</th><th>finding</th><th>where</th><th>owner</th><th>suggested action</th></tr></thead><tbody>${rows}</tbody></table>${all}`;
}

function figureTable(figures: Figure[]): string {
  return `<table><thead><tr><th>figure</th><th>value</th><th>stored metric</th></tr></thead><tbody>${figures.map((f) => `<tr><td>${esc(f.label)}</td><td class="num"><a href="#ev-${f.id}">${esc(figureValue(f))}</a></td><td>${f.metric ? `<code>${esc(f.metric)}</code>` : ''}</td></tr>`).join('')}</tbody></table>`;
}

/** An area in the appendix: every figure per repository, every finding, the evidence and queries. */
function areaAppendixHtml(s: AreaSection): string {
  const figures = s.figures.length
    ? `<h4 id="metrics-${s.id}">Figures per repository</h4>${figureTable(s.figures)}`
    : '';
  const findings = s.findings.length
    ? `<h4 id="findings-${s.id}">All findings (${s.findings.length})</h4><table><thead><tr><th>severity</th><th>finding</th><th>repository</th><th>owner</th><th>rule</th></tr></thead><tbody>${s.findings
        .slice(0, MAX_FINDINGS)
        .map(
          (f) =>
            `<tr><td class="sev sev-${ratedSeverity(f)}">${esc(severityCell(f))}</td><td><a href="#ev-${f.id}">${esc(f.title)}</a></td><td>${esc(f.repository)}</td><td>${esc(f.owner)}</td><td><code>${esc(f.rule)}</code></td></tr>`,
        )
        .join(
          '',
        )}</tbody></table>${s.findings.length > MAX_FINDINGS ? `<p>${s.findings.length - MAX_FINDINGS} more in report.json.</p>` : ''}`
    : '';
  const evidence = [
    ...s.kpis.map((k) => evidenceHtml(k.id, `${k.label}: ${k.display}`, k.evidence, k.sql)),
    ...s.figures.map((f) =>
      evidenceHtml(
        f.id,
        `${f.label}: ${figureValue(f)}`,
        f.evidence,
        f.sql,
        f.metric ? [`stored metric: ${f.metric}`] : [],
      ),
    ),
    ...s.charts.map((c) => evidenceHtml(`sql-chart-${c.id}`, `Chart: ${c.title}`, {}, c.sql, [], '')),
    ...s.findings.slice(0, MAX_FINDINGS).map(findingEvidence),
  ];
  if (!figures && !findings && evidence.length === 0) return '';
  return `<h3 id="appendix-${s.id}">${esc(s.title)}</h3>${figures}${findings}<div class="evidence"><h4>Evidence and queries</h4>${evidence.join('')}</div>`;
}

const MAX_FINDINGS = 200;

function findingEvidence(f: ReportFinding): string {
  return evidenceHtml(
    f.id,
    `${f.severity}: ${f.title}${f.detail ? ` (${f.detail})` : ''}`,
    f.evidence,
    f.sql,
    [`rule ${f.rule} of ${f.analysis}${f.subject ? `, subject ${f.subject}` : ''}`],
  );
}

function evidenceHtml(
  id: string,
  label: string,
  ev: EvidenceRef,
  sql: string,
  notes: string[] = [],
  prefix = 'ev-',
): string {
  const lists = Object.entries(ev)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(
      ([k, v]) =>
        `<li>${esc(k)}: ${(v as string[])
          .slice(0, 50)
          .map((x) => `<code>${esc(x)}</code>`)
          .join(', ')}${(v as string[]).length > 50 ? ' …' : ''}</li>`,
    )
    .join('');
  const extra = notes.map((n) => `<li>${esc(n)}</li>`).join('');
  return `<details id="${prefix}${id}"><summary>${esc(label)}</summary><ul>${extra}${lists}<li>reproduce: <code>cto sql "${esc(sql)}"</code></li></ul></details>`;
}

function appendixHtml(model: ReportModel): string {
  const d = model.appendix.data;
  const repos = d.repositories
    .map(
      (r) =>
        `<tr><td>${esc(r.repository)}</td><td><code>${esc(r.commit.slice(0, 12))}</code></td><td>${esc(r.ref ?? '')}</td><td>${esc(r.status)}</td><td>${esc((r.finishedAt ?? '').slice(0, 16))}</td><td>${esc(snapshotAgeText(r))}</td><td>${esc(r.toolVersion)}</td></tr>`,
    )
    .join('');
  const failed = d.failedScans
    .map((f) => `<li>${esc(f.repository)}: ${esc(f.error ?? 'failed')}</li>`)
    .join('');
  const feeds = d.feeds.length
    ? d.feeds.map((f) => `<li>${esc(f.name)}: ${esc(f.date ?? 'unknown date')}</li>`).join('')
    : '<li>No feed is loaded in the store.</li>';
  const defs = model.appendix.definitions
    .map(
      (x) =>
        `<details><summary>${esc(x.title)} (<code>${esc(x.source)}</code>)</summary><pre>${esc(x.text)}</pre></details>`,
    )
    .join('');
  const areas = model.sections.map(areaAppendixHtml).join('');
  return `<section id="appendix"><h2>Appendix</h2><p class="meta print-only">Evidence lists and the <code>cto sql</code> queries behind every figure are in the HTML report and report.json.</p>${areas}<h3>Definitions</h3>${defs}<h3>Data used</h3><table><tr><th>repository</th><th>snapshot commit</th><th>ref</th><th>status</th><th>scanned (UTC)</th><th>age</th><th>tool</th></tr>${repos}</table>${failed ? `<p>Failed scans:</p><ul>${failed}</ul>` : ''}<p>Feeds:</p><ul>${feeds}</ul><p>Report by cto ${esc(d.toolVersion)}, store engine ${esc(d.engine)}.</p></section>`;
}
