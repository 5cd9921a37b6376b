// Off-boarding simulation: files that lose every author when given people leave.
export {
  type FolderLoss,
  type OffboardingInput,
  type OffboardingResult,
  type OrphanedFile,
  offboarding,
} from './offboarding.ts';
