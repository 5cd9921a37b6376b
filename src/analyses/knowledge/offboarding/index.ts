// Off-boarding simulation: files that lose every author when given people leave.
export { offboarding } from './offboarding.ts';
