import { locale, t, tOr } from '../../../i18n/t';
import { humanize, termsFieldLabel } from '../../../lib/labels';
import type { Step } from '../api/step';

/** "Tue, Nov 25, 3:00 PM" in the reader's time zone: the weekday first, as people plan their week. */
export function formatDue(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

export function stepStatusLabel(step: Pick<Step, 'status' | 'carriedFromVersion'>): string {
  if (step.status === 'carried_over') return t('approvals.stepStatus.carried_over', { version: step.carriedFromVersion ?? '?' });
  return tOr(`approvals.stepStatus.${step.status}`, humanize(step.status));
}

export const phaseLabel = (phase: string) => tOr(`approvals.plan.phase.${phase}`, humanize(phase));

/** Offer-terms paths from the server as the field names the offer page uses, each once. */
export const changedFieldsText = (paths: readonly string[]) => [...new Set(paths.map(termsFieldLabel))].join(', ');

export const decisionVerb = (decision: string) => tOr(`approvals.log.${decision}`, humanize(decision).toLowerCase());
