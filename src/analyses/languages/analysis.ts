// The languages analysis: every regular file of the snapshot with its language, category, lines and
// indentation complexity (table code_files), and per-language totals per repository (metrics).
import { codeFilesOf, regularFiles } from '../../store/code.ts';
import type { Analysis, Metric } from '../types.ts';
import { measureFiles } from './measure.ts';
import { languageTotals } from './snapshot.ts';

export const languagesAnalysis: Analysis = {
  id: 'languages',
  version: 1,
  area: 'technology-strategy',
  writes: ['code_files'],
  metrics: ['language-files', 'language-code-lines', 'code-lines'],
  rules: [],
  reads: [],
  needs: ['tree'],
  async run(ctx) {
    const files = await regularFiles(ctx.store, ctx.snapshotId);
    const previous =
      ctx.previousSnapshotId === null ? [] : await codeFilesOf(ctx.store, ctx.previousSnapshotId);
    const { rows } = await measureFiles(ctx.gitDir, files, previous);
    const totals = languageTotals(rows);
    const sql = `select language, count(*) files, sum(code) code from code_files where snapshot_id = ${ctx.snapshotId} and detectable = 1 group by language`;
    const metrics: Metric[] = [];
    for (const t of totals) {
      metrics.push({
        metric: 'language-files',
        scope: 'repository',
        subject: t.language,
        value: t.files,
        unit: 'files',
        evidence: { sql },
      });
      metrics.push({
        metric: 'language-code-lines',
        scope: 'repository',
        subject: t.language,
        value: t.code,
        unit: 'lines',
        evidence: { sql },
      });
    }
    const code = totals.reduce((a, t) => a + t.code, 0);
    metrics.push({
      metric: 'code-lines',
      scope: 'repository',
      subject: '',
      value: code,
      unit: 'lines',
      evidence: { sql },
    });
    return {
      metrics,
      findings: [],
      // The snapshot set in place: a million rows are not copied to add one column.
      tables: { code_files: rows.map((r) => Object.assign(r, { snapshot_id: ctx.snapshotId })) },
    };
  },
};
