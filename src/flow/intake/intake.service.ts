import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { roleNames, type Actor } from '../../core/actor';
import { changedTermsFields, decideWrite, maskLeaves, offerFacts, readableFields, rolesMayTake, rolesReaching, termsFieldsSet } from '../../core/access/offer-access';
import { canonicalJson } from '../../core/canonical-json';
import { changedFields } from '../../core/changed-fields';
import type { Clock } from '../../core/clock';
import { isoDate } from '../../core/dates';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../core/errors';
import { enforceWrite, findVisibleOffer } from '../../offers/offer-access';
import { GENESIS_HASH } from '../../core/journal';
import { transition } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { extendChain } from '../../journal/chain';
import { insertJournalRows } from '../../journal/journal.repo';
import { writeOffer } from '../../offers/offer-writer';
import { insertOffer, insertVersion, type OfferRow } from '../../offers/offers.repo';
import { transitionEntry } from '../../offers/offer-events.service';
import * as refs from './intake.repo';
import type { CreateOfferBody } from './intake.schema';
import { checkTermsDates, type OfferTerms } from './offer-terms.schema';
import { prefillTerms } from './prefill';
import type { ApprovalHooks } from '../approvals/approval-hooks';
import { scheduleOfferExpiry } from '../../offers/offer-expiry';
import { queuePacket } from '../documents/packet-generator';
import { judgeClauses } from '../documents/clause-standing';
import { listClauses } from '../documents/library.repo';
import { checkCustomWrite, customDefaults, freezeCustomValues } from '../fields/custom-values.service';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /** Routes a submitted version through the approval policy; without it every phase is skipped. */
  approvals?: Pick<ApprovalHooks, 'routeOnSubmit'>;
}

