import { z } from 'zod';
import { usStateCodes } from '../../core/us-states';
import type { OfferTerms } from '../intake/offer-terms.schema';

/**
 * What a candidate (or a colleague) may ask to change on an offer, named by the same dotted term
 * paths approval policies cover, so a change request lines up with the steps it would re-run.
 */
export const negotiableFields = [
  { path: 'compensation.baseSalaryCents', label: 'Base salary', type: 'money' },
  { path: 'compensation.hourlyRateCents', label: 'Hourly rate', type: 'money' },
  { path: 'compensation.signOnBonusCents', label: 'Sign-on bonus', type: 'money' },
  { path: 'compensation.bonusTargetPercent', label: 'Bonus target', type: 'percent' },
  { path: 'compensation.equity.units', label: 'Equity units', type: 'number' },
  { path: 'compensation.relocationCents', label: 'Relocation', type: 'money' },
  { path: 'startDate', label: 'Start date', type: 'date' },
  { path: 'title', label: 'Title', type: 'text' },
  { path: 'location.city', label: 'City', type: 'text' },
  { path: 'location.state', label: 'State', type: 'state' },
  { path: 'location.remote', label: 'Remote', type: 'boolean' },
] as const;

export type NegotiableField = (typeof negotiableFields)[number];
export type NegotiablePath = NegotiableField['path'];
export const negotiablePaths = negotiableFields.map((f) => f.path) as [NegotiablePath, ...NegotiablePath[]];

const valueSchemas: Record<NegotiableField['type'], z.ZodType> = {
  money: z.int('must be whole cents').min(0, 'must not be negative').max(100_000_000_00, 'is too large'),
  percent: z.number().min(0, 'must not be negative').max(500, 'must be at most 500'),
  number: z.int('must be a whole number').min(0, 'must not be negative').max(1_000_000_000, 'is too large'),
  date: z.iso.date('must be a date like 2027-01-15'),
  text: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  state: z.enum(usStateCodes, 'must be a US state code'),
  boolean: z.boolean('must be true or false'),
};

export const fieldOf = (path: string): NegotiableField | undefined => negotiableFields.find((f) => f.path === path);

/** One asked change as submitted: the field and the value wanted. */
export const askedChangeSchema = z
  .strictObject({ field: z.enum(negotiablePaths, 'is not a field that can be negotiated'), asked: z.unknown() })
  .superRefine((change, ctx) => {
    const result = valueSchemas[fieldOf(change.field)!.type].safeParse(change.asked);
    if (!result.success) ctx.addIssue({ code: 'custom', path: ['asked'], message: result.error.issues[0]!.message });
  });
export type AskedChange = z.infer<typeof askedChangeSchema>;

/** A recorded delta: the field, its value on the version asked about, and the value asked for. */
export interface Delta {
  field: NegotiablePath;
  current: unknown;
  asked: unknown;
}

export function readTerm(terms: object, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), terms) ?? null;
}

/** Deltas against the version's terms; a change to the value the offer already has is not a change. */
export function toDeltas(terms: OfferTerms, asked: AskedChange[]): Delta[] {
  return asked
    .map((a) => ({ field: a.field, current: readTerm(terms, a.field), asked: a.asked }))
    .filter((d) => JSON.stringify(d.current) !== JSON.stringify(d.asked));
}
