import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { Role } from '../core/roles';
import type { Db } from '../db/client';
import { findUserByEmail, updatePasswordHash } from '../auth/auth.repo';
import { hashPassword } from '../auth/secrets';
import { assertAcceptablePassword } from '../auth/password-policy';
import { createUserAdmin } from '../admin/users.service';
import { systemClock } from '../core/clock';
import { findOrganizationBySlug, grantRole, insertUser } from '../directory/org-setup.repo';

async function choosePassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  if ([...password].length < 8 || [...password].length > 128) throw new Error('The password must be 8 to 128 characters.');
  assertAcceptablePassword(password);
  return { password, generated: false };
}

export async function createUser(db: Db, opts: { org: string; email: string; name: string; role: Role[]; passwordStdin?: boolean }) {
  const org = await findOrganizationBySlug(db, opts.org);
  if (!org) throw new Error(`No organisation with slug "${opts.org}".`);
  if (await findUserByEmail(db, opts.email)) throw new Error(`A user with e-mail ${opts.email} exists already.`);
  const { password, generated } = await choosePassword(opts.passwordStdin);
  const user = await insertUser(db, { orgId: org.id, email: opts.email, name: opts.name, passwordHash: await hashPassword(password) });
  for (const role of opts.role) await grantRole(db, org.id, user.id, role);
  process.stdout.write(`Created ${opts.email} (${opts.role.join(', ')}) in ${org.name}.\n`);
  if (generated) process.stdout.write(`Password (shown once): ${password}\n`);
}

export async function resetPassword(db: Db, opts: { email: string; passwordStdin?: boolean }) {
  const user = await findUserByEmail(db, opts.email);
  if (!user) throw new Error(`No user with e-mail ${opts.email}.`);
  const { password, generated } = await choosePassword(opts.passwordStdin);
  await updatePasswordHash(db, user.id, await hashPassword(password));
  process.stdout.write(`Password reset for ${opts.email}.\n`);
  if (generated) process.stdout.write(`New password (shown once): ${password}\n`);
}

/** The user by e-mail, with the organisation that every change below is scoped to. */
async function userByEmail(db: Db, email: string) {
  const users = createUserAdmin({ db, clock: systemClock });
  const user = await users.findUserByEmail(email);
  if (!user) throw new Error(`No user with e-mail ${email}.`);
  return { users, user };
}

async function scopeOf(users: ReturnType<typeof createUserAdmin>, orgId: string, businessUnit: string | undefined) {
  if (businessUnit === undefined) return null;
  const unit = await users.findBusinessUnitByName(orgId, businessUnit);
  if (!unit) throw new Error(`No business unit named "${businessUnit}" in this user's organisation.`);
  return unit.id;
}

const describeScope = (businessUnit: string | undefined) => (businessUnit ? ` in ${businessUnit}` : ' across the organisation');

/** Role changes end the user's sessions, so the next sign-in carries the new roles. */
export async function changeRole(db: Db, opts: { email: string; role: Role; businessUnit?: string; grant: boolean }) {
  const { users, user } = await userByEmail(db, opts.email);
  const input = { role: opts.role, businessUnitId: await scopeOf(users, user.orgId, opts.businessUnit) };
  if (opts.grant) await users.grantRole(user.orgId, user.id, input);
  else await users.revokeRole(user.orgId, user.id, input);
  const verb = opts.grant ? 'Granted' : 'Revoked';
  process.stdout.write(`${verb} ${opts.role}${describeScope(opts.businessUnit)} ${opts.grant ? 'to' : 'from'} ${opts.email}; their sessions have ended.\n`);
}

export async function setUserEnabled(db: Db, opts: { email: string; enabled: boolean }) {
  const { users, user } = await userByEmail(db, opts.email);
  if (opts.enabled) await users.enable(user.orgId, user.id);
  else await users.disable(user.orgId, user.id);
  process.stdout.write(opts.enabled ? `Enabled ${opts.email}.\n` : `Disabled ${opts.email}: their sessions ended and their API tokens stopped working.\n`);
}
