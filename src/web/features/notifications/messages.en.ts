import { registerMessages } from '../../i18n/t';

/**
 * The words of the notifications screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const notificationsMessagesEn = registerMessages({
  'notifications.empty': 'Nothing new. Approval requests, reminders and escalations appear here.',
  'notifications.markRead': 'Mark read',
  'notifications.markReadLabel': 'Mark read: {title}',
  'notifications.markAllRead': 'Mark all read',
  'notifications.openOffer': 'Open offer',
  'notifications.unread': 'Unread',
  'notifications.list': 'Recent notifications',
});
