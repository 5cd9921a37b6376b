// The worker thread of an ownership pass (pass.ts): one replay under the scan's git budget, posting
// the result at each stop as the replay goes through it, and the last commit's at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { isCtoError } from '../../errors.ts';
import { withGitBudget } from '../../git/budget.ts';
import type { PassMessage, PassWork, SharedLogMessage } from './pass.ts';
import { replayOwnership } from './replay.ts';

const work = workerData as PassWork;
const post = (m: PassMessage) => parentPort?.postMessage(m);

try {
  const shared = work.shared
    ? await new Promise<SharedLogMessage['files']>((resolve) =>
        parentPort?.once('message', (m: SharedLogMessage) => resolve(m.files)),
      )
    : null;
  const result = await withGitBudget(work.budget, () =>
    replayOwnership(
      work.gitDir,
      work.commit,
      {
        commits: new Set(work.stops),
        onStop: (commit, r) => post({ kind: 'stop', commit, result: r }),
      },
      shared ? { shared } : {},
    ),
  );
  post({ kind: 'stop', commit: work.commit, result });
} catch (e) {
  post({ kind: 'failed', code: isCtoError(e) ? e.code : null, message: (e as Error).message ?? String(e) });
}
