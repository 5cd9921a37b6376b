// People who left: authors with no commit to the repository in the 365 days before the reference
// date, the truck factor among the people still active, and whether the repository's key people have
// all left (docs/metrics/people.md). Pure: the scan and the read-time views both call it.
import { ACTIVE_WINDOW_DAYS, DAY } from '../../reference-date.ts';
import { greedyTruckFactor } from './truck-factor/greedy.ts';

interface DepartedInput {
  /** Each file considered for the truck factor, with its authors. */
  files: ReadonlyArray<{ path: string; authors: readonly string[] }>;
  /** The people the published truck factor removes (its key people). */
  keyPeople: readonly string[];
  /** Each person's last commit to the repository (epoch seconds). */
  lastCommitTs: ReadonlyMap<string, number>;
  /** The last second of the reference day. */
  referenceTs: number;
}

export interface ActiveKnowledge {
  /** Authors of the files with no commit in the 365 days up to the reference date, sorted. */
  departed: string[];
  /** The truck factor when departed people count as gone already: 0 when they hold half the files. */
  activeTruckFactor: number;
  /** The people it removes. */
  activePeople: string[];
  keyPeople: string[];
  /** The key people still active. */
  activeKeyPeople: string[];
  /** Every key person has departed (and there is at least one). */
  restsOnDeparted: boolean;
  /**
   * The last commit of anyone to the repository (epoch seconds) when it is before the 365-day window:
   * a dormant repository, whose people have not left it so much as it has stopped; null otherwise.
   */
  dormantSince: number | null;
}

/** True when a person's last commit is before the 365-day window ending on the reference date. */
export function isDeparted(lastCommitTs: number | undefined, referenceTs: number): boolean {
  return (lastCommitTs ?? Number.NEGATIVE_INFINITY) <= referenceTs - ACTIVE_WINDOW_DAYS * DAY;
}

export function activeKnowledge(input: DepartedInput): ActiveKnowledge {
  const gone = (p: string) => isDeparted(input.lastCommitTs.get(p), input.referenceTs);
  const departed = new Set<string>();
  const authors = new Map<string, string[]>();
  for (const f of input.files) {
    const left = f.authors.filter((a) => {
      if (!gone(a)) return true;
      departed.add(a);
      return false;
    });
    authors.set(f.path, left);
  }
  const active = greedyTruckFactor(
    input.files.map((f) => f.path),
    authors,
    { coverage: 0.5, pruneBelow: 0 },
  );
  const keyPeople = [...input.keyPeople];
  const activeKeyPeople = keyPeople.filter((p) => !gone(p));
  let last = Number.NEGATIVE_INFINITY;
  for (const ts of input.lastCommitTs.values()) last = Math.max(last, ts);
  return {
    departed: [...departed].sort(),
    activeTruckFactor: active.truckFactor,
    activePeople: active.removed.map((r) => r.person),
    keyPeople,
    activeKeyPeople,
    restsOnDeparted: keyPeople.length > 0 && activeKeyPeople.length === 0,
    dormantSince: input.lastCommitTs.size > 0 && isDeparted(last, input.referenceTs) ? last : null,
  };
}
