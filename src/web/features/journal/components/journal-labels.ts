import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { formatDate } from '../../../lib/format';
import { humanize, statusLabel, termsFieldLabel } from '../../../lib/labels';
import type { JournalEntry } from '../api/journal';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export interface EntryText {
  title: string;
  /** A second line: the state change when the title already carries a reason. */
  detail?: string;
}

/** One readable line per journal entry; unknown future entry types still read as words. */
export function describeEntry(entry: JournalEntry): EntryText {
  const d = entry.data;
  switch (entry.type) {
    case 'offer.created':
      return { title: t('journal.type.offer.created') };
    case 'offer.draft_updated': {
      const fields = Array.isArray(d.changedFields) ? d.changedFields.filter((f): f is string => typeof f === 'string') : [];
      return { title: t('journal.type.offer.draft_updated', { fields: [...new Set(fields.map(termsFieldLabel))].join(', ') }) };
    }
    case 'offer.version_created':
      return { title: t('journal.type.offer.version_created', { version: String(d.version ?? '') }) };
    case 'offer.transitioned': {
      const event = str(d.event) ?? '';
      const eventText = tOr(`journal.event.${event}`, humanize(event));
      const from = statusLabel(str(d.from) ?? '');
      const to = statusLabel(str(d.to) ?? '');
      const reason = str(d.reason);
      if (reason) return { title: t('journal.transitionReason', { event: eventText, reason }), detail: t('journal.transitionMove', { from, to }) };
      return { title: t('journal.transition', { event: eventText, from, to }) };
    }
    case 'packet.generated': {
      const count = Array.isArray(d.documents) ? d.documents.length : 0;
      return { title: t(count === 1 ? 'documents.journal.generatedOne' : 'documents.journal.generated', { version: String(d.version ?? ''), count }) };
    }
    case 'offer.sent':
    case 'offer.viewed':
    case 'offer.signed':
    case 'offer.countersigned':
    case 'offer.completed':
      return { title: t(`journal.type.${entry.type}`, { version: String(d.version ?? '') }) };
    case 'offer.consented':
    case 'offer.reminder_sent':
    case 'offer.links_revoked':
    case 'offer.rescind_approved':
      return { title: t(`journal.type.${entry.type}`) };
    case 'offer.rescind_requested':
      return { title: t('journal.type.offer.rescind_requested', { version: String(d.version ?? '') }), ...(str(d.reason) ? { detail: str(d.reason) } : {}) };
    case 'offer.rescind_refused':
      return { title: t('journal.type.offer.rescind_refused', { comment: str(d.comment) ?? '' }) };
    case 'offer.declined':
      return { title: t('journal.type.offer.declined', { reason: tOr(`portal.reason.${str(d.reason) ?? ''}`, humanize(str(d.reason) ?? '')) }) };
    case 'offer.change_requested': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [];
      const key = d.source === 'internal' ? 'journal.type.offer.change_requested_inside' : 'journal.type.offer.change_requested';
      return { title: t(key, { fields: fields.map(termsFieldLabel).join(', ') }) };
    }
    case 'offer.change_request_answered': {
      const decisions = Array.isArray(d.decisions) ? (d.decisions as { field?: unknown; decision?: unknown }[]) : [];
      const words = decisions.map((x) => `${termsFieldLabel(String(x.field ?? ''))} ${tOr(`journal.decision.${String(x.decision ?? '')}`, String(x.decision ?? ''))}`);
      return { title: t('journal.type.offer.change_request_answered', { version: String(d.answeredByVersion ?? ''), decisions: words.join(', ') }) };
    }
    case 'offer.counter_proposed': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [];
      return { title: t('journal.type.offer.counter_proposed', { version: String(d.toVersion ?? ''), fields: [...new Set(fields.map(termsFieldLabel))].join(', ') }) };
    }
    case 'contingency.added':
    case 'contingency.updated':
    case 'contingency.decided': {
      const kind = tOr(`contingency.${str(d.kind) ?? ''}`, humanize(str(d.kind) ?? ''));
      return { title: t(`journal.type.${entry.type}`, { kind, status: tOr(`closeout.status.${str(d.status) ?? ''}`, str(d.status) ?? '') }) };
    }
    case 'onboarding.started':
      return { title: t('journal.type.onboarding.started', { count: Array.isArray(d.templateKeys) ? d.templateKeys.length : 0 }) };
    case 'onboarding_task.completed':
    case 'onboarding_task.reopened':
    case 'onboarding_task.skipped':
      return { title: t(`journal.type.${entry.type}`, { role: tOr(`role.${str(d.ownerRole) ?? ''}`, str(d.ownerRole) ?? ''), task: humanize(str(d.templateKey) ?? '') }) };
    case 'offer.start_date_confirmed':
      return { title: t('journal.type.offer.start_date_confirmed', { date: formatDate(str(d.startDate) ?? '') }) };
    case 'offer.handed_off':
      return { title: t('journal.type.offer.handed_off') };
    default:
      return { title: humanize(entry.type) };
  }
}
