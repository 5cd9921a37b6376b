// Truck factor (Avelino, Passos, Hora, Valente: "A Novel Approach for Estimating Truck Factors",
// ICPC 2016): degree of authorship per file, authors per file, greedy removal of top authors.

export {
  readFiles,
  readHistory,
} from './history.ts';
export {
  computeTruckFactor,
  type TruckFactorResult,
  topFolder,
} from './truck-factor.ts';
