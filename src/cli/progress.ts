// Progress on a terminal: one line per repository being scanned, redrawn in place on stderr.
import { err, formatNumber } from './output.ts';

export interface Progress {
  start(repo: string): void;
  update(repo: string, commits: number): void;
  done(repo: string, line: string): void;
  stop(): void;
}

const SILENT: Progress = { start() {}, update() {}, done() {}, stop() {} };

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const active = new Map<string, { commits: number; started: number }>();
  let drawn = 0;
  const draw = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
    const now = Date.now();
    const lines = [...active].map(
      ([name, s]) =>
        `${err.cyan('scanning')} ${name}: ${formatNumber(s.commits)} commits read, ${((now - s.started) / 1000).toFixed(1)}s`,
    );
    for (const l of lines) stream.write(`${l.slice(0, (stream.columns || 100) - 1)}\n`);
    drawn = lines.length;
  };
  const timer = setInterval(draw, 200);
  timer.unref();
  return {
    start(repo) {
      active.set(repo, { commits: 0, started: Date.now() });
      draw();
    },
    update(repo, commits) {
      const s = active.get(repo);
      if (s) s.commits = commits;
    },
    done(repo, line) {
      active.delete(repo);
      if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
      drawn = 0;
      stream.write(`${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
      drawn = 0;
    },
  };
}
