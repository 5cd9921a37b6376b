// Identities: one person per human across names, e-mails, .mailmap, GitHub no-reply addresses
// and configured aliases; bots flagged. Pure functions over signatures.
export const ID = 'identities';

export { isBot, KNOWN_BOTS } from './bots.ts';
export { authorEmailKey, countAuthors } from './email.ts';
export { noreplyLogin } from './github.ts';
export { applyMailmap, type Mailmap, type MailmapResult, parseMailmap, type Signature } from './mailmap.ts';
export { normaliseName } from './normalise.ts';
export {
  type AliasConfig,
  type IdentityOptions,
  type IdentityResult,
  type PersonIdentity,
  resolveIdentities,
  type SeenSignature,
} from './resolve.ts';
