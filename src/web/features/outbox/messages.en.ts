import { registerMessages } from '../../i18n/t';

/**
 * The words of the outbox screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const outboxMessagesEn = registerMessages({
  'outbox.title': 'Outbox',
  'outbox.subtitle': 'Every e-mail Offerline sent or is holding, newest first. Without an SMTP server, mail is held here so you can read it.',
  'outbox.table': 'Outgoing e-mail',
  'outbox.time': 'Time',
  'outbox.to': 'To',
  'outbox.subject': 'Subject',
  'outbox.status': 'Status',
  'outbox.empty': 'No e-mail yet.',
  'outbox.more': 'Show older e-mail',
  'outbox.readLabel': '{subject}, to {to}',
  'outbox.status.queued': 'Queued',
  'outbox.status.sent': 'Sent',
  'outbox.status.held': 'Held',
  'outbox.status.failed': 'Failed',
  'outbox.meta': 'To {to} · {when}',
  'outbox.sentAt': 'Sent {when}',
  'outbox.lastError': 'Last error after {attempts} attempts: {error}',
  'outbox.close': 'Close',
});
