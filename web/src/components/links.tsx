// Links from a name to its page: a repository, a file or package of one, a team.
import { Link } from 'wouter';
import { query } from '../api.ts';
import { useCan } from '../session.tsx';

/** A repository's name, linked to its page for the roles that may read it. */
export function RepoLink({ name }: { name: string }) {
  const can = useCan();
  return can('portfolio:read') ? (
    <Link href={`/repositories/${encodeURIComponent(name)}`}>{name}</Link>
  ) : (
    name
  );
}

/** A file or package of a repository: the findings that name it. */
export function EvidenceLink({
  repository,
  file,
  pkg,
  advisory,
}: {
  repository?: string;
  file?: string;
  pkg?: string;
  advisory?: string;
}) {
  const text = file ?? pkg ?? advisory ?? repository ?? '';
  return (
    <Link href={`/findings${query({ repository, file, package: pkg, advisory })}`} className="evidence-link">
      {text}
    </Link>
  );
}
