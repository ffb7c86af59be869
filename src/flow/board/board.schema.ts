import { z } from 'zod';
import { offerStatuses, terminalStatuses } from '../../core/lifecycle';
import { customColumnsParam, withCustomFilters } from '../fields/custom-params';

/** The status board's query and answer (GET /api/v1/board). */

export const openStatuses = offerStatuses.filter((s) => !terminalStatuses.includes(s)) as [string, ...string[]];
export const slaStates = ['ok', 'due_soon', 'breached'] as const;
export const boardViews = ['all', 'mine', 'waiting_on_me'] as const;
export const boardSorts = ['oldest', 'newest'] as const;

const stageList = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string())
      .min(1, 'must name at least one stage')
      .max(20)
      .refine((list) => list.every((s) => openStatuses.includes(s)), `must be open lifecycle statuses: ${openStatuses.join(', ')}`),
  );

export const boardQuerySchema = z.strictObject({
  businessUnitId: z.uuid('must be a business unit id').optional(),
  departmentId: z.uuid('must be a department id').optional(),
  recruiterId: z.uuid('must be a user id').optional(),
  stage: stageList.optional().describe(`Comma-separated open statuses: ${openStatuses.join(', ')}`),
  sla: z.enum(slaStates).optional().describe('The SLA state of the approval steps the offer waits on; offers waiting on no step with an SLA never match'),
  view: z
    .enum(boardViews)
    .default('all')
    .describe('all; mine: offers I recruit; waiting_on_me: offers whose next action is mine (a pending step I approve or stand in for, my offers whose next action is the recruiter\'s, contingencies I own, countersigning when I am the signatory)'),
  sort: z.enum(boardSorts).default('oldest').describe('By time in the current stage: oldest (longest in stage) first, or newest first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page, with the same filters and sort'),
  columns: customColumnsParam.optional(),
});
/** The board's parameters with `custom.<key>=<value>` filters and `.min` / `.max` ranges (as on GET /api/v1/offers). */
export const boardRequestSchema = withCustomFilters(boardQuerySchema);
export type BoardQuery = z.infer<typeof boardRequestSchema>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const boardLineSchema = z.object({
  stage: z.enum(offerStatuses),
  waitingOn: z.object({ kind: z.enum(['people', 'candidate', 'system', 'nobody']), names: z.array(z.string()), role: z.string().optional() }),
  text: z.string().describe('e.g. "Waiting on finance: Dana Lee, 2 business days, SLA breached"'),
  since: z.iso.datetime().describe('Since when it waits: the oldest pending step, the send, the change request, or entering the stage'),
  ageBusinessHours: z.number().describe("Working hours since `since` in the caller's time zone and the organisation's holidays"),
  sla: z.enum(slaStates).nullable(),
  nextAction: z.object({ text: z.string(), owner: z.string().nullable() }),
});

export const boardItemSchema = z.object({
  offerId: z.uuid(),
  title: z.string().optional().describe("Absent where the caller's roles may not read it"),
  candidateName: z.string().optional().describe("Absent where the caller's roles may not read it"),
  status: z.enum(offerStatuses),
  enteredStageAt: z.iso.datetime(),
  businessUnit: named,
  department: named,
  recruiter: named,
  line: boardLineSchema,
  custom: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Values of the custom fields named in `columns`, by key; a value your roles may not read on this offer, or an empty one, is absent'),
});

export const boardSchema = z.object({
  items: z.array(boardItemSchema),
  counts: z.object({
    total: z.int(),
    byStage: z.record(z.string(), z.int()).describe('Open offers per stage under every filter except `stage` (for the stage tabs and grouping)'),
  }),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});
export type BoardDto = z.infer<typeof boardSchema>;
