// The radar's list view in the report (HTML and Markdown): one row per item, numbered as the blips
// of the drawn radar. When the drawing is crowded the list comes first.
import { esc } from './charts/svg.ts';
import type { RadarList } from './types.ts';

const HEAD = [
  '#',
  'item',
  'ring',
  'quadrant',
  'change',
  'runtime repositories',
  'teams',
  'active people',
  'trend',
];

function cells(list: RadarList): string[][] {
  return list.items.map((i) => [
    String(i.number),
    i.title,
    i.ring,
    i.quadrant,
    i.change,
    i.runtimeRepositories.join(', ') || '-',
    i.teams.join(', ') || '-',
    String(i.activePeople),
    i.trend === null ? 'n/a' : i.trend > 0 ? `+${i.trend}` : String(i.trend),
  ]);
}

function caption(list: RadarList): string {
  const trend = list.previousRelease
    ? `trend: runtime repositories since ${list.previousRelease}`
    : 'first release: no trend';
  return `Radar release ${list.release}: ${list.items.length} items (${trend}).`;
}

export function radarListHtml(list: RadarList): string {
  const rows = cells(list)
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${i === 0 || i >= 7 ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<div class="radar-list" id="radar-list"><h3>Radar</h3><p>${esc(caption(list))}</p><table><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr>${rows}</table></div>`;
}

export function radarListMd(list: RadarList, table: (head: string[], rows: string[][]) => string): string[] {
  return ['### Radar', '', caption(list), '', table(HEAD, cells(list)), ''];
}
