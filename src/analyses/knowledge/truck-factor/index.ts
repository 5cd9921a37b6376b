// Truck factor (Avelino, Passos, Hora, Valente: "A Novel Approach for Estimating Truck Factors",
// ICPC 2016): degree of authorship per file, authors per file, greedy removal of top authors.
export const ID = 'truck-factor';

export {
  type AuthorshipThresholds,
  authorshipOf,
  degreeOfAuthorship,
  type FileAuthorship,
  fileRecords,
  recordsByPath,
} from './doa.ts';
export { type GreedyOptions, type GreedyResult, greedyTruckFactor, type RemovedPerson } from './greedy.ts';
export {
  type ChangeStatus,
  type HistoryChange,
  type HistoryCommit,
  historyArgs,
  parseHistory,
  readFiles,
  readHistory,
} from './history.ts';
export {
  computeTruckFactor,
  type FolderTruckFactor,
  PUBLISHED_OPTIONS,
  type TruckFactorInput,
  type TruckFactorOptions,
  type TruckFactorResult,
  topFolder,
} from './truck-factor.ts';
