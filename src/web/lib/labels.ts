import { tOr } from '../i18n/t';

/** Readable names for the enum values the API speaks in; raw values never reach the screen. */
export const humanize = (raw: string) => {
  const s = raw.replace(/[._]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const statusLabel = (status: string) => tOr(`status.${status}`, humanize(status));
export const employmentTypeLabel = (v: string) => tOr(`employmentType.${v}`, humanize(v));
export const flsaLabel = (v: string) => tOr(`flsa.${v}`, humanize(v));
export const payBasisLabel = (v: string) => tOr(`payBasis.${v}`, humanize(v));
export const contingencyLabel = (v: string) => tOr(`contingency.${v}`, humanize(v));
export const equityKindLabel = (v: string) => tOr(`equity.${v}`, humanize(v));
export const usStateLabel = (code: string) => tOr(`usState.${code}`, code);
/** A dotted offer-terms path such as `compensation.baseSalaryCents` as a field name. */
export const termsFieldLabel = (path: string) => tOr(`field.${path.replace(/^terms\./, '')}`, path);
