import { z } from 'zod';
import type { FieldProblem } from '../core/errors';

/**
 * How an ATS payload's `offer` object becomes offer terms. A mapping is a JSON object whose keys
 * are payload paths under `offer.` (nested objects are reached with dots) and whose values are a
 * terms path, or `{ "to": <terms path>, "transform": <transform> }`:
 *
 *   { "offer.salary": { "to": "terms.compensation.baseSalaryCents", "transform": "dollars_to_cents" },
 *     "offer.start_date": { "to": "terms.startDate", "transform": "date" },
 *     "offer.job_title": "terms.title",
 *     "offer.cost_center": "terms.custom.cost_center" }
 *
 * A payload field the mapping does not name is refused (422 naming it); mapped values override
 * what intake pre-fills from the requisition, its comp band and the candidate.
 */
export const mappingTargets = [
  'terms.title',
  'terms.level',
  'terms.location.city',
  'terms.location.state',
  'terms.location.remote',
  'terms.employmentType',
  'terms.flsaStatus',
  'terms.compensation.currency',
  'terms.compensation.payBasis',
  'terms.compensation.baseSalaryCents',
  'terms.compensation.hourlyRateCents',
  'terms.compensation.bonusTargetPercent',
  'terms.compensation.signOnBonusCents',
  'terms.compensation.relocationCents',
  'terms.compensation.equity.kind',
  'terms.compensation.equity.units',
  'terms.compensation.equity.vestingSchedule',
  'terms.startDate',
  'terms.expiresOn',
  'terms.contingencies',
] as const;
/** A custom offer field (docs/fields.md): its value is checked by the field's definition when the draft is created. */
const customTarget = /^terms\.custom\.[a-z][a-z0-9_]{0,39}$/;
export type MappingTarget = (typeof mappingTargets)[number] | `terms.custom.${string}`;

/** none: the value as sent; dollars_to_cents: 1234.5 or "1234.50" → 123450; date: an ISO date or date-time → YYYY-MM-DD. */
export const mappingTransforms = ['none', 'dollars_to_cents', 'number', 'integer', 'string', 'boolean', 'date', 'uppercase', 'lowercase'] as const;
export type MappingTransform = (typeof mappingTransforms)[number];

const sourcePath = z.string().regex(/^offer(\.[A-Za-z0-9_-]{1,60}){1,5}$/, 'must be a payload path under offer, like offer.salary');
const targetMessage = `must be one of ${mappingTargets.join(', ')}, or terms.custom.<key> for a custom field`;
const targetSchema = z
  .string(targetMessage)
  .refine((t) => (mappingTargets as readonly string[]).includes(t) || customTarget.test(t), targetMessage)
  .transform((t) => t as MappingTarget);
export const fieldMappingSchema = z
  .record(sourcePath, z.union([targetSchema, z.strictObject({ to: targetSchema, transform: z.enum(mappingTransforms).default('none') })], {
    // A plain string is meant as a target: say what a target may be rather than "invalid input".
    error: (iss) => (typeof iss.input === 'string' ? targetMessage : 'must be a terms path, or { "to": <terms path>, "transform": <transform> }'),
  }))
  .refine((m) => Object.keys(m).length <= 100, 'may map at most 100 fields')
  .superRefine((m, ctx) => {
    const seen = new Map<string, string>();
    for (const [from, rule] of Object.entries(m)) {
      const to = typeof rule === 'string' ? rule : rule.to;
      if (seen.has(to)) ctx.addIssue({ code: 'custom', path: [from], message: `maps to ${to}, as ${seen.get(to)} does already` });
      seen.set(to, from);
    }
  });
export type FieldMapping = z.input<typeof fieldMappingSchema>;

interface Rule {
  to: MappingTarget;
  transform: MappingTransform;
}

export function rulesOf(mapping: unknown): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const [from, rule] of Object.entries((mapping ?? {}) as Record<string, string | { to: MappingTarget; transform?: MappingTransform }>)) {
    rules.set(from, typeof rule === 'string' ? { to: rule as MappingTarget, transform: 'none' } : { to: rule.to, transform: rule.transform ?? 'none' });
  }
  return rules;
}

/** Leaf paths of a payload object (arrays are leaves), prefixed. */
function leaves(value: unknown, prefix: string, out: [string, unknown][] = []): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${prefix}.${k}`, out);
  } else out.push([prefix, value]);
  return out;
}

function transform(value: unknown, how: MappingTransform): { ok: true; value: unknown } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  switch (how) {
    case 'none':
      return { ok: true, value };
    case 'dollars_to_cents': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d{1,2})?$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isFinite(n) || n < 0) return fail('must be an amount in dollars, like 150000 or "150000.50"');
      return { ok: true, value: Math.round(n * 100) };
    }
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || (how === 'integer' && !Number.isInteger(n))) return fail(`must be ${how === 'integer' ? 'a whole number' : 'a number'}`);
      return { ok: true, value: n };
    }
    case 'string':
      return typeof value === 'string' || typeof value === 'number' ? { ok: true, value: String(value) } : fail('must be text');
    case 'uppercase':
    case 'lowercase':
      return typeof value === 'string' ? { ok: true, value: how === 'uppercase' ? value.toUpperCase() : value.toLowerCase() } : fail('must be text');
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return fail('must be true or false');
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value.trim()) : null;
      return m ? { ok: true, value: m[1] } : fail('must be a date like 2027-01-31 (a date-time is cut to its date)');
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.').slice(1); // drop "terms"
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

/**
 * Applies the mapping to the payload's `offer` object over the pre-filled terms. Unknown payload
 * fields and values a transform refuses are reported by their payload path.
 */
export function applyMapping(mapping: unknown, offer: Record<string, unknown> | undefined, prefilled: Record<string, unknown>) {
  const rules = rulesOf(mapping);
  const problems: FieldProblem[] = [];
  const terms = structuredClone(prefilled);
  for (const [path, raw] of leaves(offer ?? {}, 'offer')) {
    const rule = rules.get(path);
    if (!rule) {
      problems.push({ field: path, message: 'is not a known field: this connection does not map it' });
      continue;
    }
    if (raw === null) continue; // a field the ATS left empty keeps the pre-filled value
    const out = transform(raw, rule.transform);
    if (!out.ok) problems.push({ field: path, message: out.message });
    else setPath(terms, rule.to, out.value);
  }
  // Bonus targets and expiry on a pre-fill that carries them are kept unless mapped.
  return { terms, problems, sourceOf: (termsPath: string) => [...rules].find(([, r]) => r.to === termsPath)?.[0] };
}
