// Progress on a terminal: one line per repository being scanned, naming the stages running now with
// their counts ("express (3 of 12): history, 9,000 commits read; tree, 1,204 of 3,400 files read"), and
// a last line "k of n repositories done"; redrawn in place on stderr. Nothing is drawn when stderr is not a terminal.
import type { StageEvent } from '../scan/stages.ts';
import { colorsFor, formatNumber, visible } from './output.ts';

interface Progress {
  /** How many repositories this scan will go through. */
  total(count: number): void;
  start(repo: string): void;
  stage(repo: string, event: StageEvent): void;
  done(repo: string, line: string): void;
  stop(): void;
}

const SILENT: Progress = { total() {}, start() {}, stage() {}, done() {}, stop() {} };

interface Active {
  /** Its place among the repositories, in the order scans started (from 1). */
  index: number;
  started: number;
  /** The stages running now, in the order they started (stages overlap), by stageKey. */
  running: Map<string, StageEvent>;
}

export interface ProgressState {
  total: number | null;
  started: number;
  done: number;
  active: Map<string, Active>;
}

/** The stage in words: "history, 1,234 commits read", "analysis hotspots (2 of 8)". */
export function describeStage(event: StageEvent | null): string {
  if (event === null) return 'starting';
  switch (event.stage) {
    case 'waiting':
      return `waiting: ${event.holder}`;
    case 'history':
      return `history, ${formatNumber(event.commits)} commits read`;
    case 'tree':
      return `tree, ${formatNumber(event.read)} of ${formatNumber(event.total)} files read`;
    case 'collectors':
      return `collectors, ${formatNumber(event.done)} of ${formatNumber(event.total)}`;
    case 'analysis':
      return `analysis ${event.id} (${event.index} of ${event.total})`;
    case 'done':
      return `${event.name.replace(':', ' ')} done`;
    case 'finish':
      return 'finishing';
  }
}

function stageKey(event: StageEvent): string {
  return event.stage === 'analysis' ? `analysis:${event.id}` : event.stage;
}

/** The running stages in words, in the order they started; "starting" before the first. */
export function describeRunning(running: ReadonlyMap<string, StageEvent>): string {
  if (running.size === 0) return describeStage(null);
  return [...running.values()].map(describeStage).join('; ');
}

/** What is running once `event` arrives: a stage's `done` removes it; waiting and finish stand alone. */
export function nextRunning(running: Map<string, StageEvent>, event: StageEvent): boolean {
  if (event.stage === 'done') return running.delete(event.name);
  if (event.stage === 'waiting' || event.stage === 'finish') running.clear();
  else running.delete('waiting');
  const key = stageKey(event);
  const isNew = !running.has(key);
  running.set(key, event);
  return isNew;
}

/** The lines drawn for a state at time `now` (without colour). */
export function progressLines(state: ProgressState, now: number): string[] {
  const of = state.total === null ? '' : ` of ${state.total}`;
  const lines = [...state.active].map(
    ([name, a]) =>
      `scanning ${name} (${a.index}${of}): ${describeRunning(a.running)}, ${((now - a.started) / 1000).toFixed(1)}s`,
  );
  if (state.total !== null && state.total > 1) {
    lines.push(`${state.done} of ${state.total} repositories done`);
  }
  return lines;
}

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const colors = colorsFor(stream);
  const state: ProgressState = { total: null, started: 0, done: 0, active: new Map() };
  let drawn = 0;
  const clear = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = () => {
    clear();
    const width = (stream.columns || 100) - 1;
    const lines = progressLines(state, Date.now());
    for (const l of lines) {
      // Repository names are made safe before the line reaches the terminal.
      const cut = visible(l).slice(0, width);
      stream.write(
        `${cut.startsWith('scanning ') ? colors.cyan('scanning') + cut.slice(8) : colors.dim(cut)}\n`,
      );
    }
    drawn = lines.length;
  };
  const timer = setInterval(draw, 200);
  timer.unref();
  return {
    total(count) {
      state.total = count;
    },
    start(repo) {
      state.active.set(repo, { index: ++state.started, started: Date.now(), running: new Map() });
      draw();
    },
    stage(repo, event) {
      const a = state.active.get(repo);
      if (!a) return;
      // A stage that starts or ends is drawn at once; counts within a stage at the timer's pace.
      if (nextRunning(a.running, event)) draw();
    },
    done(repo, line) {
      state.active.delete(repo);
      state.done++;
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
