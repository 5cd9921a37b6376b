// The "what changed" section of the HTML report.

import { AREA_TITLES } from './areas/classify.ts';
import { esc } from './charts/svg.ts';
import { metricChangeText } from './format.ts';
import { feedChangeLists } from './render-feed-changes.ts';
import type { AreaId, Changes, ReportFinding } from './types.ts';

/** The feed lists of one area, as `<h3>` blocks (in the "what changed" section and the area's own). */
export function feedChangesHtml(c: Changes, area: AreaId, prefix = ''): string {
  return feedChangeLists(c, area)
    .map(
      (l) =>
        `<h3>${esc(prefix + l.title)} (${l.items.length})</h3>${
          l.items.length
            ? `<ul>${l.items
                .map(
                  (i) =>
                    `<li>${i.severity ? `<span class="sev sev-${i.severity}">${i.severity}</span> ` : ''}${esc(i.text)}</li>`,
                )
                .join('')}</ul>`
            : '<p>None.</p>'
        }`,
    )
    .join('');
}

export function changesHtml(c: Changes): string {
  const head = `<section id="changes"><h2>What changed since ${esc(c.since)}</h2>`;
  if (c.message) return `${head}<p class="notice">${esc(c.message)}</p></section>`;
  const list = (title: string, items: string[]) =>
    `<h3>${esc(title)} (${items.length})</h3>${items.length ? `<ul>${items.slice(0, 50).join('')}</ul>${items.length > 50 ? `<p>${items.length - 50} more in report.json.</p>` : ''}` : '<p>None.</p>'}`;
  const f = (x: ReportFinding) =>
    `<li><span class="sev sev-${x.severity}">${x.severity}</span> ${esc(x.title)} (${esc(x.repository)}, ${esc(x.owner)})</li>`;
  return [
    head,
    `<p>Compared with the snapshots current on ${esc(c.since)} (${c.baseline.length} repositories). ${c.runwayConsumedDays} days of end-of-life runway consumed since then.</p>`,
    list('Risks opened (critical and high)', c.risksOpened.map(f)),
    list('Risks closed (critical and high)', c.risksClosed.map(f)),
    list('New findings', c.newFindings.map(f)),
    list('Fixed findings', c.fixedFindings.map(f)),
    feedChangesHtml(c, c.vulnerabilities.area, `${AREA_TITLES[c.vulnerabilities.area]}: `),
    feedChangesHtml(c, c.endOfLife.area, `${AREA_TITLES[c.endOfLife.area]}: `),
    list(
      'Figures that moved',
      c.metricChanges.map((m) => `<li>${esc(metricChangeText(m))}</li>`),
    ),
    list(
      'New technologies',
      c.newTechnologies.map((t) => `<li>${esc(t.repository)}: ${esc(t.kind)} ${esc(t.name)}</li>`),
    ),
    list(
      'Releases',
      c.releases.map((r) => `<li>${esc(r.repository)} ${esc(r.tag)} (${esc(r.date.slice(0, 10))})</li>`),
    ),
    `<p class="meta">Baseline query: <code>${esc(c.sql)}</code></p></section>`,
  ].join('');
}
