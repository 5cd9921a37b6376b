// Stage 0, lock: one scan per repository at a time, on either engine (the lock is the store's).
import { CtoError } from '../errors.ts';
import type { LockHolder } from '../store/locks.ts';
import type { Store } from '../store/store.ts';
import type { OnStage } from './stages.ts';

/** How often a waiting scan tries the lock again. */
const RETRY_MS = 250;

/**
 * Take the repository's scan lock, trying again for up to `waitMs` while another scan holds it.
 * Returns the release function, or throws SCAN_IN_PROGRESS naming the holder.
 */
export async function lockRepository(
  store: Store,
  key: string,
  waitMs: number,
  onStage?: OnStage,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (let tries = 0; ; tries++) {
    const attempt = await store.tryLock(key);
    if (attempt.acquired) return attempt.release;
    const left = deadline - Date.now();
    if (left <= 0) throw new CtoError('SCAN_IN_PROGRESS', heldBy(attempt.holder));
    if (tries === 0) onStage?.({ stage: 'waiting', holder: heldBy(attempt.holder) });
    await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MS, left)));
  }
}

function heldBy(holder: LockHolder | null): string {
  if (!holder) return 'another scan is running';
  return `another scan is running (pid ${holder.pid} on ${holder.host} since ${holder.since.slice(11, 19)} UTC)`;
}
