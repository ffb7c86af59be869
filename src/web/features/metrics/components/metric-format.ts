import { locale, t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import { durationUnit, inUnit } from './metrics-query';

const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });

/** A duration with its unit, each value in the unit that reads best ("45 min", "6.5 h", "3.2 days"); "—" when there is none. */
export function durationText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return t('metrics.none');
  const unit = durationUnit(minutes);
  return t(`metrics.duration.${unit}` as MessageKey, { value: number.format(inUnit(minutes, unit)) });
}

export const percentText = (rate: number | null | undefined) => (rate === null || rate === undefined ? t('metrics.none') : percent.format(rate));
export const numberText = (n: number) => number.format(n);

/** "1 offer", "40 offers": counts in sentences agree with their noun. */
export const offersText = (n: number) => t(n === 1 ? 'metrics.oneOffer' : 'metrics.manyOffers', { count: number.format(n) });
