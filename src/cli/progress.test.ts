// Progress names the stage with counts and "k of n repositories", drawn on a terminal only.
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  createProgress,
  describeRunning,
  describeStage,
  nextRunning,
  type ProgressState,
  progressLines,
} from './progress.ts';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** A stand-in for a terminal: what is written is kept, escape sequences removed. */
function fakeTerminal(isTTY = true) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 200,
    write(s: string) {
      written.push(s.replace(ANSI, ''));
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => written.join('') };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('stage descriptions', () => {
  test('each stage is named with its counts', () => {
    expect(describeStage({ stage: 'history', commits: 81966 })).toBe('history, 81,966 commits read');
    expect(describeStage({ stage: 'tree', read: 1204, total: 3400 })).toBe('tree, 1,204 of 3,400 files read');
    expect(describeStage({ stage: 'collectors', done: 3, total: 7 })).toBe('collectors, 3 of 7');
    expect(describeStage({ stage: 'analysis', id: 'hotspots', index: 2, total: 8 })).toBe(
      'analysis hotspots (2 of 8)',
    );
    expect(describeStage({ stage: 'waiting', holder: 'another scan is running (pid 7 on h)' })).toBe(
      'waiting: another scan is running (pid 7 on h)',
    );
    expect(describeStage(null)).toBe('starting');
  });

  test('lines say which repository of how many, and how many are done', () => {
    const state: ProgressState = {
      total: 12,
      started: 4,
      done: 2,
      active: new Map([
        [
          'express',
          { index: 3, started: 0, running: new Map([['tree', { stage: 'tree', read: 10, total: 40 }]]) },
        ],
        [
          'flask',
          {
            index: 4,
            started: 500,
            running: new Map([
              ['history', { stage: 'history', commits: 9000 }],
              ['analysis:ownership', { stage: 'analysis', id: 'ownership', index: 8, total: 8 }],
            ]),
          },
        ],
      ]),
    };
    expect(progressLines(state, 2000)).toEqual([
      'scanning express (3 of 12): tree, 10 of 40 files read, 2.0s',
      'scanning flask (4 of 12): history, 9,000 commits read; analysis ownership (8 of 8), 1.5s',
      '2 of 12 repositories done',
    ]);
  });
});

describe('stages that overlap', () => {
  test('every running stage is named until it ends; waiting and finishing stand alone', () => {
    const running = new Map();
    const line = () => describeRunning(running);
    expect(line()).toBe('starting');
    expect(nextRunning(running, { stage: 'waiting', holder: 'pid 7' })).toBe(true);
    expect(line()).toBe('waiting: pid 7');
    nextRunning(running, { stage: 'history', commits: 0 });
    expect(nextRunning(running, { stage: 'tree', read: 0, total: 40 })).toBe(true);
    expect(nextRunning(running, { stage: 'history', commits: 500 })).toBe(false);
    expect(line()).toBe('history, 500 commits read; tree, 0 of 40 files read');
    expect(nextRunning(running, { stage: 'done', name: 'tree' })).toBe(true);
    nextRunning(running, { stage: 'analysis', id: 'ownership', index: 8, total: 8 });
    nextRunning(running, { stage: 'analysis', id: 'languages', index: 1, total: 8 });
    expect(line()).toBe(
      'history, 500 commits read; analysis ownership (8 of 8); analysis languages (1 of 8)',
    );
    nextRunning(running, { stage: 'done', name: 'history' });
    nextRunning(running, { stage: 'done', name: 'analysis:languages' });
    expect(line()).toBe('analysis ownership (8 of 8)');
    nextRunning(running, { stage: 'finish' });
    expect(line()).toBe('finishing');
  });
});

describe('on a terminal', () => {
  test('a new stage is drawn at once, counts at the timer, then the done line and the tally', () => {
    vi.useFakeTimers();
    const term = fakeTerminal();
    const p = createProgress(true, term.stream);
    p.total(3);
    p.start('express');
    p.stage('express', { stage: 'history', commits: 0 });
    expect(term.text()).toContain('scanning express (1 of 3): history, 0 commits read');
    p.stage('express', { stage: 'history', commits: 1234 });
    expect(term.text()).not.toContain('1,234 commits read');
    vi.advanceTimersByTime(250);
    expect(term.text()).toContain('scanning express (1 of 3): history, 1,234 commits read');
    p.stage('express', { stage: 'analysis', id: 'languages', index: 1, total: 8 });
    p.stage('express', { stage: 'analysis', id: 'hotspots', index: 2, total: 8 });
    expect(term.text()).toContain('analysis languages (1 of 8)');
    expect(term.text()).toContain('analysis hotspots (2 of 8)');
    expect(term.text()).toContain('0 of 3 repositories done');
    p.done('express', 'ok        express: 1,234 new commits, 1.0s');
    expect(term.text()).toContain('ok        express: 1,234 new commits, 1.0s\n');
    expect(term.text()).toContain('1 of 3 repositories done');
    p.stop();
  });

  test('nothing is drawn when stderr is not a terminal, or with --json', () => {
    const piped = fakeTerminal(false);
    const p = createProgress(true, piped.stream);
    p.total(1);
    p.start('express');
    p.stage('express', { stage: 'history', commits: 5 });
    p.done('express', 'ok express');
    p.stop();
    expect(piped.text()).toBe('');
    const json = fakeTerminal(true);
    const q = createProgress(false, json.stream);
    q.start('express');
    q.stop();
    expect(json.text()).toBe('');
  });
});
