import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../core/roles';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import { employmentTypes, isoDateSchema } from '../intake/offer-terms.schema';
import { handoffCsv, handoffExportRoles, handoffFields, handoffViews } from './handoff-fields';
import type { HandoffService } from './handoff.service';

const tags = ['closeout'];
const nextAction = z.enum(['rescind', 'clear_contingencies', 'confirm_start_date', 'hand_off']).nullable();
const contingencySchema = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  versionNumber: z.int(),
  kind: z.string().describe('background_check | references | work_authorization | drug_screen | custom'),
  label: z.string(),
  status: z.string().describe('pending | cleared | waived | failed'),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
const taskSchema = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  templateKey: z.string(),
  title: z.string(),
  description: z.string(),
  ownerRole: z.string(),
  assigneeId: z.string().nullable(),
  dueDate: z.string(),
  status: z.string().describe('open | done | skipped'),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
});
const templateSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  description: z.string(),
  ownerRole: z.string(),
  dueOffsetDays: z.int(),
  employmentTypes: z.array(z.string()),
  businessUnitId: z.string().nullable(),
  position: z.int(),
  retiredAt: z.string().nullable(),
});
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const customValue = z.union([scalar, z.array(z.string())]);
const recordSchema = z
  .record(z.string(), z.union([scalar, z.record(z.string(), customValue)]))
  .describe(
    `Handoff record fields (only the caller's): ${handoffFields.join(', ')}; and \`custom\`: custom field values by key, only those the caller's roles see ` +
      "(a sensitive one only for roles whose view shows pay), as stored: a select's option value, cents, ISO dates, a multi select's values",
  );
const handoffSchema = z.object({
  offerId: z.uuid(),
  status: z.string(),
  rowVersion: z.int(),
  handedOff: z.boolean(),
  startDateConfirmed: z.string().nullable(),
  nextAction,
  fields: z.array(z.string()),
  customFields: z.array(z.string()).describe('Keys of the custom fields in record.custom'),
  record: recordSchema,
});
const contingencyParams = z.strictObject({ id: z.uuid('must be an offer id'), contingencyId: z.uuid('must be a contingency id') });
const taskParams = z.strictObject({ taskId: z.uuid('must be a task id') });
const templateParams = z.strictObject({ id: z.uuid('must be a template id') });
const taskOwnerRoles = ['hr_ops', 'it', 'payroll', 'hiring_manager', 'recruiter'] as const;
const templateBody = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  ownerRole: z.enum(taskOwnerRoles),
  dueOffsetDays: z.int().min(-365).max(365).describe('Days from the start date; negative is before it'),
  employmentTypes: z.array(z.enum(employmentTypes)).max(employmentTypes.length).optional().describe('Empty or left out: every employment type'),
  businessUnitId: z.uuid().nullable().optional().describe('Null or left out: every business unit'),
  position: z.int().min(0).max(10_000).optional(),
};

