import type { Role } from './roles';

/** Who is acting, resolved by the server from a session or API token. */
export interface Actor {
  userId: string;
  orgId: string;
  roles: Role[];
}
