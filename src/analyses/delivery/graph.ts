// The commit graph in flat arrays, and which release first contains each commit.

export interface CommitFact {
  sha: string;
  /** Parent shas separated by spaces. */
  parents: string;
  author_ts: number;
  committer_ts: number;
  subject: string;
}

export interface CommitGraph {
  shas: string[];
  index: Map<string, number>;
  /** Parents of commit i are `targets[offsets[i] .. offsets[i + 1])`; parents outside the history are left out. */
  offsets: Int32Array;
  targets: Int32Array;
  parentCounts: Uint8Array;
}

export function buildGraph(commits: readonly CommitFact[]): CommitGraph {
  const index = new Map<string, number>();
  commits.forEach((c, i) => {
    index.set(c.sha, i);
  });
  const offsets = new Int32Array(commits.length + 1);
  const parentCounts = new Uint8Array(commits.length);
  const targets: number[] = [];
  commits.forEach((c, i) => {
    const parents = c.parents === '' ? [] : c.parents.split(' ');
    parentCounts[i] = Math.min(parents.length, 255);
    for (const p of parents) {
      const j = index.get(p);
      if (j !== undefined) targets.push(j);
    }
    offsets[i + 1] = targets.length;
  });
  return {
    shas: commits.map((c) => c.sha),
    index,
    offsets,
    targets: Int32Array.from(targets),
    parentCounts,
  };
}

/**
 * `owner[i]` is the position in `tips` of the first tip (in the given order) from which commit i is
 * reachable, or -1. Each commit is visited once: a walk stops at commits an earlier tip reached.
 */
export function firstContaining(graph: CommitGraph, tips: readonly number[]): Int32Array {
  const owner = new Int32Array(graph.shas.length).fill(-1);
  const stack: number[] = [];
  tips.forEach((tip, r) => {
    if (tip < 0 || owner[tip] !== -1) return;
    owner[tip] = r;
    stack.push(tip);
    while (stack.length > 0) {
      const c = stack.pop() as number;
      for (let k = graph.offsets[c] as number; k < (graph.offsets[c + 1] as number); k++) {
        const p = graph.targets[k] as number;
        if (owner[p] === -1) {
          owner[p] = r;
          stack.push(p);
        }
      }
    }
  });
  return owner;
}
