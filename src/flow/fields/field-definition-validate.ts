import type { z } from 'zod';
import type { FieldProblem } from '../../core/errors';
import { isRealIsoDate } from '../../core/dates';
import { roles, type Role } from '../../core/roles';
import { opsForType, policyFieldsByPath, type FieldType as ConditionType } from '../policy/policy-fields';
import type { Condition } from '../policy/policy.schema';
import { builtinNames, offerWriterRoles, payReaderRoles } from './field-access';
import {
  DEFAULT_SECTION,
  FIELD_LIMITS,
  fieldDefinitionInputSchema,
  fieldTypes,
  selectTypes,
  textTypes,
  type FieldDefinition,
  type FieldOption,
  type FieldType,
  type FieldValidation,
} from './field-definition.schema';
import { checkPattern } from './field-pattern';
import { checkFilledValue } from './field-value';

/**
 * Validates a field definition and fills in its defaults. Every problem names the property at
 * fault by its dotted path (`options.1.value`, `validation.requiredWhen.all.0.field`,
 * `access.read.2`) and says what to do; all problems are reported at once, except that meaning
 * is checked only once the shape is right. Duplicate keys need the database: the service checks
 * them.
 */

export interface DefinitionContext {
  /** Current definitions of the other custom fields an offer in this scope carries (retired ones left out). */
  others: ReadonlyMap<string, FieldDefinition>;
  /** The version a new version replaces: its key and type cannot change. */
  previous?: FieldDefinition;
}

export type ParseDefinitionResult = { ok: true; definition: FieldDefinition } | { ok: false; problems: FieldProblem[] };

export const KEY_FORMAT = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const typeWords: Record<string, string> = { array: 'a list', object: 'an object', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };

function shapeProblems(issues: z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((iss): FieldProblem[] => {
    const path = iss.path.map(String).join('.');
    if (iss.code === 'unrecognized_keys') return iss.keys.map((k) => ({ field: path ? `${path}.${k}` : k, message: 'is not a known property of a field definition' }));
    if (iss.code === 'invalid_type' && /received undefined$/.test(iss.message)) return [{ field: path, message: 'is required' }];
    if (iss.code === 'invalid_type' && iss.message.startsWith('Invalid input') && typeWords[iss.expected])
      return [{ field: path, message: `must be ${typeWords[iss.expected]}` }];
    return [{ field: path || '(body)', message: iss.message }];
  });
}

interface ConditionField {
  type: ConditionType;
  values?: readonly string[];
}

function conditionFieldOf(def: FieldDefinition): ConditionField {
  switch (def.type) {
    case 'number':
    case 'money':
    case 'date':
    case 'boolean':
      return { type: def.type };
    case 'single_select':
      return { type: 'enum', values: (def.options ?? []).map((o) => o.value) };
    case 'multi_select':
      return { type: 'list', values: (def.options ?? []).map((o) => o.value) };
    default:
      return { type: 'text' };
  }
}

function checkConditionValue(field: ConditionField, path: string, v: unknown, item: boolean): string | null {
  const type = item ? (field.values ? 'enum' : 'text') : field.type;
  switch (type) {
    case 'money':
      return Number.isSafeInteger(v) ? null : `must be a whole number of cents for ${path}`;
    case 'number':
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) ? null : `must be a number for ${path}`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `must be true or false for ${path}`;
    case 'date':
      return typeof v === 'string' && isRealIsoDate(v) ? null : `must be a real date like 2027-01-31 for ${path}`;
    case 'text':
      return typeof v === 'string' && v.length >= 1 && v.length <= 200 ? null : `must be a text value (1 to 200 characters) for ${path}`;
    case 'enum':
      return typeof v === 'string' && field.values!.includes(v) ? null : `${JSON.stringify(v)} is not a value of ${path}: use one of ${field.values!.join(', ')}`;
    default:
      return `cannot be tested directly`;
  }
}

