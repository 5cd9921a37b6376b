// Who is signed in, shared by every page; `can` mirrors the server's grants (src/server/roles.ts) so a
// page does not ask for what the API would refuse. The API still decides every request.
import { createContext, useContext } from 'react';
import { allows, type Permission } from '../../src/server/roles.ts';
import type { SessionUser } from './api.ts';

interface SessionState {
  user: SessionUser;
  logOut: () => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export function useCan(): (permission: Permission) => boolean {
  const { user } = useSession();
  return (permission) => allows(user.role, permission);
}
