// Scans started from the server (GET /api/v1/scans): progress, outcomes and failures with their
// reasons, and the schedules of cto.yaml; an admin starts a scan of every source (POST /api/v1/scans).
// While a scan runs the page reads the list again every second, so its progress and outcome show.
import { useEffect, useState } from 'react';
import type { ScanDocument } from '../../../src/server/scan-progress.ts';
import type { ScheduleView } from '../../../src/server/schedules.ts';
import { ApiError, type Page, postJson, readFresh, useApi } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { NotPermitted, Status } from '../components/report.tsx';
import { useCan } from '../session.tsx';

const COLUMNS: Column<ScanDocument>[] = [
  { id: 'id', header: 'Scan', value: (s) => s.id, numeric: true },
  { id: 'status', header: 'Status', value: (s) => s.status, facet: true },
  {
    id: 'progress',
    header: 'Done',
    value: (s) => s.progress.done,
    numeric: true,
    cell: (s) => `${s.progress.done} of ${s.progress.total ?? '?'}`,
  },
  { id: 'failed', header: 'Failed', value: (s) => s.outcomes.failed, numeric: true },
  { id: 'scope', header: 'Scope', value: (s) => (s.scope === 'all' ? 'every source' : s.scope.join(', ')) },
  { id: 'by', header: 'Started by', value: (s) => s.startedBy, secondary: true },
  { id: 'at', header: 'Started', value: (s) => s.createdAt.slice(0, 16).replace('T', ' ') },
  { id: 'error', header: 'Error', value: (s) => s.error, secondary: true },
];

type ScanList = Page<ScanDocument> & { schedules: ScheduleView[] };

const POLL_MS = 1000;

/** One line on a scan: its progress while it runs, then its outcome. */
function scanLine(s: ScanDocument): string {
  const of = `${s.progress.done} of ${s.progress.total ?? '?'} repositories`;
  if (s.status === 'running') return `Scan ${s.id} is running: ${of} done.`;
  if (s.status === 'failed') return `Scan ${s.id} failed: ${s.error ?? 'no reason given'}.`;
  const o = s.outcomes;
  return `Scan ${s.id} is done: ${of}; ${o.ok} scanned, ${o.unchanged} unchanged, ${o.partial} partial, ${o.failed} failed.`;
}

export function ScansPage() {
  const can = useCan();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState('');
  const [started, setStarted] = useState<number | null>(null);
  const [live, setLive] = useState<ScanList | null>(null);
  const scans = useApi<ScanList>(can('scans:read') ? `/api/v1/scans?limit=100&v=${version}` : null);
  const data = live ?? scans.data;
  const running = data?.items.some((s) => s.status === 'running') ?? false;
  useEffect(() => {
    if (!running) return;
    let on = true;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return; // a slow answer is awaited, not asked again over it
      busy = true;
      readFresh<ScanList>('/api/v1/scans?limit=100')
        .then(
          (d) => on && setLive(d),
          () => {},
        )
        .finally(() => {
          busy = false;
        });
    }, POLL_MS);
    return () => {
      on = false;
      clearInterval(timer);
    };
  }, [running]);
  if (!can('scans:read')) return <NotPermitted what="scans" />;
  const start = () => {
    setMessage('Starting…');
    postJson<ScanDocument>('/api/v1/scans', {}).then(
      (s) => {
        setMessage('');
        setStarted(s.id);
        setLive(null);
        setVersion((v) => v + 1);
      },
      (e: unknown) => setMessage(e instanceof ApiError ? `${e.message} (${e.code})` : String(e)),
    );
  };
  const mine = started === null ? undefined : data?.items.find((s) => s.id === started);
  return (
    <>
      <div className="page-head">
        <h1>Scans</h1>
        {can('scans:run') && (
          <button type="submit" onClick={start}>
            Scan every source
          </button>
        )}
      </div>
      {(message || mine) && (
        <p className="notice" role="status">
          {message || (mine && scanLine(mine))}
        </p>
      )}
      <Status loading={scans.loading && !data} error={scans.error}>
        {data && (
          <>
            <DataTable
              label="Scans"
              rows={data.items}
              columns={COLUMNS}
              empty="No scan started from the server yet."
            />
            <h2>Schedules (cto.yaml)</h2>
            {data.schedules.length === 0 ? (
              <p>No schedule: scans start only when asked.</p>
            ) : (
              <ul>
                {data.schedules.map((s) => (
                  <li key={`${s.cron}:${s.timezone}`}>
                    <code>{s.cron}</code> ({s.timezone}):{' '}
                    {s.scan === 'all' ? 'every source' : s.scan.join(', ')}; next{' '}
                    {s.nextRunAt?.slice(0, 16).replace('T', ' ') ?? 'never'}
                    {s.lastRun?.error ? `; last run failed: ${s.lastRun.error.message}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Status>
    </>
  );
}