function checkCondition(c: Condition, at: string, depth: number, ownKey: string, ctx: DefinitionContext, problems: FieldProblem[]): void {
  if (depth > FIELD_LIMITS.conditionDepth) {
    problems.push({ field: at, message: `nests too deep: at most ${FIELD_LIMITS.conditionDepth} levels of all / any / not` });
    return;
  }
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, `${at}.all.${i}`, depth + 1, ownKey, ctx, problems));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, `${at}.any.${i}`, depth + 1, ownKey, ctx, problems));
  if ('not' in c) return checkCondition(c.not, `${at}.not`, depth + 1, ownKey, ctx, problems);
  let field: ConditionField;
  if (c.field.startsWith('custom.')) {
    const key = c.field.slice('custom.'.length);
    if (key === ownKey) {
      problems.push({ field: `${at}.field`, message: `refers to this field itself ("${c.field}"): a field cannot be required depending on its own value` });
      return;
    }
    const other = ctx.others.get(key);
    if (!other) {
      problems.push({ field: `${at}.field`, message: `unknown field "${c.field}": no custom field with the key "${key}" that offers of this scope carry` });
      return;
    }
    field = conditionFieldOf(other);
  } else {
    const builtin = policyFieldsByPath.get(c.field);
    if (!builtin || !builtin.coverable) {
      problems.push({ field: `${at}.field`, message: `unknown field "${c.field}": use an offer term such as employmentType or compensation.payBasis, or custom.<key> of another custom field` });
      return;
    }
    field = { type: builtin.type, values: builtin.values };
  }
  const ops = opsForType(field.type);
  if (!ops.includes(c.op)) {
    problems.push({ field: `${at}.op`, message: `"${c.op}" does not apply to ${c.field} (${field.type}): use one of ${ops.join(', ')}` });
    return;
  }
  if (c.op === 'exists' || c.op === 'not_exists') {
    if (c.value !== undefined) problems.push({ field: `${at}.value`, message: `must be left out for ${c.op}` });
    return;
  }
  if (c.value === undefined) {
    problems.push({ field: `${at}.value`, message: `is required for ${c.op}` });
    return;
  }
  if (c.op === 'in' || c.op === 'not_in') {
    if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > FIELD_LIMITS.listValues) {
      problems.push({ field: `${at}.value`, message: `must be a list of 1 to ${FIELD_LIMITS.listValues} values for ${c.op}` });
      return;
    }
    c.value.forEach((v, i) => {
      const m = checkConditionValue(field, c.field, v, false);
      if (m) problems.push({ field: `${at}.value.${i}`, message: m });
    });
    return;
  }
  const m = checkConditionValue(field, c.field, c.value, field.type === 'list');
  if (m) problems.push({ field: `${at}.value`, message: m });
}

function checkBound(type: FieldType, name: 'min' | 'max', v: number | string, problems: FieldProblem[]): boolean {
  const field = `validation.${name}`;
  const fail = (message: string) => (problems.push({ field, message }), false);
  switch (type) {
    case 'date':
      return typeof v === 'string' && isRealIsoDate(v) ? true : fail(`must be a real date like 2027-01-31 for a date field, not ${JSON.stringify(v)}`);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= FIELD_LIMITS.number ? true : fail(`must be a number for a number field, not ${JSON.stringify(v)}`);
    case 'money':
      return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= FIELD_LIMITS.moneyCents
        ? true
        : fail(`must be a whole number of cents from 0 to ${FIELD_LIMITS.moneyCents} for a money field, not ${JSON.stringify(v)}`);
    case 'text':
    case 'long_text': {
      const limit = type === 'text' ? FIELD_LIMITS.textChars : FIELD_LIMITS.longTextChars;
      return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= limit
        ? true
        : fail(`must be a whole number of characters from 0 to ${limit} for a ${type === 'text' ? 'text' : 'long text'} field, not ${JSON.stringify(v)}`);
    }
    case 'multi_select':
      return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= FIELD_LIMITS.options
        ? true
        : fail(`must be a whole number of choices for a multi select field, not ${JSON.stringify(v)}`);
    default:
      return fail(`does not apply to a ${type} field, whose values have no order: leave min and max out`);
  }
}

