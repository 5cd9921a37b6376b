// endoflife.date data as plain rows: a product with identifiers and release cycles. Dates are
// `YYYY-MM-DD` strings; a phase (`eol`, `eoas`, `eoes`) is a date, or a boolean when no date is known
// (true: the phase has ended; false: it has not), or null when the product does not have that phase.
export type Phase = string | boolean | null;

export interface EolCycle {
  /** The cycle name as the product uses it: `22`, `3.12`, `1.22`. */
  name: string;
  releaseDate: string | null;
  /** LTS flag or the date it became LTS. */
  lts: Phase;
  /** End of active support. */
  eoas: Phase;
  /** End of life (end of security support). */
  eol: Phase;
  /** End of extended support. */
  eoes: Phase;
  latest: string | null;
}

export interface EolIdentifier {
  /** `purl`, `cpe` or `repology`. */
  type: string;
  id: string;
}

export interface EolProduct {
  /** The endoflife.date product key: `nodejs`, `postgresql`. */
  key: string;
  label: string;
  identifiers: EolIdentifier[];
  cycles: EolCycle[];
}
