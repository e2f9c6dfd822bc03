import type { Permission } from './permissions.js';
import type { DataScope, ScopeSubject } from './scope.js';

/** Who is acting: a logged-in user or another department's system holding an API key. */
export interface Actor extends ScopeSubject {
  kind: 'user' | 'apiKey';
  /** User id, or API key id for `apiKey`. */
  id: string;
  userId: string | null;
  name: string;
  orgId: string;
  regionCode: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  dataScope: DataScope;
  /** An enterprise's account: the USCC it acts for (its data scope is `enterprise`); null for staff and API keys. */
  enterpriseUscc?: string | null;
  /** A user who must change an initial password may do nothing else (always false for API keys). */
  mustChangePassword: boolean;
}

/** A logged-in user, with what the UI shows about them. */
export interface UserActor extends Actor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
}

/** Where a request came from, recorded with each audit event. */
export interface RequestContext {
  actor: Actor | null;
  ip?: string;
  requestId?: string;
}


/** A context for work done by the system itself (first start, jobs, CLI). */
export const systemContext = (): RequestContext => ({ actor: null });
