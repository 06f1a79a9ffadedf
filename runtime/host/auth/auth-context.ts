/** Who is calling, once authenticated; kept in `ctx.state.auth`. */
import type { Role } from '../../db/schema.ts';
import { ForbiddenError } from '../../workflow/errors.ts';
import { type Action, can } from './permissions.ts';

/** The signed-in caller: a member through a browser session, or an API key. */
export interface AuthContext {
  tenantId: string;
  /** The member, or the user who created the API key. */
  userId: string | null;
  role: Role;
  via: 'session' | 'api-key';
  sessionId?: string;
  apiKeyId?: string;
  /** API keys only: the actions the key was granted. */
  scopes?: string[];
}

/** Whether the caller may perform `action`: a key needs the scope and its creator's role must allow it. */
export function allows(auth: AuthContext, action: Action): boolean {
  if (!can(auth.role, action)) return false;
  return auth.via === 'session' || (auth.scopes ?? []).includes(action);
}

/** Throws a 403 that names the missing permission. */
export function authorize(auth: AuthContext, action: Action): void {
  if (!allows(auth, action)) {
    const who = auth.via === 'api-key' ? 'this API key (missing scope or role)' : `role '${auth.role}'`;
    throw new ForbiddenError(`${who} may not ${action.replace(':', ' ')}`);
  }
}
