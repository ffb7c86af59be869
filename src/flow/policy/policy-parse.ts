import { parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { isRealIsoDate } from '../../core/dates';
import { canEverHold } from './satisfiable';
import type { CustomCatalogue } from './custom-catalogue';
import { customKeyOf, customPolicyField, isCustomPath, type CustomFieldSnapshot } from './custom-fields';
import { coverablePaths, opsForType, policyFieldsByPath, type PolicyField } from './policy-fields';
import { POLICY_LIMITS, policySchema, type ApproverSpec, type Condition, type Policy, type PolicyStep } from './policy.schema';

/**
 * Parse and validate a policy at save time. Every problem carries the path of the offending
 * key ('stages[1].steps[0].when.all[2].field') so the editor can point at it; all problems are
 * reported at once, except that meaning is only checked once the shape is right.
 */

export interface PolicyProblem { path: string; message: string }
export interface PolicyCatalogue {
  userEmails: ReadonlySet<string>;
  /** The organisation's custom fields for the policy's scope; without it, naming `custom.<key>` is refused. */
  customFields?: CustomCatalogue;
}
export type ParsePolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/** What one parse has learned: the custom fields the policy names, recorded in the document. */
interface ParseContext {
  catalogue: PolicyCatalogue;
  used: Map<string, CustomFieldSnapshot>;
}

/** A custom field by its path, or why the policy may not name it. */
function resolveCustom(path: string, ctx: ParseContext): { field: PolicyField } | { message: string } {
  const key = customKeyOf(path);
  if (key === null) return { message: `unknown field "${path}": a custom field is named custom.<key>, like custom.cost_center` };
  const entry = ctx.catalogue.customFields?.get(key);
  if (!entry) return { message: `unknown custom field "${path}": no custom field with the key "${key}" is defined for the offers this policy routes` };
  if (entry.status === 'retired')
    return { message: `"${path}" (${entry.label}) is retired: offers no longer carry it, so a policy cannot name it` };
  if (entry.status === 'conflict')
    return { message: `"${path}" is a different kind of field in different business units (${entry.types.join(', ')}): name it in each business unit's own policy instead` };
  ctx.used.set(key, entry.field);
  return { field: customPolicyField(key, entry.field) };
}

/** How problems name a field: custom fields with their label, since the key alone may be cryptic. */
const fieldName = (f: PolicyField) => (isCustomPath(f.path) ? `${f.path} (${f.label}, ${f.type})` : `${f.path} (${f.type})`);

export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function where(err: YAMLError): string {
  const lp = err.linePos?.[0];
  return lp ? `line ${lp.line}, column ${lp.col}` : 'an unknown position';
}

function readSource(source: string, format: 'yaml' | 'json'): { ok: true; value: unknown } | { ok: false; problem: PolicyProblem } {
  if (source.length > POLICY_LIMITS.sourceChars)
    return { ok: false, problem: { path: '', message: `is too long: at most ${POLICY_LIMITS.sourceChars} characters` } };
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(source);
      // JSON.parse keeps the last of two equal keys without a word; JSON is YAML, and the YAML
      // parser refuses them with a position.
      const dup = parseDocument(source, { uniqueKeys: true, prettyErrors: true }).errors.find((x) => x.code === 'DUPLICATE_KEY');
      if (dup) return { ok: false, problem: { path: '', message: `is not valid JSON at ${where(dup)}: a key appears twice in one object` } };
      return { ok: true, value };
    } catch (e) {
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      const at = pos ? Number(pos[1]) : source.length;
      const before = source.slice(0, at).split('\n');
      const where = `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
      return { ok: false, problem: { path: '', message: `is not valid JSON at ${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` } };
    }
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const what = err.message.split(/ at line \d+/)[0]!.split('\n')[0]!;
    return { ok: false, problem: { path: '', message: `is not valid YAML at ${where(err)}: ${what}` } };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 50 }) };
  } catch (e) {
    return { ok: false, problem: { path: '', message: `is not valid YAML: ${(e as Error).message}` } };
  }
}

const typeWords: Record<string, string> = {
  array: 'a list',
  object: 'an object of keys and values',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function zodProblems(issues: z.core.$ZodIssue[]): PolicyProblem[] {
  return issues.flatMap((iss): PolicyProblem[] => {
    if (iss.code === 'unrecognized_keys')
      return iss.keys.map((k) => ({ path: formatPath([...iss.path, k]), message: `is not a known key here` }));
    if (iss.code === 'invalid_type' && /received undefined$/.test(iss.message)) return [{ path: formatPath(iss.path), message: 'is required' }];
    if (iss.code === 'invalid_type' && typeWords[iss.expected])
      return [{ path: formatPath(iss.path), message: `must be ${typeWords[iss.expected]}` }];
    return [{ path: formatPath(iss.path), message: iss.message }];
  });
}

const describeType: Record<PolicyField['type'], string> = {
  money: 'a whole number of cents (e.g. 2500000 for $25,000)',
  number: 'a number',
  percent: 'a number of percent (e.g. 110)',
  text: 'a text value',
  enum: 'one of the listed values',
  boolean: 'true or false',
  date: 'a date like 2027-01-31',
  list: 'a list item',
};

function checkScalar(field: PolicyField, v: unknown, itemOfList = false): string | null {
  const type = itemOfList ? (field.values ? 'enum' : 'text') : field.type;
  switch (type) {
    case 'money':
      return Number.isSafeInteger(v) ? null : `must be ${describeType.money} for ${field.path}`;
    case 'number':
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) ? null : `must be ${describeType[type]} for ${field.path}`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `must be true or false for ${field.path}`;
    case 'date':
      return typeof v === 'string' && isRealIsoDate(v) ? null : `must be a real date like 2027-01-31 for ${field.path}`;
    case 'text':
      return typeof v === 'string' && v.length >= 1 && v.length <= 200 ? null : `must be a text value (1 to 200 characters) for ${field.path}`;
    case 'enum':
      if (typeof v === 'string' && field.values!.includes(v)) return null;
      return `${JSON.stringify(v)} is not a value of ${field.path}: use one of ${field.values!.join(', ')}`;
    default:
      return `cannot be tested directly`;
  }
}

function checkCondition(c: Condition, path: PropertyKey[], depth: number, ctx: ParseContext, problems: PolicyProblem[]) {
  const at = (...more: PropertyKey[]) => formatPath([...path, ...more]);
  if (depth > POLICY_LIMITS.conditionDepth) {
    problems.push({ path: at(), message: `nests too deep: at most ${POLICY_LIMITS.conditionDepth} levels of all / any / not` });
    return;
  }
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i], depth + 1, ctx, problems));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i], depth + 1, ctx, problems));
  if ('not' in c) return checkCondition(c.not, [...path, 'not'], depth + 1, ctx, problems);
  let field: PolicyField | undefined;
  if (isCustomPath(c.field)) {
    const r = resolveCustom(c.field, ctx);
    if ('message' in r) {
      problems.push({ path: at('field'), message: r.message });
      return;
    }
    field = r.field;
  } else field = policyFieldsByPath.get(c.field);
  if (!field) {
    problems.push({ path: at('field'), message: `unknown field "${c.field}": see the field catalogue in docs/policy.md, or name a custom field as custom.<key>` });
    return;
  }
  const ops = opsForType(field.type);
  if (!ops.includes(c.op)) {
    problems.push({ path: at('op'), message: `"${c.op}" does not apply to ${fieldName(field)}: use one of ${ops.join(', ')}` });
    return;
  }
  if (c.op === 'exists' || c.op === 'not_exists') {
    if (c.value !== undefined) problems.push({ path: at('value'), message: `must be left out for ${c.op}` });
    return;
  }
  if (c.value === undefined) {
    problems.push({ path: at('value'), message: `is required for ${c.op}` });
    return;
  }
  if (c.op === 'in' || c.op === 'not_in') {
    if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > POLICY_LIMITS.listValues) {
      problems.push({ path: at('value'), message: `must be a list of 1 to ${POLICY_LIMITS.listValues} values for ${c.op}` });
      return;
    }
    c.value.forEach((v, i) => {
      const m = checkScalar(field, v);
      if (m) problems.push({ path: at('value', i), message: m });
    });
    return;
  }
  const m = checkScalar(field, c.value, field.type === 'list');
  if (m) problems.push({ path: at('value'), message: m });
}

const approverKey = (a: ApproverSpec) => ('role' in a ? `role:${a.role}` : 'user' in a ? `user:${a.user}` : `relation:${a.relation}`);

function checkApprover(a: ApproverSpec, path: PropertyKey[], catalogue: PolicyCatalogue, problems: PolicyProblem[]) {
  if ('user' in a && !catalogue.userEmails.has(a.user))
    problems.push({ path: formatPath([...path, 'user']), message: `no active user with the e-mail ${a.user} in this organisation` });
}

function checkStep(step: PolicyStep, path: PropertyKey[], ctx: ParseContext, problems: PolicyProblem[]) {
  const { catalogue } = ctx;
  const at = (...more: PropertyKey[]) => formatPath([...path, ...more]);
  if (step.when) checkCondition(step.when, [...path, 'when'], 1, ctx, problems);
  const seen = new Map<string, number>();
  step.approvers.forEach((a, i) => {
    checkApprover(a, [...path, 'approvers', i], catalogue, problems);
    const k = approverKey(a);
    if (seen.has(k)) problems.push({ path: at('approvers', i), message: `names the same approver as approvers[${seen.get(k)}]` });
    else seen.set(k, i);
  });
  if (typeof step.quorum === 'object') {
    const n = step.quorum.atLeast;
    // Roles resolve to however many people hold them, so only an all-named list has a fixed size.
    const fixed = step.approvers.every((a) => !('role' in a)) ? step.approvers.length : null;
    if (n < 1) problems.push({ path: at('quorum', 'atLeast'), message: 'must be at least 1' });
    else if (fixed !== null && n > fixed)
      problems.push({ path: at('quorum', 'atLeast'), message: `asks for ${n} approvals but the step names only ${fixed} approver${fixed === 1 ? '' : 's'}` });
  }
  const sla = step.sla?.businessHours;
  const rem = step.reminders?.afterBusinessHours ?? [];
  rem.forEach((h, i) => {
    if (i > 0 && h <= rem[i - 1]!)
      problems.push({ path: at('reminders', 'afterBusinessHours', i), message: `must be later than the reminder before it (${rem[i - 1]} business hours)` });
    else if (sla !== undefined && h >= sla)
      problems.push({ path: at('reminders', 'afterBusinessHours', i), message: `must come before the SLA of ${sla} business hours` });
  });
  if (step.escalateTo) {
    checkApprover(step.escalateTo, [...path, 'escalateTo'], catalogue, problems);
    if (sla === undefined) problems.push({ path: at('escalateTo'), message: 'needs an sla: escalation happens when the SLA is breached' });
  }
  const covered = new Set<string>();
  step.covers.forEach((c, i) => {
    // `custom` covers every custom field; `custom.<key>` one the organisation defines.
    const custom = isCustomPath(c) ? resolveCustom(c, ctx) : null;
    if (custom && 'message' in custom) problems.push({ path: at('covers', i), message: custom.message });
    else if (!custom && c !== 'custom' && !coverablePaths.has(c)) {
      const hint = c.startsWith('facts.') ? ': facts follow from offer fields, so cover those fields instead' : '';
      problems.push({ path: at('covers', i), message: `unknown offer field "${c}"${hint}` });
    } else if (covered.has(c)) problems.push({ path: at('covers', i), message: `repeats "${c}"` });
    covered.add(c);
  });
}

function unreachable(c: Condition, path: string, what: string, ctx: ParseContext, problems: PolicyProblem[], extra = '') {
  // Only called on conditions that passed their checks, so every custom field they name is in `used`.
  const r = canEverHold(c, (p) => {
    const key = customKeyOf(p);
    return key === null ? policyFieldsByPath.get(p) : customPolicyField(key, ctx.used.get(key));
  });
  if (!r.holds)
    problems.push({ path, message: `can never hold${extra} (the tests on ${r.fields.join(', ')} contradict each other), so the ${what} is unreachable` });
  return !r.holds;
}

export function parsePolicy(source: string, format: 'yaml' | 'json', catalogue: PolicyCatalogue): ParsePolicyResult {
  const read = readSource(source, format);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value))
    return { ok: false, problems: [{ path: '', message: 'must be an object with a stages list' }] };
  const shaped = policySchema.safeParse(read.value);
  if (!shaped.success) return { ok: false, problems: zodProblems(shaped.error.issues) };
  const policy: Policy = shaped.data;
  for (const stage of policy.stages)
    for (const step of stage.steps) {
      step.approvers = step.approvers.map(lowerUser);
      if (step.escalateTo) step.escalateTo = lowerUser(step.escalateTo);
    }

  const problems: PolicyProblem[] = [];
  const ctx: ParseContext = { catalogue, used: new Map() };
  const stageKeys = new Map<string, number>();
  let firstPacket: number | null = null;
  policy.stages.forEach((stage, si) => {
    const sp = ['stages', si];
    if (stageKeys.has(stage.key))
      problems.push({ path: formatPath([...sp, 'key']), message: `repeats the stage key "${stage.key}" of stages[${stageKeys.get(stage.key)}]` });
    else stageKeys.set(stage.key, si);
    if (stage.phase === 'packet' && firstPacket === null) firstPacket = si;
    if (stage.phase === 'compensation' && firstPacket !== null)
      problems.push({
        path: formatPath([...sp, 'phase']),
        message: `a compensation stage cannot follow the packet stage stages[${firstPacket}]: stages run in order, so it would never run before the packet is drafted`,
      });
    const before = problems.length;
    if (stage.when) checkCondition(stage.when, [...sp, 'when'], 1, ctx, problems);
    const stageOk = problems.length === before;
    const stageDead = stageOk && stage.when !== undefined && unreachable(stage.when, formatPath([...sp, 'when']), 'stage', ctx, problems);
    const stepKeys = new Map<string, number>();
    stage.steps.forEach((step, ti) => {
      const tp = [...sp, 'steps', ti];
      if (stepKeys.has(step.key))
        problems.push({ path: formatPath([...tp, 'key']), message: `repeats the step key "${step.key}" of steps[${stepKeys.get(step.key)}] in this stage` });
      else stepKeys.set(step.key, ti);
      const b = problems.length;
      checkStep(step, tp, ctx, problems);
      // A rescind does not change terms, so there is nothing for an approval to cover.
      if (stage.phase === 'rescind' && step.covers.length > 0)
        problems.push({
          path: formatPath([...tp, 'covers']),
          message: 'means nothing on a rescind stage: rescind approvals are asked for each rescind request and never carry over to a new version, so leave covers out',
        });
      if (!step.when || problems.length !== b || !stageOk || stageDead) return;
      const wp = formatPath([...tp, 'when']);
      if (!unreachable(step.when, wp, 'step', ctx, problems) && stage.when)
        unreachable({ all: [stage.when, step.when] }, wp, 'step', ctx, problems, ' together with the stage condition');
    });
  });
  if (problems.length) return { ok: false, problems };
  if (ctx.used.size) policy.customFields = Object.fromEntries([...ctx.used].sort(([a], [b]) => a.localeCompare(b)));
  return { ok: true, policy };
}

function lowerUser(a: ApproverSpec): ApproverSpec {
  return 'user' in a ? { user: a.user.toLowerCase() } : a;
}
