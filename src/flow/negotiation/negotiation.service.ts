import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../core/actor';
import { offerAccessMap } from '../../core/access/access-map';
import { changedTermsFields, decideWrite, rolesReaching } from '../../core/access/offer-access';
import { isCompensationField } from '../../core/access/offer-fields';
import { changedFields } from '../../core/changed-fields';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import { roles, type Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { insertCompensationView } from '../../audit/compensation-views.repo';
import { notifyUser } from '../../notify/notifications.service';
import { enforceWrite, findVisibleOffer } from '../../offers/offer-access';
import { transitionEntry, type TransitionHooks } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findVersion } from '../../offers/offers.repo';
import { offerTermsSchema, type OfferTerms } from '../intake/offer-terms.schema';
import { askChangesSchema } from '../portal/ask-changes.service';
import { insertChangeRequest, listChangeRequests, type ChangeRequestRow } from './change-requests.repo';
import { askedChangeSchema, fieldOf, negotiablePaths, readTerm, toDeltas, type Delta, type NegotiablePath } from './deltas';
import { answerChangeRequest } from './negotiation.repo';
import { termLabel } from './term-labels';
import { customDiffReading } from '../fields/custom-values.service';

/**
 * Roles that may ask for changes from inside: those who shape or approve an offer. Asking is not
 * writing terms (the recruiter answers with a new version), so the access map's write actions do
 * not decide it; reading does: nobody asks to change a value their role may not read.
 */
export const internalAskRoles: readonly Role[] = roles.filter((r) => offerAccessMap[r].actions.includes('ask_changes'));

const internalAskSchema = z.strictObject({
  changes: askChangesSchema.shape.changes,
  reason: z.string('is required: say why the change is asked for').trim().min(1, 'is required: say why the change is asked for').max(500, 'must be at most 500 characters'),
  comment: z.string('must be text').trim().max(2000, 'must be at most 2000 characters').default(''),
});

export const decisions = ['accept', 'adjust', 'reject'] as const;
export type Decision = (typeof decisions)[number];

/** A value for a negotiable field, checked as a candidate's asked value is. */
function checkValue(field: NegotiablePath, value: unknown, ctx: z.RefinementCtx, path: (string | number)[]) {
  const r = askedChangeSchema.safeParse({ field, asked: value });
  if (!r.success) ctx.addIssue({ code: 'custom', path, message: r.error.issues[0]!.message });
}

const fieldSchema = z.enum(negotiablePaths, 'is not a field that can be negotiated');

const decisionSchema = z
  .strictObject({
    field: fieldSchema,
    decision: z.enum(decisions, 'must be accept, adjust or reject'),
    value: z.unknown().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'adjust') {
      if (d.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required to adjust: the value you propose instead' });
      else checkValue(d.field, d.value, ctx, ['value']);
    } else if (d.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `is sent only with adjust (to ${d.decision} is to take no value of your own)` });
    }
  });

const noFieldTwice = (items: { field: string }[], ctx: z.RefinementCtx) =>
  items.forEach((c, i) => {
    if (items.findIndex((o) => o.field === c.field) !== i) ctx.addIssue({ code: 'custom', path: [i, 'field'], message: 'is named twice' });
  });

const newVersionSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        requestId: z.uuid('must be a change request id'),
        deltas: z.array(decisionSchema).min(1, 'must decide each asked change').max(10, 'can hold at most 10 decisions').superRefine(noFieldTwice),
      }),
    )
    .max(100, 'can hold at most 100 answers')
    .default([]),
  changes: z
    .array(
      z.strictObject({ field: fieldSchema, value: z.unknown() }).superRefine((c, ctx) => {
        if (c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required' });
        else checkValue(c.field, c.value, ctx, ['value']);
      }),
    )
    .max(negotiablePaths.length, `can hold at most ${negotiablePaths.length} changes`)
    .superRefine(noFieldTwice)
    .default([]),
  note: z.string('must be text').trim().max(500, 'must be at most 500 characters').optional(),
});
export type NewVersionBody = z.infer<typeof newVersionSchema>;

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const normal = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/** A copy of the terms with one leaf set, creating the objects above it. */
export function setTerm(terms: OfferTerms, path: string, value: unknown): OfferTerms {
  const out = structuredClone(terms) as Record<string, unknown>;
  const keys = path.split('.');
  let cur = out;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys.at(-1)!] = value;
  return out as unknown as OfferTerms;
}

