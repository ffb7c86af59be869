import { z } from 'zod';
import type { Role } from '../../core/roles';
import { conditionSchema, type Condition } from '../policy/policy.schema';

/**
 * A custom offer field as an organisation defines it. This file checks shape only (keys,
 * types, limits); meaning (key clashes, patterns, options, min / max, required-when, roles)
 * is checked by field-definition-validate.ts, which also fills in the defaults, so a stored
 * version always says everything explicitly.
 */

export const fieldTypes = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'boolean',
  'single_select',
  'multi_select',
  'user_reference',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const selectTypes: ReadonlySet<FieldType> = new Set(['single_select', 'multi_select']);
export const textTypes: ReadonlySet<FieldType> = new Set(['text', 'long_text']);

export const FIELD_LIMITS = {
  keyChars: 40,
  labelChars: 100,
  helpChars: 500,
  sectionChars: 60,
  order: 10_000,
  patternChars: 200,
  options: 200,
  optionValueChars: 60,
  optionLabelChars: 100,
  conditionDepth: 8,
  listValues: 100,
  /** Longest value of a text field unless max says less. */
  textChars: 200,
  longTextChars: 5000,
  /** $100M in cents, as for built-in money terms. */
  moneyCents: 100_000_000_00,
  number: 1e15,
} as const;

export const DEFAULT_SECTION = 'Additional details';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldValidation {
  required: boolean;
  requiredWhen?: Condition;
  /** number: the value; money: cents; date: an ISO date; text: characters; multi select: choices. */
  min?: number | string;
  max?: number | string;
  /** text and long text: a regular expression the whole value must match. */
  pattern?: string;
}

/** One version of a definition as stored: every default filled in. */
export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  helpText?: string;
  section: string;
  order: number;
  validation: FieldValidation;
  options?: FieldOption[];
  default?: unknown;
  access: { read: Role[]; write: Role[] };
  sensitive: boolean;
}

const requiredText = () => z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') });
const bound = z.union([z.number(), z.string().max(10)], { error: 'must be a number, or a date like 2027-01-31' });

/** The shape an admin sends; roles are plain text here so an unknown one is named with its index. */
export const fieldDefinitionInputSchema = z.strictObject({
  key: requiredText().max(100, 'must be at most 100 characters'),
  label: requiredText().max(1000, `must be at most ${FIELD_LIMITS.labelChars} characters`),
  type: requiredText().max(100),
  helpText: z.string().max(FIELD_LIMITS.helpChars, `must be at most ${FIELD_LIMITS.helpChars} characters`).optional(),
  section: z.string().max(1000, `must be at most ${FIELD_LIMITS.sectionChars} characters`).optional(),
  order: z.int('must be a whole number').min(0, 'must be zero or more').max(FIELD_LIMITS.order, `must be at most ${FIELD_LIMITS.order}`).optional(),
  validation: z
    .strictObject({
      required: z.boolean('must be true or false').optional(),
      requiredWhen: conditionSchema.optional(),
      min: bound.optional(),
      max: bound.optional(),
      pattern: z.string().max(10_000).optional(),
    })
    .optional(),
  options: z
    .array(
      z.strictObject({
        value: requiredText().max(1000),
        label: z.string().max(1000).optional(),
      }),
    )
    .max(FIELD_LIMITS.options, `must hold at most ${FIELD_LIMITS.options} options`)
    .optional(),
  default: z.unknown().optional(),
  access: z
    .strictObject({
      read: z.array(z.string().max(100)).max(50).optional(),
      write: z.array(z.string().max(100)).max(50).optional(),
    })
    .optional(),
  sensitive: z.boolean('must be true or false').optional(),
});
export type FieldDefinitionInput = z.input<typeof fieldDefinitionInputSchema>;

/** The path a policy condition, a template or a later filter names a custom field by. */
export const customPath = (key: string) => `custom.${key}`;
