import { coreMessagesEn } from './messages.en';
import type { sharedMessagesEn } from './shared.en';
import type { customFieldsMessagesEn } from './custom-fields.en';
import type { fieldsMessagesEn } from '../features/fields/messages.en';
import type { adminMessagesEn } from '../features/admin/messages.en';
import type { approvalsMessagesEn } from '../features/approvals/messages.en';
import type { authMessagesEn } from '../features/auth/messages.en';
import type { boardMessagesEn } from '../features/board/messages.en';
import type { closeoutMessagesEn } from '../features/closeout/messages.en';
import type { delegationMessagesEn } from '../features/delegation/messages.en';
import type { deliveryMessagesEn } from '../features/delivery/messages.en';
import type { documentsMessagesEn } from '../features/documents/messages.en';
import type { importsMessagesEn } from '../features/imports/messages.en';
import type { intakeMessagesEn } from '../features/intake/messages.en';
import type { journalMessagesEn } from '../features/journal/messages.en';
import type { metricsMessagesEn } from '../features/metrics/messages.en';
import type { negotiationMessagesEn } from '../features/negotiation/messages.en';
import type { notificationsMessagesEn } from '../features/notifications/messages.en';
import type { offersMessagesEn } from '../features/offers/messages.en';
import type { outboxMessagesEn } from '../features/outbox/messages.en';
import type { policyMessagesEn } from '../features/policy/messages.en';
import type { portalMessagesEn } from '../features/portal/messages.en';
import type { signingSettingsMessagesEn } from '../features/signing-settings/messages.en';
import type { webhooksMessagesEn } from '../features/webhooks/messages.en';

/**
 * The words are split by screen so the first download carries only the shell's: messages.en.ts
 * comes with t(), and every other catalogue (shared.en.ts and each feature’s messages.en.ts) registers
 * itself when it is imported. A file that shows a key imports the catalogue holding it (e.g.
 * `import '../messages.en';`), so the words arrive in the same chunk as the screen that shows them.
 * Keys are flat, dotted and unique across catalogues; a key that is in none of them is a type error.
 */
export type MessageKey =
  | keyof typeof coreMessagesEn
  | keyof typeof sharedMessagesEn
  | keyof typeof customFieldsMessagesEn
  | keyof typeof fieldsMessagesEn
  | keyof typeof adminMessagesEn
  | keyof typeof approvalsMessagesEn
  | keyof typeof authMessagesEn
  | keyof typeof boardMessagesEn
  | keyof typeof closeoutMessagesEn
  | keyof typeof delegationMessagesEn
  | keyof typeof deliveryMessagesEn
  | keyof typeof documentsMessagesEn
  | keyof typeof importsMessagesEn
  | keyof typeof intakeMessagesEn
  | keyof typeof journalMessagesEn
  | keyof typeof metricsMessagesEn
  | keyof typeof negotiationMessagesEn
  | keyof typeof notificationsMessagesEn
  | keyof typeof offersMessagesEn
  | keyof typeof outboxMessagesEn
  | keyof typeof policyMessagesEn
  | keyof typeof portalMessagesEn
  | keyof typeof signingSettingsMessagesEn
  | keyof typeof webhooksMessagesEn;

/** One locale for the recruiter app today; the candidate portal adds Spanish through the same keys. */
export const locale = 'en-US';
const catalogue: Record<string, string> = { ...coreMessagesEn };

/** Adds a screen's words to the catalogue; called once by each catalogue module when it is first imported. */
export function registerMessages<const T extends Record<string, string>>(messages: T): T {
  Object.assign(catalogue, messages);
  return messages;
}

type Params = Record<string, string | number>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Params): string {
  const template = catalogue[key];
  if (template === undefined) {
    // The file calling t() does not import the catalogue that holds this key.
    console.error(`Message ${key} is not loaded: import its catalogue where it is used`);
    return key;
  }
  return fill(template, params);
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** For keys built from data (a status, a journal type): unknown values fall back instead of crashing. */
export function tOr(key: string, fallback: string, params?: Params): string {
  return hasMessage(key) ? t(key, params) : fallback;
}
