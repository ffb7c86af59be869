import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../core/roles';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import { DEFAULT_SECTION, fieldTypes } from './field-definition.schema';
import { createFieldLayoutService, type FieldLayoutService } from './field-layout.service';
import { createFieldService, type FieldService } from './fields.service';
import { storedDefinitionSchema } from './field-definition.wire';
import { registerCustomQueryRoutes } from './custom-query.routes';
import { registerOfferFormRoutes } from './offer-form.routes';

const tags = ['custom fields'];

const definitionSchema = storedDefinitionSchema;

const userSchema = z.object({
  kind: z.enum(['approval_policy_version', 'document_template_version', 'field_definition']),
  id: z.string(),
  name: z.string(),
  number: z.int(),
  current: z.boolean(),
  description: z.string(),
});

const fieldSchema = z.object({
  id: z.string(),
  key: z.string(),
  businessUnitId: z.string().nullable().describe('Null: organisation-wide'),
  currentVersion: z.int().describe('Also the ETag: send it back in If-Match to change the field'),
  createdAt: z.string(),
  updatedAt: z.string().describe('When the current version was saved'),
  retired: z
    .object({ at: z.string(), byUserId: z.string(), forced: z.boolean(), reason: z.string().nullable(), usedBy: z.array(userSchema) })
    .nullable(),
  definition: definitionSchema,
});

const versionSchema = z.object({
  number: z.int(),
  definition: definitionSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});

const d = (text: string) => z.unknown().optional().describe(text);
/**
 * The definition as sent. Properties are declared loosely so that every problem, whatever its
 * kind, comes back as one 422 naming the property (the service validates); docs/fields.md
 * describes each in full.
 */
const definitionBody = {
  key: d('Required on create. Lower snake case (cost_center), at most 40 characters, not a built-in field name; never changes'),
  label: d('Required. 1 to 100 characters'),
  type: d(`Required. One of ${fieldTypes.join(', ')}`),
  helpText: d('At most 500 characters'),
  section: d(`Section of the intake form, at most 60 characters; default "${DEFAULT_SECTION}"`),
  order: d('Position in its section, 0 to 10000; default 0'),
  validation: d('{ required, requiredWhen (a policy-language condition over offer terms or custom.<key>), min, max, pattern }'),
  options: d('single_select and multi_select: 1 to 200 of { value, label }'),
  default: d('A value that passes the field\'s own validation (not for user_reference)'),
  access: d(`{ read: roles, write: roles }; roles: ${roles.join(', ')}. Defaults: everyone reads (pay readers, when sensitive); offer writers write`),
  sensitive: d('true: treated like compensation; only roles that read pay may read it'),
};

const keyParams = z.strictObject({ key: z.string().min(1).max(100) });
const scopeQuery = z.strictObject({
  businessUnitId: z.uuid('must be a business unit id').optional().describe('The business unit of a unit field; leave out for an organisation-wide field'),
});

const layoutBody = z.strictObject({
  businessUnitId: z.uuid('must be a business unit id').nullish().describe("A business unit: its form (its own fields and the organisation-wide ones); null or left out: the organisation-wide fields"),
  fields: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(100),
        section: z.string().max(200).describe('Section title, 1 to 60 characters'),
        order: z.int().describe('Position, 0 to 10000; fields show by order, and sections in the order of their first field'),
        version: z.int().min(1).optional().describe('The version you read: 409 when the field moved on since'),
      }),
    )
    .min(1)
    .max(1000),
});

const layoutResult = z.object({
  moved: z.int().describe('How many fields got a new version'),
  fields: z.array(z.object({ key: z.string(), businessUnitId: z.string().nullable(), section: z.string(), order: z.int(), currentVersion: z.int(), moved: z.boolean() })),
});

/** PUT /api/v1/admin/field-layout: not under /fields/, where "layout" would read as a field key. */
export function registerFieldLayoutRoute(app: FastifyInstance, { layout }: { layout: FieldLayoutService }) {
  app.withTypeProvider<ZodTypeProvider>().put('/api/v1/admin/field-layout', {
    schema: {
      tags,
      summary: "Arrange the intake form's custom fields: sections and order in one request",
      description:
        'Each listed field whose section or order changes gets a new version with only that change, all in one transaction (a 409 or 422 saves nothing). Unknown keys are 422 naming `fields.<i>.key`; a field that moved on since the `version` you read, or is retired, is 409. Moving an organisation-wide field takes an organisation admin.',
      body: layoutBody,
      response: { 200: layoutResult },
    },
    handler: (req) => layout.saveLayout(requireActor(req), req.body),
  });
}

