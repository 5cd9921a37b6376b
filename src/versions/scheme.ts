// What every ecosystem's version rules provide. `compare` is only called on valid versions.
export interface VersionScheme {
  valid(version: string): boolean;
  /** Negative, zero or positive, like a sort comparator. */
  compare(a: string, b: string): number;
}

/** A version string that the ecosystem's rules cannot read. */
export class InvalidVersionError extends Error {
  readonly ecosystem: string;
  readonly version: string;
  constructor(ecosystem: string, version: string) {
    super(`not a valid ${ecosystem} version: ${JSON.stringify(version)}`);
    this.name = 'InvalidVersionError';
    this.ecosystem = ecosystem;
    this.version = version;
  }
}
