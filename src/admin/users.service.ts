import type { Clock } from '../core/clock';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import type { Role } from '../core/roles';
import type { Db } from '../db/client';
import { assertAcceptablePassword } from '../auth/password-policy';
import { hashPassword } from '../auth/secrets';
import * as repo from './users.repo';

export interface RoleGrantInput {
  role: Role;
  businessUnitId?: string | null;
}

export interface NewUser {
  name: string;
  email: string;
  roles: RoleGrantInput[];
  /** Omitted for users who sign in only through single sign-on. */
  password?: string;
}

/**
 * Administration of an organisation's users and roles, shared by the admin API and the CLI.
 * Every call is scoped to one organisation: a user of another organisation is not found.
 * Who may call it (an organisation-wide admin) is the caller's check.
 */
export function createUserAdmin({ db, clock }: { db: Db; clock: Clock }) {
  async function present(orgId: string, userId: string) {
    const user = await repo.findUser(db, orgId, userId);
    if (!user) throw new NotFoundError('user', userId);
    const roles = await repo.listRoles(db, orgId, userId);
    return toDto(user, roles);
  }

  async function list(orgId: string) {
    const [users, roles] = await Promise.all([repo.listUsers(db, orgId), repo.listRoles(db, orgId)]);
    return users.map((u) => toDto(u, roles.filter((r) => r.userId === u.id)));
  }

  /** Business units named by id must belong to the organisation; the field names which one failed. */
  async function checkUnits(orgId: string, grants: RoleGrantInput[], field: (i: number) => string) {
    for (const [i, g] of grants.entries()) {
      if (g.businessUnitId && !(await repo.findBusinessUnit(db, orgId, { id: g.businessUnitId }))) {
        throw new ValidationError([{ field: field(i), message: `no business unit with id "${g.businessUnitId}" in your organisation` }]);
      }
    }
  }

  async function create(orgId: string, input: NewUser) {
    if (await repo.findUserIdByEmail(db, input.email)) throw new ValidationError([{ field: 'email', message: `"${input.email}" is already in use` }]);
    if (input.password !== undefined) assertAcceptablePassword(input.password, 'password');
    await checkUnits(orgId, input.roles, (i) => `roles.${i}.businessUnitId`);
    const id = await repo.insertUserWithRoles(
      db,
      { orgId, name: input.name, email: input.email, passwordHash: input.password === undefined ? null : await hashPassword(input.password) },
      input.roles.map((r) => ({ role: r.role, businessUnitId: r.businessUnitId ?? null })),
    );
    return present(orgId, id);
  }

  async function setRole(orgId: string, userId: string, grant: boolean, input: RoleGrantInput, actorId?: string) {
    if (!(await repo.findUser(db, orgId, userId))) throw new NotFoundError('user', userId);
    await checkUnits(orgId, [input], () => 'businessUnitId');
    const businessUnitId = input.businessUnitId ?? null;
    if (!grant && userId === actorId && input.role === 'admin' && businessUnitId === null) {
      throw new ConflictError('You cannot remove your own admin role; ask another admin.');
    }
    const changed = await repo.changeRole(db, orgId, userId, { grant, role: input.role, businessUnitId });
    if (!grant && !changed) throw new NotFoundError('role grant', `${input.role}${businessUnitId ? ` in ${businessUnitId}` : ''}`);
    return present(orgId, userId);
  }

  async function setDisabled(orgId: string, userId: string, disabled: boolean, actorId?: string) {
    if (!(await repo.findUser(db, orgId, userId))) throw new NotFoundError('user', userId);
    if (disabled && userId === actorId) throw new ConflictError('You cannot disable your own account.');
    await repo.setDisabled(db, orgId, userId, disabled ? clock.now() : null);
    return present(orgId, userId);
  }

  return {
    list,
    create,
    get: present,
    grantRole: (orgId: string, userId: string, input: RoleGrantInput, actorId?: string) => setRole(orgId, userId, true, input, actorId),
    revokeRole: (orgId: string, userId: string, input: RoleGrantInput, actorId?: string) => setRole(orgId, userId, false, input, actorId),
    disable: (orgId: string, userId: string, actorId?: string) => setDisabled(orgId, userId, true, actorId),
    enable: (orgId: string, userId: string) => setDisabled(orgId, userId, false),
    findBusinessUnitByName: (orgId: string, name: string) => repo.findBusinessUnit(db, orgId, { name }),
    findUserByEmail: (email: string) => repo.findUserIdByEmail(db, email),
  };
}

export type UserAdmin = ReturnType<typeof createUserAdmin>;

function toDto(user: repo.UserRow, roles: repo.RoleRow[]) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    disabledAt: user.disabledAt ? user.disabledAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    hasPassword: user.hasPassword,
    sso: user.sso,
    roles: roles.map((r) => ({ role: r.role, businessUnitId: r.businessUnitId, businessUnitName: r.businessUnitName })),
  };
}

export type AdminUserDto = ReturnType<typeof toDto>;
