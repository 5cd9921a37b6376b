// Language classification and line counting for the files of a snapshot.
export { type Category, type Classification, classify } from './classify.ts';
export { countLines, isBinary, type LineCounts } from './count.ts';
export { detectLanguage, shebangInterpreter } from './detect.ts';
export {
  type AttributeMatcher,
  type Attributes,
  type AttributeValue,
  type GitattributesFile,
  parseGitattributes,
} from './gitattributes.ts';
export { analyseCommit, type FileLanguage, type LanguageTotal, languageTotals } from './snapshot.ts';
