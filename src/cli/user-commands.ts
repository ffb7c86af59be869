import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { Role } from '../core/roles';
import type { Db } from '../db/client';
import { findUserByEmail, updatePasswordHash } from '../auth/auth.repo';
import { hashPassword } from '../auth/secrets';
import { findOrganizationBySlug, grantRole, insertUser } from '../directory/org-setup.repo';

async function choosePassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (password.length < 8 || password.length > 128) throw new Error('The password must be 8 to 128 characters.');
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
