// Every analysis the scan runs after collection, in order (an analysis comes after those it reads).
// src/analyses/ holds analyses only: a test checks that every folder there has an `analysis.ts` and is listed here.

import { CtoError } from '../errors.ts';
import { couplingAnalysis } from './coupling/analysis.ts';
import { deliveryAnalysis } from './delivery/analysis.ts';
import { hotspotsAnalysis } from './hotspots/analysis.ts';
import { knowledgeAnalysis } from './knowledge/analysis.ts';
import { languagesAnalysis } from './languages/analysis.ts';
import { licencesAnalysis } from './licences/analysis.ts';
import { ownershipAnalysis } from './ownership/analysis.ts';
import { technologiesAnalysis } from './technologies/analysis.ts';
import type { Analysis } from './types.ts';

export const ANALYSES: readonly Analysis[] = [
  languagesAnalysis,
  hotspotsAnalysis,
  couplingAnalysis,
  deliveryAnalysis,
  licencesAnalysis,
  technologiesAnalysis,
  knowledgeAnalysis,
  ownershipAnalysis,
];

/**
 * The analyses to run for a list of ids (`--analyses a,b`, or `scan.analyses` in cto.yaml), in
 * registry order, with the analyses they read added. An unknown id is a usage error naming the known ones.
 */
export function selectAnalyses(ids: readonly string[]): Analysis[] {
  const known = new Map(ANALYSES.map((a) => [a.id, a]));
  const wanted = new Set<string>();
  const add = (id: string) => {
    const a = known.get(id);
    if (!a) {
      throw new CtoError(
        'USAGE',
        `unknown analysis "${id}"; the analyses are: ${[...known.keys()].join(', ')}`,
      );
    }
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of a.after ?? []) add(dep);
  };
  for (const id of ids) add(id.trim());
  return ANALYSES.filter((a) => wanted.has(a.id));
}
