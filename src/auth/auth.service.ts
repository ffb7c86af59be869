import { randomUUID } from 'node:crypto';
import { roleNames, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { NotFoundError, UnauthenticatedError } from '../core/errors';
import type { Db } from '../db/client';
import * as repo from './auth.repo';
import { dummyPasswordHash, hashSecret, newSecret, verifyPassword } from './secrets';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** How a session was opened (sessions.auth_method). */
export type AuthMethod = 'password' | 'oidc';
/** Re-write last_seen_at at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60 * 1000;

export function createAuthService({ db, clock }: { db: Db; clock: Clock }) {
  /** Null for a disabled user: their sessions and tokens stop working at once. */
  async function actorFor(orgId: string, userId: string): Promise<Actor | null> {
    const user = await repo.findUserById(db, orgId, userId);
    if (!user || user.disabledAt) return null;
    const roles = await repo.listRoles(db, orgId, userId);
    return { orgId, userId, roles: roles.map((r) => ({ role: r.role, businessUnitId: r.businessUnitId })) };
  }

  /** Checks the password and opens a new session; the old one (if any) ends, so ids rotate. */
  async function signIn(email: string, password: string, previousSessionId?: string) {
    const user = await repo.findUserByEmail(db, email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !user.passwordHash || !ok || user.disabledAt) {
      throw new UnauthenticatedError('The e-mail or password is not right.');
    }
    return openSession(user, 'password', previousSessionId);
  }

  /**
   * Opens a new session for a user the caller has already authenticated (password
   * or single sign-on); the old one (if any) ends, so ids rotate.
   */
  async function openSession(user: { id: string; orgId: string }, authMethod: AuthMethod, previousSessionId?: string) {
    if (previousSessionId) await repo.deleteSession(db, hashSecret(previousSessionId));
    const sessionId = newSecret();
    const now = clock.now();
    await repo.insertSession(db, {
      idHash: hashSecret(sessionId),
      orgId: user.orgId,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      authMethod,
    });
    return { sessionId, actor: (await actorFor(user.orgId, user.id))! };
  }

  async function actorFromSession(sessionId: string): Promise<Actor | null> {
    const idHash = hashSecret(sessionId);
    const now = clock.now();
    const session = await repo.findLiveSession(db, idHash, now);
    if (!session) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) {
      await repo.deleteSession(db, idHash);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, idHash, now);
    return actorFor(session.orgId, session.userId);
  }

  async function signOut(sessionId: string) {
    await repo.deleteSession(db, hashSecret(sessionId));
  }

  async function actorFromApiToken(token: string): Promise<Actor | null> {
    const now = clock.now();
    const row = await repo.findLiveApiToken(db, hashSecret(token), now);
    if (!row) return null;
    await repo.touchApiToken(db, row.id, now);
    return actorFor(row.orgId, row.userId);
  }

  async function createApiToken(actor: Actor, name: string, expiresInDays: number) {
    const token = newSecret('olt_');
    const now = clock.now();
    const row = await repo.insertApiToken(db, {
      id: randomUUID(),
      orgId: actor.orgId,
      userId: actor.userId,
      name,
      tokenHash: hashSecret(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
    });
    return { id: row.id, name: row.name, token, expiresAt: row.expiresAt };
  }

  async function revokeApiToken(actor: Actor, id: string) {
    if (!(await repo.revokeApiToken(db, actor.orgId, actor.userId, id, clock.now()))) throw new NotFoundError('API token', id);
  }

  async function me(actor: Actor) {
    const user = await repo.findUserById(db, actor.orgId, actor.userId);
    const org = await repo.findOrganization(db, actor.orgId);
    return {
      user: { id: user!.id, name: user!.name, email: user!.email },
      organization: { id: org!.id, name: org!.name },
      roles: roleNames(actor),
    };
  }

  return {
    signIn,
    openSession,
    signOut,
    actorFromSession,
    actorFromApiToken,
    createApiToken,
    revokeApiToken,
    listApiTokens: (actor: Actor) => repo.listApiTokens(db, actor.orgId, actor.userId),
    me,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