interface PlannedAnswer {
  request: ChangeRequestRow;
  status: 'answered' | 'rejected';
  decisions: { field: NegotiablePath; decision: Decision }[];
}

/**
 * Checks the recruiter's answers against the open requests (every open request answered, every
 * asked change decided once) and says which value each field takes. Values set twice must agree.
 */
function planAnswers(open: ChangeRequestRow[], all: ChangeRequestRow[], input: NewVersionBody) {
  const problems: FieldProblem[] = [];
  const planned: PlannedAnswer[] = [];
  const sets = new Map<string, { value: unknown; from: string }>();
  const decided = new Map<string, string>();
  input.answers.forEach((answer, i) => {
    const request = open.find((r) => r.id === answer.requestId);
    if (!request) {
      const closed = all.find((r) => r.id === answer.requestId);
      problems.push({
        field: `answers.${i}.requestId`,
        message: closed ? `was already answered (by version ${closed.answeredByVersion})` : 'is not a change request of this offer',
      });
      return;
    }
    if (input.answers.findIndex((a) => a.requestId === answer.requestId) !== i) {
      problems.push({ field: `answers.${i}.requestId`, message: 'answers the same request twice' });
      return;
    }
    const asked = request.deltas as Delta[];
    answer.deltas.forEach((d, j) => {
      const delta = asked.find((a) => a.field === d.field);
      if (!delta) {
        problems.push({ field: `answers.${i}.deltas.${j}.field`, message: `was not asked in this request (it asked about ${asked.map((a) => a.field).join(', ')})` });
        return;
      }
      decided.set(d.field, `answers.${i}`);
      if (d.decision === 'reject') return;
      const value = normal(d.decision === 'accept' ? delta.asked : d.value);
      const earlier = sets.get(d.field);
      if (earlier && !same(earlier.value, value)) {
        problems.push({ field: `answers.${i}.deltas.${j}.decision`, message: `sets ${fieldOf(d.field)!.label} to another value than ${earlier.from} does` });
        return;
      }
      sets.set(d.field, { value, from: `answers.${i}` });
    });
    const undecided = asked.filter((a) => !answer.deltas.some((d) => d.field === a.field));
    if (undecided.length) {
      problems.push({ field: `answers.${i}.deltas`, message: `leaves undecided: ${undecided.map((a) => fieldOf(a.field)?.label ?? a.field).join(', ')}` });
    }
    planned.push({
      request,
      status: answer.deltas.every((d) => d.decision === 'reject') ? 'rejected' : 'answered',
      decisions: answer.deltas.map((d) => ({ field: d.field, decision: d.decision })),
    });
  });
  const unanswered = open.filter((r) => !input.answers.some((a) => a.requestId === r.id));
  if (unanswered.length) {
    problems.push({
      field: 'answers',
      message: `must answer every open change request in full; not answered: ${unanswered.map((r) => `${r.id} (${r.source}, asking about ${(r.deltas as Delta[]).map((d) => d.field).join(', ')})`).join('; ')}`,
    });
  }
  input.changes.forEach((c, i) => {
    const from = decided.get(c.field);
    if (from) problems.push({ field: `changes.${i}.field`, message: `is decided in ${from}: adjust it there instead` });
    else sets.set(c.field, { value: normal(c.value), from: `changes.${i}` });
  });
  if (problems.length) throw new ValidationError(problems);
  return { planned, sets };
}

/**
 * Negotiation from the staff side: colleagues ask for changes while the candidate holds the
 * offer; the recruiter answers every open request with a new version (accepting, adjusting or
 * rejecting each asked change, adding changes of their own); anyone who sees the offer compares
 * two versions field by field, with what their role may not read masked.
 */