export function registerHandoffRoutes(app: FastifyInstance, { handoff }: { handoff: HandoffService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/offers/:id/contingencies', {
    schema: {
      tags,
      summary: "The contingencies of the offer's accepted version, what blocks the handoff, and the next action",
      description:
        'Anyone who sees the offer. `nextAction` is `rescind` when a contingency failed (apply POST /offers/{id}/events {type:"rescind", reason}; it goes to approval when the policy says so), `clear_contingencies` while any is pending, `confirm_start_date`, then `hand_off`; null unless the offer is accepted.',
      params: offerIdParamsSchema,
      response: {
        200: z.object({
          items: z.array(contingencySchema),
          nextAction,
          blocking: z.array(z.object({ id: z.uuid(), kind: z.string(), label: z.string(), status: z.string() })),
          startDateConfirmed: z.string().nullable(),
        }),
      },
    },
    handler: (req) => handoff.listOfferContingencies(requireActor(req), req.params.id),
  });

  r.post('/api/v1/offers/:id/contingencies', {
    schema: {
      tags,
      summary: 'Add a custom contingency to an accepted offer (recruiter, HR ops, admin)',
      description: 'Kind `custom`, status pending. 409 unless the offer is accepted. Journal: `contingency.added` (ids and kind only).',
      params: offerIdParamsSchema,
      body: z.strictObject({ label: z.string().trim().min(1).max(200), ownerUserId: z.uuid().nullable().optional(), dueDate: isoDateSchema.nullable().optional() }),
      response: { 201: contingencySchema },
    },
    handler: async (req, reply) => reply.code(201).send(await handoff.addContingency(requireActor(req), req.params.id, req.body)),
  });

  r.patch('/api/v1/offers/:id/contingencies/:contingencyId', {
    schema: {
      tags,
      summary: "Change a contingency's owner or due date (recruiter, HR ops, admin)",
      params: contingencyParams,
      body: z.strictObject({ ownerUserId: z.uuid().nullable().optional(), dueDate: isoDateSchema.nullable().optional() }),
      response: { 200: contingencySchema },
    },
    handler: (req) => handoff.updateContingency(requireActor(req), req.params.id, req.params.contingencyId, req.body),
  });

  r.post('/api/v1/offers/:id/contingencies/:contingencyId/decision', {
    schema: {
      tags,
      summary: 'Clear, waive or fail a contingency (recruiter, HR ops, admin)',
      description:
        'A waiver or failure needs `reason` (422 naming `reason`). A failure notifies the recruiter and makes `rescind` the next action. 409 unless the offer is accepted. Journal: `contingency.decided` (ids, kind, status; not the reason).',
      params: contingencyParams,
      body: z.strictObject({ status: z.enum(['cleared', 'waived', 'failed']), reason: z.string().max(1000).optional() }),
      response: { 200: contingencySchema },
    },
    handler: (req) => handoff.decideContingency(requireActor(req), req.params.id, req.params.contingencyId, req.body),
  });

  r.get('/api/v1/offers/:id/onboarding-tasks', {
    schema: { tags, summary: 'The onboarding tasks of an offer, generated on acceptance', params: offerIdParamsSchema, response: { 200: z.array(taskSchema) } },
    handler: (req) => handoff.listOfferTasks(requireActor(req), req.params.id),
  });

  r.get('/api/v1/onboarding-tasks', {
    schema: {
      tags,
      summary: "A role's onboarding queue, each task with only that role's handoff fields",
      description: 'The caller must hold `role` (or be an admin); offers outside the scope of that grant are left out. 403 otherwise.',
      querystring: z.strictObject({ role: z.enum(taskOwnerRoles), status: z.enum(['open', 'done', 'skipped']).optional() }),
      response: { 200: z.object({ role: z.string(), fields: z.array(z.string()), items: z.array(taskSchema.extend({ offer: recordSchema })) }) },
    },
    handler: (req) => handoff.roleQueue(requireActor(req), req.query.role, req.query.status),
  });

  for (const action of ['complete', 'reopen', 'skip'] as const) {
    r.post(`/api/v1/onboarding-tasks/:taskId/${action}`, {
      schema: {
        tags,
        summary: `${action[0]!.toUpperCase()}${action.slice(1)} an onboarding task (its owner role, its assignee, or an admin)`,
        description: action === 'skip' ? '`note` is required (422 naming `note`).' : '`note` is optional.',
        params: taskParams,
        body: z.strictObject({ note: z.string().max(1000).optional() }).nullish(),
        response: { 200: taskSchema },
      },
      handler: (req) => handoff.taskAction(requireActor(req), req.params.taskId, action, req.body?.note),
    });
  }

  r.get('/api/v1/admin/onboarding-task-templates', {
    schema: { tags, summary: 'Onboarding task templates (admins)', response: { 200: z.array(templateSchema) } },
    handler: (req) => handoff.listTaskTemplates(requireActor(req)),
  });

  r.post('/api/v1/admin/onboarding-task-templates', {
    schema: {
      tags,
      summary: 'Add an onboarding task template (admins); 409 when the key exists',
      body: z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a lowercase key like it_laptop'), ...templateBody }),
      response: { 201: templateSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await handoff.createTaskTemplate(requireActor(req), req.body)),
  });

  r.patch('/api/v1/admin/onboarding-task-templates/:id', {
    schema: {
      tags,
      summary: 'Change an onboarding task template (admins); `retired: true` stops it being used for new acceptances',
      params: templateParams,
      body: z.strictObject({
        title: templateBody.title.optional(),
        description: templateBody.description,
        ownerRole: templateBody.ownerRole.optional(),
        dueOffsetDays: templateBody.dueOffsetDays.optional(),
        employmentTypes: templateBody.employmentTypes,
        businessUnitId: templateBody.businessUnitId,
        position: templateBody.position,
        retired: z.boolean().optional(),
      }),
      response: { 200: templateSchema },
    },
    handler: (req) => handoff.updateTaskTemplate(requireActor(req), req.params.id, req.body),
  });

  r.post('/api/v1/offers/:id/start-date-confirmation', {
    schema: {
      tags,
      summary: 'Record the confirmed start date of an accepted offer (recruiter, HR ops, admin)',
      description: "Open onboarding tasks move with the start date. 409 unless accepted; 422 naming `startDate` when it is in the past. Answers the caller's handoff view.",
      params: offerIdParamsSchema,
      body: z.strictObject({ startDate: isoDateSchema }),
      response: { 200: handoffSchema },
    },
    handler: async (req, reply) => {
      const out = await handoff.confirmStartDate(requireActor(req), req.params.id, req.body.startDate);
      setEtag(reply, out.rowVersion);
      return out;
    },
  });

  r.post('/api/v1/offers/:id/hand-off', {
    schema: {
      tags,
      summary: 'Hand an accepted offer off to onboarding (recruiter, HR ops, admin)',
      description:
        'Needs If-Match. 409 naming each contingency still pending or failed, 409 when the start date is not confirmed, 409 unless accepted. Freezes the handoff record (offer_handoffs) and moves accepted → handed_off; emits `offer.handed_off` to webhooks when they exist.',
      params: offerIdParamsSchema,
      response: { 200: handoffSchema },
    },
    handler: async (req, reply) => {
      const out = await handoff.handOff(requireActor(req), req.params.id, requireIfMatch(req));
      setEtag(reply, out.rowVersion);
      return out.handoff;
    },
  });

  r.get('/api/v1/offers/:id/handoff', {
    schema: {
      tags,
      summary: "The handoff record as the caller's roles may see it",
      description: `Fields per role (docs/security.md): ${roles.map((role) => `${role}: ${handoffViews[role].join(', ') || '(none)'}`).join('; ')}. 403 for a role that sees none. The frozen record once handed off, the live one before.`,
      params: offerIdParamsSchema,
      response: { 200: handoffSchema },
    },
    handler: async (req, reply) => {
      const out = await handoff.handoffFor(requireActor(req), req.params.id);
      setEtag(reply, out.rowVersion);
      return out;
    },
  });

  r.get('/api/v1/exports/handoffs', {
    schema: {
      tags: ['exports'],
      summary: 'HRIS export: handoff records by handoff date, as JSON or CSV',
      description: `Roles: ${handoffExportRoles.join(', ')}; each sees its own fields (the union over the roles it holds where the offer is), and the custom fields those roles read (sensitive ones only for roles that see pay). \`from\` and \`to\` are UTC dates, both included. CSV: RFC 4180, a header row of the fields then custom.<key> columns, CRLF.`,
      querystring: z.strictObject({ from: isoDateSchema, to: isoDateSchema, format: z.enum(['json', 'csv']).default('json') }),
      response: {
        200: z
          .union([z.object({ from: z.string(), to: z.string(), fields: z.array(z.string()), customFields: z.array(z.string()), items: z.array(recordSchema) }), z.string().describe('text/csv')])
          .describe('JSON ({from, to, fields, customFields, items}) or text/csv (custom values as custom.<key> columns after the fields)'),
      },
    },
    handler: async (req, reply) => {
      const out = await handoff.exportHandoffs(requireActor(req), req.query.from, req.query.to);
      if (req.query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="handoffs-${out.from}-${out.to}.csv"`);
        return handoffCsv(out.items, out.fields, out.customFields);
      }
      return out;
    },
  });
}
