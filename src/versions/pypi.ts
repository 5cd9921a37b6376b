// PyPI: PEP 440 through `@renovatebot/pep440` (epochs, pre/post/dev releases, local versions).
import { compare, valid } from '@renovatebot/pep440';
import type { VersionScheme } from './scheme.ts';

export const pypiScheme: VersionScheme = {
  valid: (v) => valid(v) !== null,
  compare: (a, b) => compare(a, b),
};
