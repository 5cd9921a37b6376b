// Typed access to the CVSS v4.0 scoring tables (cvss4-tables.json, from the FIRST specification).
import tables from './cvss4-tables.json' with { type: 'json' };

type Levels = Record<string, string[]>;

export const MACRO_SCORES: Record<string, number> = tables.macroVectorScores;
export const HIGHEST: {
  eq1: Levels;
  eq2: Levels;
  eq3eq6: Record<string, Levels>;
  eq4: Levels;
  eq5: Levels;
} = tables.highestVectors;
export const DEPTH: {
  eq1: Record<string, number>;
  eq2: Record<string, number>;
  eq3eq6: Record<string, Record<string, number>>;
  eq4: Record<string, number>;
} = tables.maxSeverityDepth;
