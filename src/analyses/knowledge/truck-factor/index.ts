// Truck factor (Avelino, Passos, Hora, Valente: "A Novel Approach for Estimating Truck Factors",
// ICPC 2016): degree of authorship per file, authors per file, greedy removal of top authors.
export type {
  AuthorshipThresholds,
  FileAuthorship,
} from './doa.ts';
export type { GreedyOptions, GreedyResult, RemovedPerson } from './greedy.ts';
export {
  type ChangeStatus,
  type HistoryChange,
  type HistoryCommit,
  readFiles,
  readHistory,
} from './history.ts';
export {
  computeTruckFactor,
  type FolderTruckFactor,
  type TruckFactorInput,
  type TruckFactorOptions,
  type TruckFactorResult,
  topFolder,
} from './truck-factor.ts';