export function createNegotiation({ db, clock, hooks }: { db: Db; clock: Clock; hooks: TransitionHooks }) {
  async function ask(actor: Actor, offerId: string, body: unknown) {
    const { facts, readable } = await findVisibleOffer(db, actor, offerId);
    const input = parse(internalAskSchema, body);
    const unreadable = input.changes.flatMap((c, i) => (readable.has(`terms.${c.field}`) ? [] : [{ field: `changes.${i}.field`, message: `your role may not read ${c.field}, so it may not ask to change it` }]));
    if (unreadable.length) {
      throw new ForbiddenError(`Your role may not ask to change fields it may not read: ${input.changes.filter((c) => !readable.has(`terms.${c.field}`)).map((c) => c.field).join(', ')}.`, unreadable);
    }
    if (!decideWrite(actor, facts, 'ask_changes', []).ok) {
      throw new ForbiddenError(`Your role may not ask for changes to this offer; ${internalAskRoles.join(', ')} may.`);
    }
    const id = randomUUID();
    const row = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        const moved = transition(offer.status as OfferStatus, 'change_requested');
        if (!moved.ok) {
          throw new ConflictError(
            `Changes are asked for while the candidate holds the offer (sent or negotiating); this offer is "${offer.status}". Before it is sent, edit the draft or send it back from its approval.`,
          );
        }
        const terms = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))!.terms as OfferTerms;
        const unchanged = input.changes.flatMap((c, i) => (same(readTerm(terms, c.field), c.asked) ? [{ field: `changes.${i}.asked`, message: "is already the offer's value" }] : []));
        if (unchanged.length) throw new ValidationError(unchanged);
        const deltas = toDeltas(terms, input.changes);
        const fields = deltas.map((d) => d.field);
        const now = clock.now();
        await insertChangeRequest(tx, {
          id,
          orgId: offer.orgId,
          offerId: offer.id,
          versionNumber: offer.currentVersion,
          source: 'internal',
          requestedBy: actor.userId,
          deltas,
          reason: input.reason,
          comment: input.comment,
          status: 'open',
          createdAt: now,
        });
        if (offer.recruiterId !== actor.userId) {
          await notifyUser(tx, {
            orgId: offer.orgId,
            userId: offer.recruiterId,
            offerId: offer.id,
            kind: 'offer.change_requested',
            title: `A colleague asked for changes to ${offer.candidateName}'s offer`,
            body: `Asked about: ${fields.map((f) => fieldOf(f)!.label).join(', ')}. Answer it with a new version.`,
            now,
          });
        }
        return {
          set: moved.to === moved.from ? {} : { status: moved.to },
          entries: [
            { type: 'offer.change_requested', data: { version: offer.currentVersion, requestId: id, source: 'internal', fields } },
            ...(moved.to === moved.from ? [] : [transitionEntry('change_requested', moved)]),
          ],
        };
      }),
    );
    return { id, status: row.status, rowVersion: row.rowVersion };
  }

  async function newVersion(actor: Actor, offerId: string, expectedRowVersion: number, body: unknown) {
    const { facts } = await findVisibleOffer(db, actor, offerId);
    enforceWrite(decideWrite(actor, facts, 'edit_draft', []));
    const input = parse(newVersionSchema, body);
    let changed: string[] = [];
    let draftVersion = 0;
    const row = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const context = await hooks.contextFor(tx, offer, 'new_version');
        const moved = transition(offer.status as OfferStatus, 'new_version', context);
        if (!moved.ok) {
          throw new ConflictError(
            `A new version answers a negotiation; this offer is "${offer.status}", not "negotiating". ${offer.status === 'draft' ? 'Edit the draft and submit it.' : 'Ask for changes first (the candidate from the portal, colleagues here).'}`,
          );
        }
        const current = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))!.terms as OfferTerms;
        const all = await listChangeRequests(tx, offer.orgId, offer.id);
        const { planned, sets } = planAnswers(
          all.filter((r) => r.status === 'open'),
          all,
          input,
        );
        let terms = current;
        for (const [field, { value }] of sets) terms = setTerm(terms, field, value);
        const checked = offerTermsSchema.safeParse(terms);
        if (!checked.success) {
          throw new ValidationError(
            checked.error.issues.map((i) => {
              const path = i.path.map(String).join('.');
              return { field: sets.get(path)?.from ?? `terms.${path}`, message: `${fieldOf(path)?.label ?? termLabel(path)} ${i.message}` };
            }),
          );
        }
        changed = changedFields(current, terms);
        enforceWrite(decideWrite(actor, facts, 'edit_draft', changedTermsFields(current, terms)));
        draftVersion = offer.currentVersion + 1;
        for (const p of planned) await answerChangeRequest(tx, offer.orgId, p.request.id, p.status, draftVersion);
        const after = await hooks.afterMove(tx, offer, moved);
        return {
          set: { status: moved.to, draftTerms: terms, title: terms.title, startDate: terms.startDate },
          entries: [
            transitionEntry('new_version', moved, input.note, context),
            ...after,
            ...planned.map((p) => ({
              type: 'offer.change_request_answered',
              data: { requestId: p.request.id, answeredByVersion: draftVersion, status: p.status, decisions: p.decisions },
            })),
            { type: 'offer.counter_proposed', data: { fromVersion: offer.currentVersion, toVersion: draftVersion, fields: changed, answers: planned.map((p) => p.request.id) } },
          ],
        };
      }),
    );
    return { id: row.id, status: row.status, rowVersion: row.rowVersion, draftVersion, changedFields: changed };
  }

  const versionNumber = (raw: unknown, field: string, problems: FieldProblem[]): number | undefined => {
    if (raw === undefined || raw === '') return undefined;
    const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1) problems.push({ field, message: 'must be a version number like 2' });
    return n;
  };

  async function diff(actor: Actor, offerId: string, query: { from?: unknown; to?: unknown }) {
    const { row, readable, facts } = await findVisibleOffer(db, actor, offerId);
    const problems: FieldProblem[] = [];
    let to = versionNumber(query.to, 'to', problems);
    let from = versionNumber(query.from, 'from', problems);
    if (problems.length) throw new ValidationError(problems);
    to ??= row.currentVersion;
    from ??= Math.max(1, to - 1);
    const [a, b] = [await findVersion(db, actor.orgId, offerId, from), await findVersion(db, actor.orgId, offerId, to)];
    if (!a) throw new NotFoundError('version', String(from), `This offer has no version ${from} (its latest is ${row.currentVersion}).`);
    if (!b) throw new NotFoundError('version', String(to), `This offer has no version ${to} (its latest is ${row.currentVersion}).`);
    const shown: string[] = [];
    const custom = await customDiffReading(db, actor.orgId, rolesReaching(actor, facts), [a.fieldVersions, b.fieldVersions]);
    for (const leaf of custom.leaves) readable.add(leaf);
    const fields = changedFields(a.terms, b.terms).map((path) => {
      const label = custom.labels.get(path) ?? fieldOf(path)?.label ?? termLabel(path);
      if (!readable.has(`terms.${path}`)) return { path, label, before: null, after: null, masked: true };
      if (isCompensationField(`terms.${path}`) || custom.sensitive.has(`terms.${path}`)) shown.push(`terms.${path}`);
      return { path, label, before: readTerm(a.terms as OfferTerms, path), after: readTerm(b.terms as OfferTerms, path), masked: false };
    });
    if (shown.length) {
      await insertCompensationView(db, { orgId: actor.orgId, actorId: actor.userId, offerId, fields: shown.sort(), via: 'offer.versions_diff', at: clock.now() });
    }
    return { from, to, fields };
  }

  return { ask, newVersion, diff };
}

export type Negotiation = ReturnType<typeof createNegotiation>;
