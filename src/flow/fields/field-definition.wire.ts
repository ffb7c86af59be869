import { z } from 'zod';
import { roles } from '../../core/roles';
import { fieldTypes } from './field-definition.schema';

/**
 * A stored definition as the API shows it, declared once for the server's responses (and so the
 * OpenAPI document) and the web app's parsing of them.
 */
export const storedDefinitionSchema = z.object({
  key: z.string().describe('Lower snake case; used as custom.<key> in conditions, templates and exports'),
  label: z.string(),
  type: z.enum(fieldTypes),
  helpText: z.string().optional(),
  section: z.string(),
  order: z.int(),
  validation: z.object({
    required: z.boolean(),
    requiredWhen: z.unknown().optional().describe('A condition in the policy language: { field, op, value } or all / any / not'),
    min: z.union([z.number(), z.string()]).optional(),
    max: z.union([z.number(), z.string()]).optional(),
    pattern: z.string().optional(),
  }),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  default: z.unknown().optional(),
  access: z.object({ read: z.array(z.enum(roles)), write: z.array(z.enum(roles)) }),
  sensitive: z.boolean(),
});

/** A field of the intake form as one set of roles sees it: no access lists, but whether they may fill it in. */
export const formFieldSchema = storedDefinitionSchema.omit({ access: true }).extend({
  version: z.int(),
  writable: z.boolean().describe('Whether your roles may fill it in; a read-only field is shown, not edited'),
});

/** A custom field the offers list and the board can show as a column and, where `filterable`, filter by. */
export const queryableFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  sensitive: z.boolean(),
  filterable: z.boolean().describe('Whether every one of your roles reads it, as `custom.<key>` filters need; otherwise it can only be a column'),
});
