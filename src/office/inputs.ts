// The office inputs an analysis reads, and one hash of them. The hash is recorded with each snapshot,
// so a rescan runs an analysis again when an office file or a cto.yaml section it reads changed,
// even when the repository did not (DESIGN.md rule 6).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDay } from '../reference-date.ts';
import { RISKS_FILE } from '../risk/decisions.ts';
import { PEOPLE_FILE } from './people.ts';
import { TEAMS_FILE } from './teams.ts';

/**
 * An office file of the workspace (`teams`, `people`, `risks`), a section of cto.yaml (`config:licences`),
 * or the reference date its windows count back from (`reference-date`: a rescan on another day runs it again).
 */
export type OfficeInput = OfficeFile | 'reference-date' | `config:${string}`;

type OfficeFile = 'teams' | 'people' | 'risks';

const FILES: Record<OfficeFile, string> = { teams: TEAMS_FILE, people: PEOPLE_FILE, risks: RISKS_FILE };

export interface OfficeWorkspace {
  dir: string;
  config: Record<string, unknown>;
  /** The reference day (YYYY-MM-DD) of the scan; today (UTC) when absent. */
  today?: string;
}

/** A hash of what the inputs hold now (a missing file counts as such); null when there are none. */
export function officeInputsHash(reads: readonly OfficeInput[], workspace: OfficeWorkspace): string | null {
  if (reads.length === 0) return null;
  const hash = createHash('sha256');
  for (const input of [...new Set(reads)].sort()) {
    hash.update(`${input}\0`).update(inputContent(input, workspace)).update('\0');
  }
  return hash.digest('hex');
}

function inputContent(input: OfficeInput, workspace: OfficeWorkspace): string | Buffer {
  if (input === 'reference-date') return referenceDay(workspace.today);
  if (input in FILES) {
    try {
      return Buffer.concat([
        Buffer.from('file\0'),
        readFileSync(join(workspace.dir, FILES[input as OfficeFile])),
      ]);
    } catch {
      return 'absent';
    }
  }
  const section = workspace.config[input.slice('config:'.length)];
  return section === undefined ? 'absent' : `value\0${stableJson(section)}`;
}

/** JSON with object keys in order, so that reordering keys in cto.yaml changes nothing. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
