// Stage 8, register: once the snapshot is current, the repository's problems update the risk
// register (src/risk/register.ts): what the new commit no longer has closes, what is new opens.
// The snapshot is already written, so a failure here is only a warning of the scan.
import { nowIso } from '../store/store.ts';
import type { WorkspaceConfig } from '../workspace.ts';
import type { SnapshotWork } from './stages.ts';

export async function registerStage(work: SnapshotWork): Promise<void> {
  try {
    // Loaded here: a no-op rescan never reaches this stage and does not pay for the matchers.
    const { updateRegister } = await import('../risk/register-update.ts');
    const repo = await work.store.db
      .selectFrom('repositories')
      .select('name')
      .where('id', '=', work.repositoryId)
      .executeTakeFirstOrThrow();
    await updateRegister(
      work.store,
      { dir: work.workspace.dir, config: work.workspace.config as WorkspaceConfig },
      { repository: repo.name, at: nowIso() },
    );
  } catch (e) {
    work.diagnostics.push({
      path: '',
      collector: 'register',
      code: 'register-failed',
      severity: 'warning',
      message: `the risk register was not updated: ${(e as Error).message}`,
    });
  }
}
