import { DEFAULT_SECTION, type FieldType } from '../../../../flow/fields/field-definition.schema';
import type { FieldProblem } from '../../../lib/api-client';
import type { CustomField } from '../api/fields';

/**
 * What the field editor holds, and the definition it sends. Money bounds are typed in dollars and
 * sent in cents; a simple required-when is one `{field, op, value}`; a compound one made through
 * the API is kept as it is.
 */
export interface FieldDraft {
  businessUnitId: string | null;
  key: string;
  label: string;
  type: FieldType;
  helpText: string;
  section: string;
  /** Position in the form: kept on edit; a new field goes last (the layout editor moves it). */
  order: number;
  required: 'no' | 'always' | 'when';
  whenField: string;
  whenOp: string;
  /** Comma-separated for "is one of" / "is none of". */
  whenValue: string;
  /** A condition the editor cannot show (all / any / not), carried through a save. */
  whenCompound: unknown;
  min: string;
  max: string;
  pattern: string;
  options: { value: string; label: string }[];
  read: string[];
  write: string[];
  sensitive: boolean;
  /** Where a new offer's value starts, as the API takes it (money in cents). */
  default: unknown;
}

export const whenOps = ['eq', 'ne', 'in', 'not_in', 'exists', 'not_exists', 'gt', 'gte', 'lt', 'lte'] as const;
const listOps = new Set(['in', 'not_in']);
const valueless = new Set(['exists', 'not_exists']);
export const takesValue = (op: string) => !valueless.has(op);

export function emptyDraft(businessUnitId: string | null, order: number, section = DEFAULT_SECTION): FieldDraft {
  return {
    businessUnitId, key: '', label: '', type: 'text', helpText: '', section, order, required: 'no', whenField: '', whenOp: 'eq', whenValue: '', whenCompound: undefined,
    min: '', max: '', pattern: '', options: [{ value: '', label: '' }], read: [], write: [], sensitive: false, default: undefined,
  };
}

const bound = (type: FieldType, v: number | string | undefined) => (v === undefined ? '' : type === 'money' && typeof v === 'number' ? String(v / 100) : String(v));

export function draftFromField(f: CustomField): FieldDraft {
  const d = f.definition;
  const when = d.validation.requiredWhen as { field?: string; op?: string; value?: unknown } | undefined;
  const simple = when && typeof when.field === 'string';
  return {
    businessUnitId: f.businessUnitId, key: f.key, label: d.label, type: d.type, helpText: d.helpText ?? '', section: d.section, order: d.order,
    required: d.validation.required ? 'always' : when ? 'when' : 'no',
    whenField: simple ? when.field! : '', whenOp: simple ? (when.op ?? 'eq') : 'eq',
    whenValue: simple && when.value !== undefined ? (Array.isArray(when.value) ? when.value.join(', ') : String(when.value)) : '',
    whenCompound: when && !simple ? when : undefined,
    min: bound(d.type, d.validation.min), max: bound(d.type, d.validation.max), pattern: d.validation.pattern ?? '',
    options: d.options ?? [], read: d.access.read, write: d.access.write, sensitive: d.sensitive, default: d.default,
  };
}

const isSelect = (t: FieldType) => t === 'single_select' || t === 'multi_select';
const hasBounds = (t: FieldType) => !['boolean', 'single_select', 'user_reference'].includes(t);
export const fieldTypeHas = { options: isSelect, bounds: hasBounds, pattern: (t: FieldType) => t === 'text' || t === 'long_text' };

/** "5" → 5, "true" → true, anything else stays text: the server says what does not fit. */
function scalar(raw: string): unknown {
  const s = raw.trim();
  if (s === 'true' || s === 'false') return s === 'true';
  return s !== '' && !Number.isNaN(Number(s)) ? Number(s) : s;
}

function boundOut(type: FieldType, raw: string): number | string | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  if (type === 'date') return s;
  const n = Number(s);
  if (Number.isNaN(n)) return s;
  return type === 'money' ? Math.round(n * 100) : n;
}

function requiredWhen(d: FieldDraft): unknown {
  if (d.required !== 'when') return undefined;
  if (d.whenCompound && !d.whenField) return d.whenCompound;
  if (!takesValue(d.whenOp)) return { field: d.whenField.trim(), op: d.whenOp };
  const value = listOps.has(d.whenOp) ? d.whenValue.split(',').map((v) => scalar(v)).filter((v) => v !== '') : scalar(d.whenValue);
  return { field: d.whenField.trim(), op: d.whenOp, value };
}

/** The definition as the API takes it; properties the type does not use are left out. */
export function bodyFromDraft(d: FieldDraft): Record<string, unknown> {
  const access = d.read.length || d.write.length ? { ...(d.read.length ? { read: d.read } : {}), ...(d.write.length ? { write: d.write } : {}) } : undefined;
  return {
    key: d.key.trim(),
    label: d.label.trim(),
    type: d.type,
    ...(d.helpText.trim() ? { helpText: d.helpText.trim() } : {}),
    section: d.section.trim() || DEFAULT_SECTION,
    order: d.order,
    validation: {
      required: d.required === 'always',
      ...(d.required === 'when' ? { requiredWhen: requiredWhen(d) } : {}),
      ...(hasBounds(d.type) ? { min: boundOut(d.type, d.min), max: boundOut(d.type, d.max) } : {}),
      ...(fieldTypeHas.pattern(d.type) && d.pattern.trim() ? { pattern: d.pattern.trim() } : {}),
    },
    ...(isSelect(d.type) ? { options: d.options.filter((o) => o.value.trim() || o.label.trim()).map((o) => ({ value: o.value.trim(), label: o.label.trim() || o.value.trim() })) } : {}),
    ...(d.default !== undefined ? { default: d.default } : {}),
    ...(access ? { access } : {}),
    sensitive: d.sensitive,
  };
}

/** The server's problems for one input: its own path, and paths under it (`options.2.value` under `options`). */
export function problemsAt(problems: readonly FieldProblem[], path: string, exact = false): string | undefined {
  const hits = problems.filter((p) => p.field === path || (!exact && p.field.startsWith(`${path}.`)));
  return hits.length ? hits.map((p) => p.message).join('; ') : undefined;
}
