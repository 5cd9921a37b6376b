// Language classification and line counting for the files of a snapshot.
export { classify } from './classify.ts';
export { countLines } from './count.ts';
export { parseGitattributes } from './gitattributes.ts';
export { analyseCommit } from './snapshot.ts';
