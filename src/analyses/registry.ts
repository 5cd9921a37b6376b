// Every analysis the scan runs after collection, in order (an analysis comes after those it reads).
// A test checks that each folder under src/analyses/ with an `analysis.ts` is listed here.
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