function checkRoles(list: readonly string[], at: string, problems: FieldProblem[]): Role[] {
  const seen = new Set<string>();
  list.forEach((r, i) => {
    if (!(roles as readonly string[]).includes(r)) problems.push({ field: `${at}.${i}`, message: `unknown role ${JSON.stringify(r)}: use one of ${roles.join(', ')}` });
    else if (seen.has(r)) problems.push({ field: `${at}.${i}`, message: `lists the role ${r} twice` });
    seen.add(r);
  });
  return [...seen].filter((r): r is Role => (roles as readonly string[]).includes(r));
}

export function parseFieldDefinition(input: unknown, ctx: DefinitionContext): ParseDefinitionResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [{ field: '(body)', message: 'must be an object describing the field' }] };
  const shaped = fieldDefinitionInputSchema.safeParse(input);
  if (!shaped.success) return { ok: false, problems: shapeProblems(shaped.error.issues) };
  const d = shaped.data;
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  // Key
  const key = d.key;
  if (ctx.previous && key !== ctx.previous.key) add('key', `cannot change (it is "${ctx.previous.key}"): retire this field and add a new one instead`);
  else if (key.length > FIELD_LIMITS.keyChars) add('key', `must be at most ${FIELD_LIMITS.keyChars} characters`);
  else if (!KEY_FORMAT.test(key)) add('key', `${JSON.stringify(key)} must be lower snake case like cost_center: a letter first, then letters, digits and single underscores`);
  else {
    const clash = builtinNames.get(key);
    if (clash === key) add('key', `"${key}" is a reserved word: choose another key`);
    else if (clash) add('key', `"${key}" clashes with the built-in field ${clash}: choose another key`);
  }

  // Label, help, section
  const label = d.label.trim();
  if (label.length === 0) add('label', 'must not be empty');
  else if (label.length > FIELD_LIMITS.labelChars) add('label', `must be at most ${FIELD_LIMITS.labelChars} characters (it has ${label.length})`);
  const section = (d.section ?? DEFAULT_SECTION).trim();
  if (section.length === 0) add('section', 'must not be empty: leave it out for the default section');
  else if (section.length > FIELD_LIMITS.sectionChars) add('section', `must be at most ${FIELD_LIMITS.sectionChars} characters`);
  const helpText = d.helpText?.trim() || undefined;

  // Type
  if (!(fieldTypes as readonly string[]).includes(d.type)) {
    add('type', `unknown type ${JSON.stringify(d.type)}: use one of ${fieldTypes.join(', ')}`);
    return { ok: false, problems };
  }
  const type = d.type as FieldType;
  if (ctx.previous && type !== ctx.previous.type)
    add('type', `cannot change from ${ctx.previous.type} to ${type}: values already captured would no longer fit; retire this field and add a new one`);

  // Options
  let options: FieldOption[] | undefined;
  if (selectTypes.has(type)) {
    if (!d.options || d.options.length === 0) add('options', `must list at least one choice for a ${type} field`);
    else {
      const seen = new Map<string, number>();
      options = d.options.map((o, i) => {
        const value = o.value.trim();
        const optLabel = (o.label ?? value).trim();
        if (value.length === 0) add(`options.${i}.value`, 'must not be empty');
        else if (value.length > FIELD_LIMITS.optionValueChars) add(`options.${i}.value`, `must be at most ${FIELD_LIMITS.optionValueChars} characters`);
        else if (/[\u0000-\u001f]/.test(value)) add(`options.${i}.value`, 'must not hold control characters or line breaks');
        const folded = value.toLowerCase();
        if (value && seen.has(folded)) add(`options.${i}.value`, `repeats the value ${JSON.stringify(value)} of options.${seen.get(folded)} (values are compared ignoring case)`);
        else seen.set(folded, i);
        if (optLabel.length === 0) add(`options.${i}.label`, 'must not be empty: leave it out to show the value');
        else if (optLabel.length > FIELD_LIMITS.optionLabelChars) add(`options.${i}.label`, `must be at most ${FIELD_LIMITS.optionLabelChars} characters`);
        return { value, label: optLabel };
      });
    }
  } else if (d.options !== undefined) add('options', `apply only to single_select and multi_select fields, not to a ${type} field: leave options out`);

  // Validation
  const v = d.validation ?? {};
  const validation: FieldValidation = { required: v.required ?? false };
  if (v.requiredWhen !== undefined) {
    if (validation.required) add('validation.requiredWhen', 'means nothing when required is true: leave one of them out');
    else {
      const before = problems.length;
      checkCondition(v.requiredWhen, 'validation.requiredWhen', 1, key, ctx, problems);
      if (problems.length === before) validation.requiredWhen = v.requiredWhen;
    }
  }
  const minOk = v.min !== undefined && checkBound(type, 'min', v.min, problems);
  const maxOk = v.max !== undefined && checkBound(type, 'max', v.max, problems);
  if (minOk) validation.min = v.min;
  if (maxOk) validation.max = v.max;
  if (minOk && maxOk && (v.min as number) > (v.max as number)) add('validation.min', `${JSON.stringify(v.min)} is greater than max ${JSON.stringify(v.max)}`);
  if (v.pattern !== undefined) {
    if (!textTypes.has(type)) add('validation.pattern', `applies only to text and long_text fields, not to a ${type} field: leave pattern out`);
    else {
      const check = checkPattern(v.pattern, FIELD_LIMITS.patternChars);
      if (!check.ok) add('validation.pattern', check.message);
      else validation.pattern = v.pattern;
    }
  }

  // Access
  const sensitive = d.sensitive ?? false;
  const read = d.access?.read !== undefined ? checkRoles(d.access.read, 'access.read', problems) : [...(sensitive ? payReaderRoles : roles)];
  if (d.access?.read !== undefined && d.access.read.length === 0) add('access.read', 'must name at least one role');
  if (sensitive && d.access?.read !== undefined) {
    d.access.read.forEach((r, i) => {
      if (read.includes(r as Role) && !payReaderRoles.includes(r as Role))
        add(`access.read.${i}`, `${r} cannot read pay, so it cannot read a sensitive field: sensitive fields are treated like compensation (readers: ${payReaderRoles.join(', ')})`);
    });
  }
  const write = d.access?.write !== undefined ? checkRoles(d.access.write, 'access.write', problems) : offerWriterRoles.filter((r) => read.includes(r));
  if (d.access?.write !== undefined) {
    d.access.write.forEach((r, i) => {
      const role = r as Role;
      if (!write.includes(role)) return;
      if (!offerWriterRoles.includes(role)) add(`access.write.${i}`, `${r} does not edit offers, so it cannot write this field: writers are roles that set offer terms (${offerWriterRoles.join(', ')})`);
      else if (!read.includes(role)) add(`access.write.${i}`, `${r} must also be in access.read: a role writes only what it reads`);
    });
  }

  const definition: FieldDefinition = {
    key,
    label,
    type,
    ...(helpText ? { helpText } : {}),
    section,
    order: d.order ?? 0,
    validation,
    ...(options ? { options } : {}),
    access: { read: roles.filter((r) => read.includes(r)), write: roles.filter((r) => write.includes(r)) },
    sensitive,
  };

  // Default: checked against the definition it belongs to, once the rest is right.
  if (d.default !== undefined && d.default !== null) {
    if (type === 'user_reference') add('default', 'a user reference has no default: leave default out');
    else if (problems.length === 0) {
      const why = checkFilledValue(definition, d.default);
      if (why) add('default', `fails this field's own validation: ${why}`);
      else definition.default = d.default;
    }
  }

  return problems.length ? { ok: false, problems } : { ok: true, definition };
}

/** Custom keys a definition's required-when reads, for finding who uses a field. */
export function customKeysIn(c: Condition | undefined): string[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(customKeysIn);
  if ('any' in c) return c.any.flatMap(customKeysIn);
  if ('not' in c) return customKeysIn(c.not);
  return c.field.startsWith('custom.') ? [c.field.slice('custom.'.length)] : [];
}
