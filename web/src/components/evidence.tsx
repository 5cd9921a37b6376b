// What a figure or finding rests on (EvidenceRef): its repositories, files, packages, advisories,
// commits and people, each linked to where the dashboard shows it, and the query that reproduces it.
import type { ReactNode } from 'react';
import type { EvidenceRef } from '../../../src/report/types.ts';
import { EvidenceLink, RepoLink } from './links.tsx';

const LIMIT = 50;

function List({
  title,
  items,
  render,
}: {
  title: string;
  items: string[] | undefined;
  render: (s: string) => ReactNode;
}) {
  if (!items || items.length === 0) return null;
  return (
    <div className="evidence-group">
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.slice(0, LIMIT).map((s, i) => (
          // The same item may be named twice: the position keeps the keys apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
          <li key={`${i}:${s}`}>{render(s)}</li>
        ))}
        {items.length > LIMIT && <li className="muted">and {items.length - LIMIT} more (run the query)</li>}
      </ul>
    </div>
  );
}

export function Evidence({
  evidence,
  sql,
  repository,
}: {
  evidence: EvidenceRef;
  sql: string;
  repository?: string;
}) {
  const empty = Object.values(evidence).every((v) => !v || v.length === 0);
  return (
    <div className="evidence">
      {empty && <p className="muted">No item named: the query below reproduces the figure.</p>}
      <List title="Repositories" items={evidence.repositories} render={(r) => <RepoLink name={r} />} />
      <List
        title="Files"
        items={evidence.files}
        render={(f) => <EvidenceLink file={f} {...(repository ? { repository } : {})} />}
      />
      <List title="Packages" items={evidence.packages} render={(p) => <EvidenceLink pkg={p} />} />
      <List title="Advisories" items={evidence.advisories} render={(a) => <EvidenceLink advisory={a} />} />
      <List title="Commits" items={evidence.commits} render={(c) => <code>{c.slice(0, 12)}</code>} />
      <List title="People" items={evidence.people} render={(p) => p} />
      <h3>Query</h3>
      <p className="muted">
        Run it with <code>cto sql "…"</code> to reproduce the figure.
      </p>
      <pre className="sql-text">{sql}</pre>
    </div>
  );
}
