import { z } from 'zod';
import { currencyCodes } from '../../core/currencies';
import { usStateCodes } from '../../core/us-states';
import { isRealIsoDate } from '../../core/dates';

/**
 * The full package of one offer version. Pure zod: the server validates with it
 * and the web form runs the same rules live. Money is integer minor units.
 */
const MAX_MONEY = 100_000_000_00; // $100M in cents: well past any offer, well inside int8
const money = z.int('must be a whole number of cents').min(0, 'must be zero or more').max(MAX_MONEY, 'is implausibly large');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
export const isoDateSchema = z
  .string()
  .max(10, 'must be a date like 2027-01-31')
  .refine(isRealIsoDate, 'must be a real date like 2027-01-31');

export const employmentTypes = ['full_time', 'part_time', 'contract_w2', 'contract_1099', 'corp_to_corp', 'temp_to_hire'] as const;
export const flsaStatuses = ['exempt', 'non_exempt'] as const;
export const payBases = ['salary', 'hourly'] as const;
export const contingencyKinds = ['background_check', 'references', 'work_authorization', 'drug_screen'] as const;

export const locationSchema = z.strictObject({
  city: text(100),
  state: z.enum(usStateCodes, 'must be a US state code like CA'),
  remote: z.boolean().default(false),
});

export const equitySchema = z.strictObject({
  kind: z.enum(['rsu', 'options']),
  units: z.int().min(1).max(100_000_000),
  vestingSchedule: text(200),
});

export const compensationSchema = z.strictObject({
  currency: z.enum(currencyCodes, 'must be an ISO 4217 currency code like USD'),
  payBasis: z.enum(payBases),
  baseSalaryCents: money.optional(),
  hourlyRateCents: money.optional(),
  bonusTargetPercent: z.number().min(0).max(500).optional(),
  signOnBonusCents: money.optional(),
  relocationCents: money.optional(),
  equity: equitySchema.optional(),
});

export const clauseSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a lowercase key like at_will'),
  text: z.string().max(20_000, 'must be at most 20000 characters').optional(),
  standard: z.boolean(),
});

export const staffingSchema = z.strictObject({
  clientName: text(200),
  payRateCents: money,
  billRateCents: money,
  assignmentEndDate: isoDateSchema.optional(),
});

/** Custom values by key: shape only here, since the definitions live in the database. */
export const customValuesSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be the key of a custom field, like cost_center'), z.unknown())
  .refine((r) => Object.keys(r).length <= 200, 'must hold at most 200 custom values');

export const offerTermsSchema = z
  .strictObject({
    title: text(200),
    level: text(40),
    departmentId: z.uuid('must be a department id'),
    location: locationSchema,
    employmentType: z.enum(employmentTypes),
    flsaStatus: z.enum(flsaStatuses),
    compensation: compensationSchema,
    startDate: isoDateSchema,
    expiresOn: isoDateSchema.optional(),
    managerId: z.uuid('must be a user id').optional(),
    clauses: z.array(clauseSchema).max(50).default([]),
    contingencies: z.array(z.enum(contingencyKinds)).max(contingencyKinds.length).default([]),
    staffing: staffingSchema.optional(),
    /** The organisation's own fields by key; their definitions check the values (src/flow/fields/field-value.ts). */
    custom: customValuesSchema.optional(),
  })
  .superRefine((t, ctx) => {
    const c = t.compensation;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (c.payBasis === 'salary' && c.baseSalaryCents === undefined)
      issue(['compensation', 'baseSalaryCents'], 'is required when pay basis is salary');
    if (c.payBasis === 'hourly' && c.hourlyRateCents === undefined)
      issue(['compensation', 'hourlyRateCents'], 'is required when pay basis is hourly');
    if (c.payBasis === 'hourly' && c.baseSalaryCents !== undefined)
      issue(['compensation', 'baseSalaryCents'], 'must be left out when pay basis is hourly');
    if (c.payBasis === 'salary' && c.hourlyRateCents !== undefined)
      issue(['compensation', 'hourlyRateCents'], 'must be left out when pay basis is salary');
    if (t.flsaStatus === 'exempt' && c.payBasis !== 'salary')
      issue(['compensation', 'payBasis'], 'must be salary for an exempt role (FLSA salary basis test)');
    if (t.expiresOn && t.expiresOn >= t.startDate) issue(['expiresOn'], `must be before the start date ${t.startDate}`);
    if (t.staffing && t.staffing.billRateCents < t.staffing.payRateCents)
      issue(['staffing', 'billRateCents'], 'must not be below the pay rate');
    if (t.staffing?.assignmentEndDate && t.staffing.assignmentEndDate <= t.startDate)
      issue(['staffing', 'assignmentEndDate'], `must be after the start date ${t.startDate}`);
    const keys = new Set<string>();
    t.clauses.forEach((cl, i) => {
      if (keys.has(cl.key)) issue(['clauses', i, 'key'], `repeats the clause "${cl.key}"`);
      keys.add(cl.key);
    });
    if (new Set(t.contingencies).size !== t.contingencies.length) issue(['contingencies'], 'lists a contingency twice');
  });

export type OfferTerms = z.infer<typeof offerTermsSchema>;
export type OfferTermsInput = z.input<typeof offerTermsSchema>;

/** Rules that need today's date; kept apart so the schema itself stays pure and cacheable. */
export function checkTermsDates(terms: Pick<OfferTerms, 'startDate' | 'expiresOn'>, today: string) {
  const problems: { field: string; message: string }[] = [];
  if (terms.startDate <= today) problems.push({ field: 'terms.startDate', message: `must be after today (${today})` });
  if (terms.expiresOn !== undefined && terms.expiresOn < today)
    problems.push({ field: 'terms.expiresOn', message: `must not be in the past (today is ${today})` });
  return problems;
}

/**
 * Terms as a reader sees them: every leaf optional, because the access map hides the leaves a
 * role may not read (and an object left empty). No defaults, so the serializer never fills in
 * a hidden field.
 */
export const visibleTermsSchema = z.object({
  title: z.string().optional(),
  level: z.string().optional(),
  departmentId: z.string().optional(),
  location: z.object({ city: z.string().optional(), state: z.enum(usStateCodes).optional(), remote: z.boolean().optional() }).optional(),
  employmentType: z.enum(employmentTypes).optional(),
  flsaStatus: z.enum(flsaStatuses).optional(),
  compensation: z
    .object({
      currency: z.enum(currencyCodes).optional(),
      payBasis: z.enum(payBases).optional(),
      baseSalaryCents: z.number().optional(),
      hourlyRateCents: z.number().optional(),
      bonusTargetPercent: z.number().optional(),
      signOnBonusCents: z.number().optional(),
      relocationCents: z.number().optional(),
      equity: z.object({ kind: z.enum(['rsu', 'options']).optional(), units: z.number().optional(), vestingSchedule: z.string().optional() }).optional(),
    })
    .optional(),
  startDate: z.string().optional(),
  expiresOn: z.string().optional(),
  managerId: z.string().optional(),
  clauses: z.array(z.object({ key: z.string(), text: z.string().optional(), standard: z.boolean() })).optional(),
  contingencies: z.array(z.enum(contingencyKinds)).optional(),
  staffing: z
    .object({ clientName: z.string().optional(), payRateCents: z.number().optional(), billRateCents: z.number().optional(), assignmentEndDate: z.string().optional() })
    .optional(),
  custom: z.record(z.string(), z.unknown()).optional().describe('Custom field values by key, only those your roles may read'),
});
export type VisibleTerms = z.infer<typeof visibleTermsSchema>;
