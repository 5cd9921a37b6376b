// CODEOWNERS: GitHub's file lookup, syntax and matching; a function from path to owners.

export {
  CODEOWNERS_LOCATIONS,
  CODEOWNERS_MAX_BYTES,
  type Codeowners,
  findCodeownersFile,
  ownersOf,
  parseCodeowners,
} from './parse.ts';
export { indexRules, type RuleIndex } from './rule-index.ts';
