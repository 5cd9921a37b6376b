// From tags to releases: version tags only, pre-releases apart, one release per tagged commit.
import { compareVersions, type ParsedVersion, parseTag, type TagMatcher } from './versions.ts';

export interface TagFact {
  name: string;
  commit_sha: string;
  annotated: number;
  tagger_date: string | null;
  tagger_ts: number | null;
}

export interface Release {
  tag: string;
  version: ParsedVersion;
  commitSha: string;
  commitIndex: number;
  /** The tagged commit's committer date. */
  commitDate: string;
  /** The tagger date of an annotated tag. */
  tagDate: string | null;
  /** The tag date when annotated, else the commit date. */
  releasedAt: string;
  releasedTs: number;
}

interface TagSorting {
  releases: Release[];
  prereleases: Release[];
  /** Tag names that are not versions under the pattern. */
  ignored: string[];
  /** Version tags on a commit that already has a release (the highest version is kept). */
  duplicates: string[];
}

interface CommitDates {
  index: Map<string, number>;
  committerTs: ArrayLike<number>;
  committerDate: (i: number) => string;
}

function toRelease(t: TagFact, version: ParsedVersion, i: number, dates: CommitDates): Release {
  const commitTs = dates.committerTs[i] as number;
  const annotated = t.annotated === 1 && t.tagger_ts !== null && t.tagger_date !== null;
  return {
    tag: t.name,
    version,
    commitSha: t.commit_sha,
    commitIndex: i,
    commitDate: dates.committerDate(i),
    tagDate: annotated ? t.tagger_date : null,
    releasedAt: annotated ? (t.tagger_date as string) : dates.committerDate(i),
    releasedTs: annotated ? (t.tagger_ts as number) : commitTs,
  };
}

/** In release order: by release date, then by version. */
function byDate(a: Release, b: Release): number {
  return a.releasedTs - b.releasedTs || compareVersions(a.version, b.version);
}

export function sortTags(tags: readonly TagFact[], matcher: TagMatcher, dates: CommitDates): TagSorting {
  const ignored: string[] = [];
  const duplicates: string[] = [];
  const stable = new Map<number, Release>();
  const prereleases: Release[] = [];
  for (const t of tags) {
    const version = parseTag(t.name, matcher);
    const i = dates.index.get(t.commit_sha);
    if (!version || i === undefined) {
      ignored.push(t.name);
      continue;
    }
    const release = toRelease(t, version, i, dates);
    if (version.prerelease) {
      prereleases.push(release);
      continue;
    }
    const other = stable.get(i);
    if (!other) stable.set(i, release);
    else if (compareVersions(version, other.version) > 0) {
      duplicates.push(other.tag);
      stable.set(i, release);
    } else duplicates.push(t.name);
  }
  return {
    releases: [...stable.values()].sort(byDate),
    prereleases: prereleases.sort(byDate),
    ignored: ignored.sort(),
    duplicates: duplicates.sort(),
  };
}
