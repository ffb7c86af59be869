import { hasMessage, t, tOr } from '../i18n/t';
import '../i18n/shared.en';

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
/**
 * A dotted offer-terms path such as `compensation.baseSalaryCents` as a field name;
 * deeper paths (`clauses.0.key`) use their nearest named parent.
 */
export function termsFieldLabel(path: string): string {
  const parts = path.replace(/^terms\./, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = `field.${parts.slice(0, n).join('.')}`;
    if (hasMessage(key)) return t(key);
  }
  // A custom field (`custom.cost_center`) where its label is not at hand, e.g. in the journal: its key in words.
  const custom = /^custom\.([a-z][a-z0-9_]*)/.exec(parts.join('.'));
  return custom ? humanize(custom[1]!) : path;
}
