// Users, settings and the audit trail (`users:admin`, tokens need the scope `admin`). Every change is
// audited with who, when and from where; no route changes or deletes an audit row.
import { z } from 'zod';
import { auditDocument } from '../../cli/audit.ts';
import { usersDocument } from '../../cli/users.ts';
import { CtoError } from '../../errors.ts';
import { findUser } from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import { addUser, changeRole, setDisabled } from '../accounts.ts';
import { ROLES } from '../roles.ts';
import { changeSettings, SETTINGS, settingsDocument } from '../settings.ts';
import { type ApiRoute, PAGING, type RouteContext } from './route.ts';

const NEW_USER = z
  .object({
    email: z.string().min(3).max(320),
    role: z.enum(ROLES),
    /** 12 characters or more; without it a one-time password is made and returned once. */
    password: z.string().min(12).max(1024).optional(),
  })
  .strict();

const USER_CHANGE = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role or disabled');

const by = (ctx: RouteContext) => ({ actor: ctx.caller.email, source: ctx.source });

async function userOf(store: Store, email: string) {
  const u = await findUser(store, email);
  if (!u) throw new CtoError('USER_NOT_FOUND', `no user ${email}: GET /api/v1/users lists them`);
  return { email: u.email, role: u.role, createdAt: u.created_at, disabledAt: u.disabled_at };
}

export const ACCOUNT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/users',
    permission: 'users:admin',
    summary: 'Users of the server (as `cto users list --json`); password hashes are never returned.',
    schema: 'cto.users/v1',
    query: PAGING,
    list: 'users',
    handler: ({ store }) => usersDocument(store),
  },
  {
    method: 'POST',
    url: '/api/v1/users',
    permission: 'users:admin',
    summary:
      'Add a user (as `cto users add`): without `password`, a one-time password (128 random bits) is returned, once; audited `user.created`.',
    schema: 'cto.user-created/v1',
    body: NEW_USER,
    status: 201,
    handler: async (ctx) => {
      const b = ctx.body as z.infer<typeof NEW_USER>;
      const added = await addUser(
        ctx.store,
        { email: b.email, role: b.role, ...(b.password === undefined ? {} : { password: b.password }) },
        by(ctx),
      );
      return { user: await userOf(ctx.store, b.email), oneTimePassword: added.oneTimePassword };
    },
  },
  {
    method: 'PATCH',
    url: '/api/v1/users/:email',
    permission: 'users:admin',
    summary:
      "Change a user's role (audited `user.role` with the old and new role) or disable or enable them (`user.disabled`: their tokens stop working and their sessions end at once).",
    schema: 'cto.user/v1',
    body: USER_CHANGE,
    handler: async (ctx) => {
      const b = ctx.body as z.infer<typeof USER_CHANGE>;
      const email = ctx.params.email as string;
      const before = await userOf(ctx.store, email);
      if (b.role !== undefined && b.role !== before.role) await changeRole(ctx.store, email, b.role, by(ctx));
      if (b.disabled !== undefined && b.disabled !== (before.disabledAt !== null))
        await setDisabled(ctx.store, email, b.disabled, by(ctx));
      return { user: await userOf(ctx.store, email) };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/settings',
    permission: 'users:admin',
    summary: 'The server settings in force and their defaults (as `cto settings list --json`).',
    schema: 'cto.settings/v1',
    handler: ({ store }) => settingsDocument(store),
  },
  {
    method: 'PUT',
    url: '/api/v1/settings',
    permission: 'users:admin',
    summary:
      'Change server settings (any of them; the others stay): each changed one is stored and audited `settings.changed` with its old and new value.',
    schema: 'cto.settings/v1',
    body: SETTINGS.partial(),
    handler: async (ctx) => {
      const { changed } = await changeSettings(ctx.store, ctx.body as z.infer<typeof SETTINGS>, by(ctx));
      return { ...(await settingsDocument(ctx.store)), changed };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/audit',
    permission: 'users:admin',
    summary: 'The audit trail, newest first (as `cto audit --json`). Read only: no route changes it.',
    schema: 'cto.audit/v1',
    query: PAGING,
    list: 'entries',
    handler: ({ store }) => auditDocument(store),
  },
];
