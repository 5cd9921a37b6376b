// Identities: one person per human across names, e-mails, .mailmap, GitHub no-reply addresses
// and configured aliases; bots flagged. Pure functions over signatures.

export { isBot } from './bots.ts';
export { authorEmailKey } from './email.ts';
export { type Mailmap, parseMailmap, type Signature } from './mailmap.ts';
export { normaliseName } from './normalise.ts';
export {
  type AliasConfig,
  type IdentityOptions,
  type IdentityResult,
  resolveIdentities,
} from './resolve.ts';