export function registerFieldRoutes(app: FastifyInstance, { fields }: { fields: FieldService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (q: { businessUnitId?: string }) => q.businessUnitId ?? null;

  r.get('/api/v1/admin/fields', {
    schema: { tags, summary: 'Custom offer fields with their current version (admins; unit admins see organisation-wide fields and their units\')', response: { 200: z.array(fieldSchema) } },
    handler: (req) => fields.list(requireActor(req)),
  });

  r.post('/api/v1/admin/fields', {
    schema: {
      tags,
      summary: 'Define a custom offer field (version 1)',
      description: 'Organisation admins define organisation-wide fields and fields of any business unit; a business unit\'s admins define that unit\'s. Every problem comes back as 422 naming the property (for example `options.1.value` or `validation.requiredWhen.field`).',
      body: z.object({ businessUnitId: d('A business unit id for a field only its offers carry; null or left out: organisation-wide'), ...definitionBody }).loose(),
      response: { 201: fieldSchema },
    },
    handler: async (req, reply) => {
      const created = await fields.create(requireActor(req), req.body as Record<string, unknown>);
      setEtag(reply, created.currentVersion);
      return reply.code(201).send(created);
    },
  });

  r.get('/api/v1/admin/fields/:key', {
    schema: { tags, summary: 'One custom field with its current version (ETag: the version)', params: keyParams, querystring: scopeQuery, response: { 200: fieldSchema } },
    handler: async (req, reply) => {
      const field = await fields.get(requireActor(req), req.params.key, scope(req.query));
      setEtag(reply, field.currentVersion);
      return field;
    },
  });

  r.put('/api/v1/admin/fields/:key', {
    schema: {
      tags,
      summary: 'Save a new version of a custom field (If-Match)',
      description: 'Send the whole definition; the key and the type never change. Needs If-Match with the version you read (409 when it moved on). Offer versions keep the definition version their values were captured under.',
      params: keyParams,
      querystring: scopeQuery,
      body: z.object(definitionBody).loose(),
      response: { 200: fieldSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const saved = await fields.update(actor, req.params.key, scope(req.query), requireIfMatch(req, 'field'), req.body as Record<string, unknown>);
      setEtag(reply, saved.currentVersion);
      return saved;
    },
  });

  r.get('/api/v1/admin/fields/:key/versions', {
    schema: { tags, summary: 'Every version of a custom field, newest first', params: keyParams, querystring: scopeQuery, response: { 200: z.array(versionSchema) } },
    handler: (req) => fields.versions(requireActor(req), req.params.key, scope(req.query)),
  });

  r.get('/api/v1/admin/fields/:key/versions/:number', {
    schema: {
      tags,
      summary: 'One version of a custom field',
      params: z.strictObject({ key: z.string().min(1).max(100), number: z.coerce.number().int().min(1).max(1_000_000) }),
      querystring: scopeQuery,
      response: { 200: versionSchema },
    },
    handler: (req) => fields.version(requireActor(req), req.params.key, scope(req.query), req.params.number),
  });

  r.get('/api/v1/admin/fields/:key/usages', {
    schema: { tags, summary: 'What uses a custom field: policy versions, template versions and other fields\' required-when', params: keyParams, querystring: scopeQuery, response: { 200: z.array(userSchema) } },
    handler: (req) => fields.usages(requireActor(req), req.params.key, scope(req.query)),
  });

  r.post('/api/v1/admin/fields/:key/retire', {
    schema: {
      tags,
      summary: 'Retire a custom field',
      description:
        'Refused with 409 listing every user of the field (approval policy versions and template versions that mention custom.<key>, fields whose required-when reads it) unless `force` is true with a `reason`. Every retirement is recorded with who, when, why and the users it overrode. Retiring is final and the key is never reused; offer versions keep their values.',
      params: keyParams,
      querystring: scopeQuery,
      body: z.strictObject({ force: z.boolean().optional(), reason: z.string().max(2000).optional().describe('Required with force; at most 500 characters') }).nullish(),
      response: { 200: fieldSchema },
    },
    handler: (req) => fields.retire(requireActor(req), req.params.key, scope(req.query), req.body ?? {}),
  });
}

/** Wires the custom field service and routes into the app, with the intake form's view of the fields. */
export function registerFields(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  registerFieldRoutes(app, { fields: createFieldService(deps) });
  registerFieldLayoutRoute(app, { layout: createFieldLayoutService(deps) });
  registerOfferFormRoutes(app, { db: deps.db });
  registerCustomQueryRoutes(app, { db: deps.db });
}
