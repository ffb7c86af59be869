import type { Role } from './roles';

/**
 * One role a user holds: across the organisation (businessUnitId null) or in one
 * business unit, where it applies only to that unit's offers.
 */
export interface RoleGrant {
  role: Role;
  businessUnitId: string | null;
}

/** Who is acting, resolved by the server from a session or API token. */
export interface Actor {
  userId: string;
  orgId: string;
  roles: RoleGrant[];
}

/** The distinct role names an actor holds in any scope (for checks that ignore scope, such as the UI). */
export function roleNames(actor: Pick<Actor, 'roles'>): Role[] {
  return [...new Set(actor.roles.map((g) => g.role))];
}

/** Organisation-wide grants: for actions not tied to one business unit (e.g. reading the audit). */
export function holdsOrgWide(actor: Pick<Actor, 'roles'>, role: Role): boolean {
  return actor.roles.some((g) => g.role === role && g.businessUnitId === null);
}
