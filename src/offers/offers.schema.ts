import { z } from 'zod';
import { offerEventTypes, offerStatuses } from '../core/lifecycle';
import { customColumnsParam, withCustomFilters } from '../flow/fields/custom-params';
import { visibleTermsSchema, type OfferTerms } from '../flow/intake/offer-terms.schema';
import { offerSortKeys } from './offers.repo';

/** A custom field beside its value: the definition version the value is (or was) captured under. */
export const customFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.string(),
  version: z.int().describe('The definition version the value follows'),
  section: z.string(),
  order: z.int(),
  sensitive: z.boolean(),
  helpText: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

/**
 * What the API returns for one offer; terms are the draft, or the latest frozen version.
 * Fields the caller's roles may not read (src/core/access) are absent, so they are optional here.
 */
export const offerSchema = z.object({
  id: z.uuid(),
  status: z.enum(offerStatuses),
  rowVersion: z.int().describe('Send back in If-Match when writing'),
  businessUnitId: z.uuid(),
  departmentId: z.uuid(),
  candidate: z.object({ id: z.uuid(), name: z.string().optional() }),
  requisitionId: z.uuid().nullable(),
  recruiterId: z.uuid(),
  title: z.string().optional(),
  startDate: z.string().optional(),
  currentVersion: z.int().describe('Latest frozen version; 0 before the first submit'),
  terms: visibleTermsSchema.nullable().optional(),
  allowedEvents: z.array(z.enum(offerEventTypes)).describe('Events the lifecycle allows from the current state'),
  customFields: z.array(customFieldSchema).optional().describe('The custom fields you may read, to label `terms.custom`'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
/** An offer as a caller sees it: any field the access map hides is absent. */
export type VisibleOfferDto = z.infer<typeof offerSchema>;
/** An offer before masking: what a role that reads everything sees. */
export type OfferDto = Omit<VisibleOfferDto, 'candidate' | 'title' | 'startDate' | 'terms'> & {
  candidate: { id: string; name: string };
  title: string;
  startDate: string;
  terms: OfferTerms | null;
};

export const offerSummarySchema = offerSchema.omit({ terms: true, allowedEvents: true, customFields: true });

/** The values of the custom columns asked for (`columns`), by key; only those the caller may read on that offer. */
export const customColumnValuesSchema = z
  .record(z.string(), z.unknown())
  .describe('Values of the custom fields named in `columns`, by key; a value your roles may not read on this offer, or an empty one, is absent');

export const offerListSchema = z.object({
  items: z.array(offerSummarySchema.extend({ custom: customColumnValuesSchema.optional() })),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});

const statusList = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(offerStatuses)).max(20));

export const offerListQuerySchema = z.strictObject({
  status: statusList.optional().describe('Comma-separated statuses'),
  businessUnitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  recruiterId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Free text over title and candidate name'),
  sort: z
    .enum([...offerSortKeys, ...offerSortKeys.map((k) => `-${k}` as const)] as [string, ...string[]])
    .default('-updatedAt')
    .describe('A field, with a leading - for descending'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  columns: customColumnsParam.optional(),
});

/**
 * What GET /api/v1/offers takes: the parameters above and `custom.<key>=<value>` filters
 * (`custom.<key>.min` / `.max` ranges too)
 * (src/flow/fields/custom-query.ts says what a value means for each type).
 */
export const offerListRequestSchema = withCustomFilters(offerListQuerySchema);

export const offerIdParamsSchema = z.strictObject({ id: z.uuid('must be an offer id') });

// packet_ready: the recruiter marks the letter drafted; packet generation will fire it by itself.
export const manualEventTypes = ['cancel', 'withdraw', 'rescind', 'verbal_accept', 'packet_ready'] as const;
export const offerEventBodySchema = z.strictObject({
  type: z.enum(manualEventTypes).describe('Events people apply by hand; the others come from their stages'),
  reason: z.string().trim().min(1).max(2000).optional(),
});

export const versionSchema = z.object({
  number: z.int(),
  terms: visibleTermsSchema.optional(),
  customFields: z.array(customFieldSchema).describe('The definitions this version\'s custom values were captured under (those you may read)'),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
