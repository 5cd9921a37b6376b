// CODEOWNERS: GitHub's file lookup, syntax and matching; a function from path to owners.
export const ID = 'codeowners';

export {
  CODEOWNERS_LOCATIONS,
  CODEOWNERS_MAX_BYTES,
  type Codeowners,
  findCodeownersFile,
  type Owner,
  type OwnerKind,
  type OwnerRule,
  ownersOf,
  parseCodeowners,
  parseOwner,
  ruleFor,
} from './parse.ts';
export { checkPattern, compilePattern, type PathMatcher } from './pattern.ts';
export { indexRules, type RuleIndex } from './rule-index.ts';
