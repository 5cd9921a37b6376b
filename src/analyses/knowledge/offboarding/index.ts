// Off-boarding simulation: files that lose every author when given people leave.
export const ID = 'offboarding';

export {
  commitCountsOf,
  type FolderLoss,
  folderOf,
  type OffboardingInput,
  type OffboardingResult,
  type OrphanedFile,
  offboarding,
} from './offboarding.ts';
