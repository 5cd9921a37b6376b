// The feed part of "what changed" as titled lists of plain-text lines, by area: the HTML and the
// Markdown show them in the "what changed" section and in the section of their area.
import type { AreaId, Changes, EolState, VulnerabilityChange } from './types.ts';

interface ChangeList {
  title: string;
  items: Array<{ severity: string | null; text: string }>;
}

const vuln = (v: VulnerabilityChange, fixed: boolean) => ({
  severity: v.severity,
  text: `${v.repository}: ${v.package} ${v.version} ${v.id}${v.summary ? ` ${v.summary}` : ''}${fixed ? '' : v.fixedVersion ? ` (fixed in ${v.fixedVersion})` : ''}`,
});

const stateText = (s: EolState) =>
  `${s.version ?? '?'}${s.cycle ? ` (cycle ${s.cycle})` : ''}: ${s.status}${s.runwayMonths === null ? '' : `, ${s.runwayMonths} months of runway`}`;

const months = (m: number) => (m >= 0 ? `${m} months consumed` : `${-m} months gained`);

/** The lists of one area (empty for areas without feed changes). */
export function feedChangeLists(c: Changes, area: AreaId): ChangeList[] {
  if (area === c.vulnerabilities.area)
    return [
      { title: 'New vulnerabilities', items: c.vulnerabilities.new.map((v) => vuln(v, false)) },
      { title: 'Fixed vulnerabilities', items: c.vulnerabilities.fixed.map((v) => vuln(v, true)) },
    ];
  if (area === c.endOfLife.area)
    return [
      {
        title: 'Newly past or near end of life',
        items: c.endOfLife.newlyAtRisk.map((e) => ({
          severity: e.severity,
          text: `${e.repository}: ${e.kind} ${e.subject} ${stateText(e.after)}; on ${c.since}: ${e.before ? stateText(e.before) : 'not used'}`,
        })),
      },
      {
        title: 'End-of-life runway consumed',
        items: c.endOfLife.runway.map((r) => ({
          severity: null,
          text: `${r.repository}: ${r.kind} ${r.subject} ${months(r.consumedMonths)} (${r.before.runwayMonths} → ${r.after.runwayMonths} months; ${r.before.version ?? '?'} → ${r.after.version ?? '?'})`,
        })),
      },
    ];
  return [];
}
