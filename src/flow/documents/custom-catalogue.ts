import type { FieldDefinition } from '../fields/field-definition.schema';
import { formatDateLong, formatMergeMoney, type CatalogueField, type FieldType } from './field-catalogue';

/**
 * The organisation's custom offer fields as merge fields: `custom.<key>`, formatted for a letter
 * like the built-in fields (a select by its option's label, money with its currency, dates in
 * words, yes/no for booleans, a multi select's labels joined). Pure: the caller loads the
 * definitions and, for user references, the users' names.
 */

const catalogueTypes: Record<FieldDefinition['type'], FieldType> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  // Printed as Yes / No, so in a condition compare with the word: {% if custom.visa == "Yes" %}.
  boolean: 'text',
  single_select: 'text',
  multi_select: 'text',
  user_reference: 'text',
};

const typeWords: Record<FieldDefinition['type'], string> = {
  text: 'Text',
  long_text: 'Text on one line (line breaks become spaces)',
  number: 'A number',
  money: 'Money in the offer\'s currency',
  date: 'A date in words',
  boolean: 'Yes or No',
  single_select: 'The chosen option\'s label',
  multi_select: 'The chosen options\' labels, joined by commas',
  user_reference: 'The person\'s name',
};

function exampleOf(d: FieldDefinition): string {
  const labels = (d.options ?? []).map((o) => o.label);
  switch (d.type) {
    case 'number':
      return '42';
    case 'money':
      return '$1,000.00';
    case 'date':
      return 'April 5, 2027';
    case 'boolean':
      return 'Yes';
    case 'single_select':
      return labels[0] ?? 'Option';
    case 'multi_select':
      return labels.slice(0, 2).join(', ') || 'Option';
    case 'user_reference':
      return 'Dana Whitfield';
    default:
      return d.label;
  }
}

/** Catalogue entries for the definitions, sorted by key; empty when the offer has no value. */
export function customCatalogue(defs: readonly FieldDefinition[]): CatalogueField[] {
  return [...defs]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((d) => ({
      path: `custom.${d.key}`,
      type: catalogueTypes[d.type],
      label: d.label,
      description: `Custom field. ${typeWords[d.type]}; empty when the offer has no value.${d.helpText ? ` ${d.helpText}` : ''}`,
      example: exampleOf(d),
    }));
}

export type CustomMergeValue = string | number;

const optionLabel = (d: FieldDefinition, value: unknown) => d.options?.find((o) => o.value === value)?.label ?? String(value);

/** One value as a letter prints it; '' for a missing or malformed one. */
export function formatCustomValue(d: FieldDefinition, value: unknown, ctx: { currency: string; userNames: ReadonlyMap<string, string> }): CustomMergeValue {
  if (value === undefined || value === null || value === '') return '';
  switch (d.type) {
    case 'number':
      return typeof value === 'number' ? value : '';
    case 'money':
      return typeof value === 'number' ? formatMergeMoney(value, ctx.currency) : '';
    case 'date':
      return typeof value === 'string' ? formatDateLong(value) : '';
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : '';
    case 'single_select':
      return optionLabel(d, value);
    case 'multi_select':
      return Array.isArray(value) ? value.map((v) => optionLabel(d, v)).join(', ') : '';
    case 'user_reference':
      return typeof value === 'string' ? (ctx.userNames.get(value) ?? '') : '';
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** The `custom` group of a merge context: every definition's key, its value formatted or ''. */
export function customMergeValues(
  defs: readonly FieldDefinition[],
  custom: Readonly<Record<string, unknown>> | undefined,
  ctx: { currency: string; userNames: ReadonlyMap<string, string> },
): Record<string, CustomMergeValue> {
  return Object.fromEntries(defs.map((d) => [d.key, formatCustomValue(d, custom?.[d.key], ctx)]));
}

/** The `custom` group filled with each entry's example, for the trial render at save time. */
export function customExampleValues(fields: readonly CatalogueField[]): Record<string, CustomMergeValue> {
  return Object.fromEntries(fields.filter((f) => f.path.startsWith('custom.')).map((f) => [f.path.slice('custom.'.length), f.type === 'number' ? Number(f.example) : f.example]));
}