/** Stage 1: one source of truth for the offer, validated before anyone else sees it. */
export function createIntakeService({ db, clock, approvals }: IntakeDeps) {

  /** References must exist in the caller's organisation; another organisation's id reads as unknown. */
  async function checkReferences(orgId: string, body: { candidateId?: string; requisitionId?: string; terms: OfferTerms }) {
    const problems: FieldProblem[] = [];
    const candidate = body.candidateId ? await refs.findCandidate(db, orgId, body.candidateId) : null;
    if (body.candidateId && !candidate) problems.push({ field: 'candidateId', message: `no candidate with id "${body.candidateId}"` });
    const requisition = body.requisitionId ? await refs.findRequisition(db, orgId, body.requisitionId) : null;
    if (body.requisitionId && !requisition)
      problems.push({ field: 'requisitionId', message: `no requisition with id "${body.requisitionId}"` });
    const department = await refs.findDepartment(db, orgId, body.terms.departmentId);
    if (!department) problems.push({ field: 'terms.departmentId', message: `no department with id "${body.terms.departmentId}"` });
    if (body.terms.managerId && !(await refs.findUser(db, orgId, body.terms.managerId)))
      problems.push({ field: 'terms.managerId', message: `no user with id "${body.terms.managerId}"` });
    problems.push(...checkTermsDates(body.terms, isoDate(clock.now())));
    if (problems.length) throw new ValidationError(problems);
    return { candidate, requisition, department: department! };
  }

  /** The server judges each clause against the library; a client's "standard" flag is not trusted. */
  async function withJudgedClauses(orgId: string, terms: OfferTerms, on: Db = db): Promise<OfferTerms> {
    if (terms.clauses.length === 0) return terms;
    return { ...terms, clauses: judgeClauses(terms.clauses, await listClauses(on, orgId)) };
  }

  async function createOffer(actor: Actor, input: CreateOfferBody): Promise<OfferRow> {
    const judged = { ...input, terms: await withJudgedClauses(actor.orgId, input.terms) };
    const fields = ['candidate.id', ...(judged.requisitionId ? ['requisitionId'] : []), ...termsFieldsSet(judged.terms)];
    if (!rolesMayTake(roleNames(actor), 'create')) enforceWrite({ ok: false, action: 'create', fields });
    const { candidate, requisition, department } = await checkReferences(actor.orgId, judged);
    // The offer about to exist must be one the caller's grants reach (a business unit they hold the role in).
    const facts = offerFacts({ businessUnitId: department.businessUnitId, status: 'draft' }, judged.terms, requisition?.hiringManagerId ?? null);
    enforceWrite(decideWrite(actor, facts, 'create', fields));
    const terms = await checkCustomWrite(db, { orgId: actor.orgId, businessUnitId: department.businessUnitId, roles: rolesReaching(actor, facts), stored: null, terms: judged.terms });
    const body = { ...judged, terms };
    const now = clock.now();
    const id = randomUUID();
    const { links, head } = extendChain({ offerId: id, seq: 0, hash: GENESIS_HASH }, actor.userId, now, [
      {
        type: 'offer.created',
        data: { candidateId: body.candidateId, requisitionId: body.requisitionId ?? null, status: 'draft' },
      },
    ]);
    return db.transaction(async (tx) => {
      const offer = await insertOffer(tx, {
        id,
        orgId: actor.orgId,
        businessUnitId: department.businessUnitId,
        departmentId: department.id,
        candidateId: body.candidateId,
        requisitionId: body.requisitionId ?? null,
        recruiterId: actor.userId,
        status: 'draft',
        title: body.terms.title,
        candidateName: `${candidate!.firstName} ${candidate!.lastName}`,
        startDate: body.terms.startDate,
        draftTerms: body.terms,
        journalSeq: head.seq,
        journalHead: head.hash,
        createdAt: now,
        updatedAt: now,
      });
      await insertJournalRows(tx, actor.orgId, links);
      return offer;
    });
  }

  async function updateDraft(actor: Actor, offerId: string, expectedRowVersion: number, input: OfferTerms): Promise<OfferRow> {
    const judged = await withJudgedClauses(actor.orgId, input);
    const { row, facts } = await findVisibleOffer(db, actor, offerId);
    enforceWrite(decideWrite(actor, facts, 'edit_draft', changedTermsFields(row.draftTerms, judged)));
    const { department } = await checkReferences(actor.orgId, { terms: judged });
    // Moving the offer to another business unit needs the right there too.
    const moved = { ...facts, businessUnitId: department.businessUnitId };
    enforceWrite(decideWrite(actor, moved, 'edit_draft', changedTermsFields(row.draftTerms, judged)));
    const stored = row.draftTerms as OfferTerms | null;
    const terms = await checkCustomWrite(db, { orgId: actor.orgId, businessUnitId: department.businessUnitId, roles: rolesReaching(actor, moved), stored, terms: judged });
    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, (offer) => {
        if (offer.status !== 'draft') {
          throw new ConflictError(`Only a draft can be edited; this offer is "${offer.status}". Changes after submit make a new version.`);
        }
        // The draft may have moved since the check above; judge the change against the locked row.
        enforceWrite(decideWrite(actor, facts, 'edit_draft', changedTermsFields(offer.draftTerms, terms)));
        const changed = changedFields(offer.draftTerms, terms);
        return {
          set: {
            draftTerms: terms,
            title: terms.title,
            startDate: terms.startDate,
            departmentId: department.id,
            businessUnitId: department.businessUnitId,
          },
          entries: changed.length ? [{ type: 'offer.draft_updated', data: { changedFields: changed } }] : [],
        };
      }),
    );
  }

  /** Freezes the draft into the next immutable version and moves the offer on. */
  async function submitOffer(actor: Actor, offerId: string, expectedRowVersion: number): Promise<OfferRow> {
    const { facts } = await findVisibleOffer(db, actor, offerId);
    enforceWrite(decideWrite(actor, facts, 'submit', []));
    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const draft = offer.draftTerms as OfferTerms | null;
        if (offer.status !== 'draft' || !draft) {
          throw new ConflictError(`Only a draft can be submitted; this offer is "${offer.status}".`);
        }
        // The library may have changed since the draft was saved: judge the clauses as they are frozen.
        const terms = await withJudgedClauses(offer.orgId, draft, tx);
        const dateProblems = checkTermsDates(terms, isoDate(clock.now()));
        if (dateProblems.length) throw new ValidationError(dateProblems);
        const fieldVersions = await freezeCustomValues(tx, offer.orgId, offer.businessUnitId, terms);
        const number = offer.currentVersion + 1;
        const salt = randomBytes(16).toString('hex');
        await insertVersion(tx, {
          id: randomUUID(),
          orgId: actor.orgId,
          offerId,
          number,
          terms,
          termsSalt: salt,
          fieldVersions,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        // The policy decides which approval phases have steps; a phase without any is skipped (DESIGN §2).
        const routing = approvals ? await approvals.routeOnSubmit(tx, offer, terms, number, actor.userId) : null;
        const moved = transition(offer.status, 'submit', routing?.context);
        if (!moved.ok) throw new ConflictError(`This offer cannot be submitted from "${offer.status}".`);
        const started = routing ? await routing.afterMove(moved) : [];
        await scheduleOfferExpiry(tx, offer, number, terms.expiresOn, await refs.findUserTimeZone(tx, offer.orgId, offer.recruiterId));
        if (moved.to === 'drafting') await queuePacket(tx, offer, number, clock.now());
        return {
          set: {
            status: moved.to,
            currentVersion: number,
            draftTerms: null,
            ...(routing?.policyVersionId ? { policyVersionId: routing.policyVersionId } : {}),
          },
          entries: [
            { type: 'offer.version_created', data: { version: number, termsHash: hashTerms(salt, terms) } },
            ...(routing?.entries ?? []),
            transitionEntry('submit', moved, undefined, routing?.context),
            ...started,
          ],
        };
      }),
    );
  }

  async function prefill(actor: Actor, requisitionId: string, candidateId?: string) {
    const req = await refs.findRequisition(db, actor.orgId, requisitionId);
    if (!req) throw new NotFoundError('requisition', requisitionId);
    const candidate = candidateId ? await refs.findCandidate(db, actor.orgId, candidateId) : null;
    if (candidateId && !candidate) throw new NotFoundError('candidate', candidateId);
    const department = await refs.findDepartment(db, actor.orgId, req.departmentId);
    // Judged as the draft this requisition would start; band and base pay are compensation.
    const facts = offerFacts({ businessUnitId: department?.businessUnitId ?? '', status: 'draft' }, { managerId: req.hiringManagerId ?? undefined }, req.hiringManagerId);
    const readable = readableFields(actor, facts);
    if (readable.size === 0) throw new ForbiddenError('Your role may not start offers for this requisition (action "intake.prefill").');
    const band = await refs.findBand(db, actor.orgId, req.level, req.locationZone, req.currency);
    const terms = (maskLeaves(prefillTerms(req, band, candidate), readable, 'terms') ?? {}) as Record<string, unknown>;
    // Custom fields start at their definitions' defaults, where the caller may read them.
    const defaults = department ? await customDefaults(db, actor.orgId, department.businessUnitId, rolesReaching(actor, facts)) : {};
    if (Object.keys(defaults).length) terms.custom = defaults;
    const showBand = band && readable.has('terms.compensation.baseSalaryCents');
    return { terms, band: showBand ? { minCents: band.minCents, midCents: band.midCents, maxCents: band.maxCents, currency: band.currency } : null };
  }

  return { createOffer, updateDraft, submitOffer, prefill };
}

export type IntakeService = ReturnType<typeof createIntakeService>;

/** Salted so the journal can prove a version's terms without holding them. */
export function hashTerms(salt: string, terms: unknown): string {
  return createHash('sha256').update(salt).update(canonicalJson(terms)).digest('hex');
}
