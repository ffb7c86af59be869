import type { z } from 'zod';
import { checkTermsDates, offerTermsSchema, type OfferTerms } from '../../../../flow/intake/offer-terms.schema';
import { isRealIsoDate } from '../../../../core/dates';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { readableDates } from '../../../lib/format';
import { termsFieldLabel } from '../../../lib/labels';
import { fieldForPath, termsPathOf, toTerms, type CarriedTerms, type IntakeField, type IntakeValues } from './form-model';

/**
 * Valid values that constrain nothing else (non-exempt, a far start date), used only to let the
 * schema's cross-field rules run while some fields are still wrong; never sent anywhere.
 */
const probe: Partial<IntakeValues> = {
  title: 'x',
  level: 'x',
  departmentId: '00000000-0000-4000-8000-000000000000',
  city: 'x',
  state: 'CA',
  remote: false,
  employmentType: 'full_time',
  flsaStatus: 'non_exempt',
  currency: 'USD',
  payBasis: 'salary',
  baseSalary: 1,
  hourlyRate: 1,
  bonusTargetPercent: '',
  signOnBonus: '',
  relocation: '',
  equityKind: 'rsu',
  equityUnits: 1,
  equityVesting: 'x',
  startDate: '2999-12-31',
  expiresOn: '',
  managerId: '',
  contingencies: [],
};

export type IntakeErrors = Partial<Record<IntakeField, string>>;

export interface IntakeValidation {
  errors: IntakeErrors;
  /** Problems no single input owns. */
  other: string[];
  terms?: OfferTerms;
}

export function fieldLabel(field: IntakeField): string {
  const path = termsPathOf[field];
  return path ? termsFieldLabel(path) : termsFieldLabel(field);
}

/** "Base salary must be zero or more": the schema's message after the input's own label. */
export const fieldMessage = (field: IntakeField, message: string) =>
  t('intake.fieldError', { label: fieldLabel(field), message: readableDates(message) });

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

/** Messages for the schema's rules that carry none of their own (enums, bare numbers). */
const errorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.input === undefined || iss.input === '') return t('validation.required');
  switch (iss.code) {
    case 'invalid_value':
      return t('validation.choose');
    case 'too_small':
      return t('validation.min', { min: String(iss.minimum) });
    case 'too_big':
      return t('validation.max', { max: String(iss.maximum) });
    case 'invalid_type':
      return iss.expected === 'int' ? t('validation.whole') : t('validation.invalid');
    default:
      return undefined;
  }
};

/**
 * The same zod schema the server runs, plus the date-against-today rules, so
 * the form says what the server would before anything is sent.
 */
export function validateIntake(values: IntakeValues, opts: { requireCandidate: boolean; today: string; carried?: CarriedTerms }): IntakeValidation {
  const errors: IntakeErrors = {};
  const other: string[] = [];
  const put = (path: string, message: string) => {
    const field = fieldForPath(path);
    if (!field) other.push(t('intake.fieldError', { label: termsFieldLabel(path), message: readableDates(message) }));
    // An empty input breaks a format rule ("must be a department id"), but what it needs is a value.
    else errors[field] ??= fieldMessage(field, isBlank(values[field]) ? t('validation.required') : message);
  };

  if (opts.requireCandidate && !values.candidateId) put('candidateId', t('validation.required'));

  const parsed = offerTermsSchema.safeParse(toTerms(values, opts.carried), { error: errorMap });
  if (!parsed.success) {
    const broken = new Set<IntakeField>();
    let unplaced = false;
    for (const issue of parsed.error.issues) {
      const path = ['terms', ...issue.path.map(String)].join('.');
      put(path, issue.message);
      const f = fieldForPath(path);
      if (f && f in probe) broken.add(f);
      else unplaced = true;
    }
    // zod runs the schema's cross-field rules (pay basis, expiry before start) only once every
    // field parses. Parse again with stand-ins for the broken fields so those rules report now.
    if (!unplaced) {
      const stand = Object.fromEntries([...broken].map((f) => [f, probe[f]]));
      const second = offerTermsSchema.safeParse(toTerms({ ...values, ...stand }, opts.carried), { error: errorMap });
      if (!second.success) {
        for (const issue of second.error.issues) {
          const path = ['terms', ...issue.path.map(String)].join('.');
          const f = fieldForPath(path);
          if (f && !broken.has(f)) put(path, issue.message);
        }
      }
    }
  }
  // Checked even when other fields are still wrong, so a past date shows as soon as it is typed.
  if (isRealIsoDate(values.startDate)) {
    const expiresOn = isRealIsoDate(values.expiresOn) ? values.expiresOn : undefined;
    for (const p of checkTermsDates({ startDate: values.startDate, expiresOn }, opts.today)) put(p.field, p.message);
  }
  const valid = parsed.success && Object.keys(errors).length === 0 && other.length === 0;
  return { errors, other, terms: valid ? parsed.data : undefined };
}
