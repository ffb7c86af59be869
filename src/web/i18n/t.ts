import { messagesEn, type MessageKey } from './messages.en';

export type { MessageKey };

/** One locale for the recruiter app today; the candidate portal adds Spanish through the same keys. */
export const locale = 'en-US';
const catalogue: Readonly<Record<MessageKey, string>> = messagesEn;

type Params = Record<string, string | number>;

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Params): string {
  return fill(catalogue[key], params);
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** For keys built from data (a status, a journal type): unknown values fall back instead of crashing. */
export function tOr(key: string, fallback: string, params?: Params): string {
  return hasMessage(key) ? t(key, params) : fallback;
}
