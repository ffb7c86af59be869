import { z } from 'zod';
import { employmentTypes } from '../intake/offer-terms.schema';

/** Query and answers of the metrics endpoints (GET /api/v1/metrics/*). */

export const MAX_SPAN_DAYS = 3 * 366;
export const DEFAULT_SPAN_DAYS = 90;

const isoDateOrInstant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO date (2027-01-31) or a UTC instant (2027-01-31T09:00:00Z)')
  .refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) && (s.length !== 10 || new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), 'is not a real date');

/** The filters every metric takes; parsed in the service (not by the router), so a bad one is a 422 naming it. */
export const metricsQuerySchema = z.strictObject({
  businessUnitId: z.uuid('must be a business unit id').optional().describe('Only offers of this business unit (one your metrics roles reach, unless organisation-wide: else 403)'),
  departmentId: z.uuid('must be a department id').optional().describe('Only offers of this department'),
  recruiterId: z.uuid('must be a user id').optional().describe("Only this recruiter's offers"),
  level: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters').optional().describe('Only offers at this level (e.g. L4)'),
  employmentType: z.enum(employmentTypes, `must be one of ${employmentTypes.join(', ')}`).optional().describe('Only offers of this employment type'),
  from: isoDateOrInstant.optional().describe(`Start of the period, included: an ISO date (00:00 UTC) or instant. Default: ${DEFAULT_SPAN_DAYS} days before \`to\``),
  to: isoDateOrInstant.optional().describe(`End of the period, excluded: an ISO date (00:00 UTC) or instant. Default: now. At most ${MAX_SPAN_DAYS} days after \`from\``),
  format: z.enum(['json', 'csv'], 'must be json or csv').optional().describe('json (default) or csv; `Accept: text/csv` also asks for CSV'),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const filtersSchema = z.object({
  businessUnitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  recruiterId: z.uuid().optional(),
  level: z.string().optional(),
  employmentType: z.string().optional(),
});
export type MetricsFilters = z.infer<typeof filtersSchema>;

const frame = {
  period: z.object({ from: z.iso.datetime(), to: z.iso.datetime().describe('Excluded') }),
  filters: filtersSchema.catchall(z.string()).describe('The filters applied, as given (custom field filters as `custom.<key>`)'),
  scope: z
    .object({ businessUnitIds: z.array(z.uuid()).nullable().describe("null: the whole organisation; else the business units the caller's metrics roles reach") })
    .describe('What the caller may see'),
};

const minutes = z.number().nullable();
const duration = { count: z.int(), medianMinutes: minutes, p90Minutes: minutes };
const sla = z.object({
  withDueTime: z.int().describe('Decided steps that had a due time'),
  met: z.int().describe('Of those, decided at or before the due time'),
  missed: z.int(),
  rate: z.number().nullable().describe('met / withDueTime (0..1); null when none had a due time'),
});

export const cycleTimeSchema = z.object({
  ...frame,
  stages: z.array(z.object({ stage: z.string(), ...duration })).describe('Per lifecycle status: intervals that ended in the period, in lifecycle order'),
  endToEnd: z.object(duration).describe('Created to accepted, for offers accepted in the period'),
});
export type CycleTimeDto = z.infer<typeof cycleTimeSchema>;

const approvalGroup = { ...duration, sla };
export const approvalsSchema = z.object({
  ...frame,
  overall: z.object(approvalGroup),
  byStep: z.array(z.object({ stageKey: z.string(), stepKey: z.string(), stageName: z.string(), stepName: z.string(), ...approvalGroup })),
  byRole: z.array(z.object({ role: z.string().nullable().describe("The role the policy routed the step to; 'named_user' for a named person; null when unknown"), ...approvalGroup })),
  byApprover: z.array(z.object({ approverId: z.uuid(), approverName: z.string(), ...approvalGroup })),
  pendingPastDue: z.object({ count: z.int(), asOf: z.iso.datetime() }).describe('Steps still pending whose due time has passed (now, not the period)'),
});
export type ApprovalsDto = z.infer<typeof approvalsSchema>;

export const revisionsSchema = z.object({
  ...frame,
  offers: z.int().describe('Offers created in the period'),
  averageRevisions: z.number().nullable(),
  distribution: z.array(z.object({ revisions: z.enum(['0', '1', '2', '3+']), count: z.int(), rate: z.number().nullable() })),
});
export type RevisionsDto = z.infer<typeof revisionsSchema>;

export const exceptionsSchema = z.object({
  ...frame,
  submitted: z.int().describe('Offers first submitted in the period'),
  withException: z.int(),
  rate: z.number().nullable(),
  byReason: z.array(z.object({ reason: z.enum(['out_of_band', 'over_budget', 'non_standard_clause']), count: z.int(), rate: z.number().nullable() })),
});
export type ExceptionsDto = z.infer<typeof exceptionsSchema>;

export const fallThroughSchema = z.object({
  ...frame,
  verballyAccepted: z.int().describe('Offers first verbally accepted in the period'),
  fellThrough: z.int().describe('Ended without acceptance'),
  accepted: z.int(),
  open: z.int().describe('Neither accepted nor ended yet'),
  rate: z.number().nullable().describe('fellThrough / (fellThrough + accepted)'),
});
export type FallThroughDto = z.infer<typeof fallThroughSchema>;

export const outcomesSchema = z.object({
  ...frame,
  outcomes: z.int().describe('Sent offers whose outcome (acceptance, or an end without it) came in the period'),
  accepted: z.int(),
  acceptanceRate: z.number().nullable(),
  byStatus: z.array(z.object({ status: z.string(), count: z.int(), rate: z.number().nullable() })),
  declineReasons: z.array(z.object({ reason: z.string().nullable(), count: z.int() })),
});
export type OutcomesDto = z.infer<typeof outcomesSchema>;

export const approvalToSendSchema = z.object({ ...frame, ...duration });
export type ApprovalToSendDto = z.infer<typeof approvalToSendSchema>;
