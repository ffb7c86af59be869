import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { ValidationError } from '../core/errors';
import type { Db } from '../db/client';
import type { SignInGuard } from './sign-in-guard';
import { findUserById } from './auth.repo';
import { SESSION_ABSOLUTE_MS } from './auth.service';
import { assertAcceptablePassword } from './password-policy';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets';
import * as sessionsRepo from './sessions.repo';

/** What a signed-in user does to their own account: change the password, sign out everywhere. */
export function createAccountService({ db, clock, signInGuard }: { db: Db; clock: Clock; signInGuard: SignInGuard }) {
  /**
   * A new password ends every session, the caller's included; the caller gets a fresh one.
   * Wrong current passwords count towards the sign-in lockout, so a stolen session cannot
   * be used to guess the password at full speed.
   */
  async function changePassword(actor: Actor, currentPassword: string, newPassword: string, ip: string): Promise<{ sessionId: string }> {
    const user = await findUserById(db, actor.orgId, actor.userId);
    const wrongCurrent = new ValidationError([{ field: 'currentPassword', message: 'is not your current password' }]);
    await signInGuard.guarded(
      user?.email ?? actor.userId,
      ip,
      async () => {
        if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) throw wrongCurrent;
      },
      (err) => err === wrongCurrent,
    );
    assertAcceptablePassword(newPassword, 'newPassword');
    const sessionId = newSecret();
    const now = clock.now();
    await sessionsRepo.replacePassword(db, actor.orgId, actor.userId, await hashPassword(newPassword), {
      idHash: hashSecret(sessionId),
      orgId: actor.orgId,
      userId: actor.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    return { sessionId };
  }

  async function signOutEverywhere(actor: Actor) {
    await sessionsRepo.deleteUserSessions(db, actor.orgId, actor.userId);
  }

  return { changePassword, signOutEverywhere };
}

export type AccountService = ReturnType<typeof createAccountService>;
