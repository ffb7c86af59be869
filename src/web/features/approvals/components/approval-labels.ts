import { locale, t, tOr } from '../../../i18n/t';
import '../messages.en';
import { formatMoney } from '../../../lib/format';
import { humanize, termsFieldLabel } from '../../../lib/labels';
import type { BandPosition } from '../api/inbox';
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

/** "Base $184,000 is above the band max $175,000 (compa-ratio 1.21)": the chart in words. */
export function describeBand(band: BandPosition): string {
  const money = (cents: number) => formatMoney(cents, band.currency);
  const values = { offered: money(band.offeredCents), min: money(band.minCents), max: money(band.maxCents) };
  const text =
    band.offeredCents > band.maxCents
      ? t('approvals.band.above', values)
      : band.offeredCents < band.minCents
        ? t('approvals.band.below', values)
        : t('approvals.band.within', values);
  return band.compaRatio === null ? text : t('approvals.band.compa', { text, ratio: band.compaRatio.toFixed(2) });
}
