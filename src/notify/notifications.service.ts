import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { InvalidRequestError, NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import {
  countUnread,
  insertNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationExists,
  type NotificationRow,
} from './notifications.repo';

export interface NewNotification {
  orgId: string;
  userId: string;
  offerId?: string | null;
  kind: string;
  title: string;
  body: string;
  now: Date;
}

/** Puts an item in one person's inbox, inside the caller's transaction. */
export async function notifyUser(tx: Db, n: NewNotification): Promise<void> {
  await insertNotification(tx, {
    id: randomUUID(),
    orgId: n.orgId,
    userId: n.userId,
    offerId: n.offerId ?? null,
    kind: n.kind,
    title: n.title,
    body: n.body,
    createdAt: n.now,
  });
}

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  offerId: string | null;
  createdAt: string;
  readAt: string | null;
}

const toItem = (r: NotificationRow): NotificationItem => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  offerId: r.offerId,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/** The signed-in person's inbox. Someone else's notification is not found, whoever asks. */
export function createNotifications({ db, clock }: { db: Db; clock: Clock }) {
  async function list(actor: Actor, q: { limit: number; cursor?: string; unread?: boolean }) {
    if (q.cursor && !(await notificationExists(db, actor.orgId, actor.userId, q.cursor))) {
      throw new InvalidRequestError('The cursor is not one this API returned.', [{ field: 'cursor', message: 'is not a cursor from a previous page' }]);
    }
    const rows = await listNotifications(db, actor.orgId, actor.userId, { afterId: q.cursor, unreadOnly: q.unread, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(toItem),
      unreadCount: await countUnread(db, actor.orgId, actor.userId),
      nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    };
  }

  async function markRead(actor: Actor, id: string): Promise<NotificationItem> {
    const row = await markNotificationRead(db, actor.orgId, actor.userId, id, clock.now());
    if (!row) throw new NotFoundError('notification', id);
    return toItem(row);
  }

  async function markAllRead(actor: Actor): Promise<{ marked: number }> {
    return { marked: await markAllNotificationsRead(db, actor.orgId, actor.userId, clock.now()) };
  }

  return { list, markRead, markAllRead };
}

export type Notifications = ReturnType<typeof createNotifications>;
