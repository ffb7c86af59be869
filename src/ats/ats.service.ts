import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError, AppError, type FieldProblem } from '../core/errors';
import type { Db } from '../db/client';
import { atsConnections, atsInboundEvents, candidates, offers, requisitions, users } from '../db/schema';
import { findUserById, listRoles } from '../auth/auth.repo';
import { hashSecret, newSecret } from '../auth/secrets';
import { usStateCodes } from '../core/us-states';
import * as refs from '../flow/intake/intake.repo';
import type { IntakeService } from '../flow/intake/intake.service';
import { offerTermsSchema } from '../flow/intake/offer-terms.schema';
import { prefillTerms } from '../flow/intake/prefill';
import { applyMapping, type FieldMapping } from './ats-mapping';

export const ATS_TOKEN_PREFIX = 'olats_';
/** How long an event being processed holds its id before a new delivery may take it over. */
const STALE_CLAIM_MS = 5 * 60_000;

const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** The "candidate moved to offer" payload. Unknown keys are refused by name. */
export const inboundPayloadSchema = z.strictObject({
  eventId: name(200).describe("The ATS's own id of this event; the same id again answers with the same draft"),
  candidate: z.strictObject({
    externalId: name(200).optional(),
    firstName: name(100),
    lastName: name(100),
    email: z.email('must be an e-mail address').max(254),
    phone: name(40).optional(),
    city: name(100).optional(),
    state: z.enum(usStateCodes, 'must be a US state code like CA').optional(),
  }),
  requisition: z
    .strictObject({ code: name(60).optional(), externalId: name(60).optional().describe('Read as the requisition code when code is absent') })
    .refine((r) => r.code !== undefined || r.externalId !== undefined, { message: 'needs code or externalId', path: ['code'] }),
  recruiterEmail: z.email('must be an e-mail address').max(254).optional().describe("The recruiter the draft is for; default: the connection's"),
  offer: z.record(z.string(), z.unknown()).optional().describe('Fields the connection maps onto the offer terms'),
});
export type InboundPayload = z.infer<typeof inboundPayloadSchema>;

export interface InboundResult {
  offerId: string;
  candidateId: string;
  requisitionId: string;
  eventId: string;
  created: boolean;
}

type ConnectionRow = typeof atsConnections.$inferSelect;

function presentConnection(row: ConnectionRow) {
  return {
    id: row.id,
    name: row.name,
    defaultRecruiterId: row.defaultRecruiterId,
    fieldMapping: row.fieldMapping as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Zod issues as field problems: unknown keys one by one, by their payload path. */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: base ? `${base}.${k}` : k, message: 'is not a known field' }));
    return [{ field: base || '(body)', message: issue.message }];
  });
}

export function createAts({ db, clock, intake }: { db: Db; clock: Clock; intake: IntakeService }) {
  async function createConnection(actor: Actor, input: { name: string; defaultRecruiterId?: string | null; fieldMapping: FieldMapping }) {
    if (input.defaultRecruiterId && !(await refs.findUser(db, actor.orgId, input.defaultRecruiterId)))
      throw new ValidationError([{ field: 'defaultRecruiterId', message: `no user with id "${input.defaultRecruiterId}"` }]);
    const token = newSecret(ATS_TOKEN_PREFIX);
    const [row] = await db
      .insert(atsConnections)
      .values({
        id: randomUUID(),
        orgId: actor.orgId,
        name: input.name,
        tokenHash: hashSecret(token),
        defaultRecruiterId: input.defaultRecruiterId ?? null,
        fieldMapping: input.fieldMapping,
        createdBy: actor.userId,
        createdAt: clock.now(),
      })
      .returning();
    return { ...presentConnection(row!), token };
  }

  async function listConnections(orgId: string) {
    const rows = await db.select().from(atsConnections).where(eq(atsConnections.orgId, orgId)).orderBy(desc(atsConnections.createdAt));
    return rows.map(presentConnection);
  }

  async function getConnection(orgId: string, id: string) {
    const [row] = await db.select().from(atsConnections).where(and(eq(atsConnections.orgId, orgId), eq(atsConnections.id, id)));
    if (!row) throw new NotFoundError('ATS connection', id);
    return row;
  }

  async function revokeConnection(orgId: string, id: string) {
    const row = await getConnection(orgId, id);
    if (row.revokedAt) return presentConnection(row);
    const [updated] = await db.update(atsConnections).set({ revokedAt: clock.now() }).where(eq(atsConnections.id, id)).returning();
    return presentConnection(updated!);
  }

  /** The live connection a bearer token belongs to; anything else is 401. */
  async function authenticate(authorization: string | undefined): Promise<ConnectionRow> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!token) throw new UnauthenticatedError('Send the ATS connection token as "Authorization: Bearer <token>".');
    const [row] = await db
      .select()
      .from(atsConnections)
      .where(and(eq(atsConnections.tokenHash, hashSecret(token)), isNull(atsConnections.revokedAt)));
    if (!row) throw new UnauthenticatedError('The ATS connection token is unknown or revoked.');
    return row;
  }

  async function recruiterActor(conn: ConnectionRow, email: string | undefined): Promise<Actor> {
    let userId = conn.defaultRecruiterId;
    if (email) {
      const [u] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, conn.orgId), sql`lower(${users.email}) = ${email.toLowerCase()}`));
      if (!u) throw new ValidationError([{ field: 'recruiterEmail', message: `no user with e-mail ${email} in this organisation` }]);
      userId = u.id;
    }
    if (!userId) throw new ValidationError([{ field: 'recruiterEmail', message: 'is required: this connection has no default recruiter' }]);
    const user = await findUserById(db, conn.orgId, userId);
    if (!user || user.disabledAt)
      throw new ValidationError([{ field: email ? 'recruiterEmail' : 'defaultRecruiterId', message: 'names a recruiter who is disabled or gone' }]);
    const roles = await listRoles(db, conn.orgId, userId);
    return { orgId: conn.orgId, userId, roles };
  }

  async function findOrCreateCandidate(orgId: string, c: InboundPayload['candidate']) {
    const email = c.email.toLowerCase();
    const [found] = await db.select().from(candidates).where(and(eq(candidates.orgId, orgId), sql`lower(${candidates.email}) = ${email}`)).limit(1);
    if (found) return found;
    const [row] = await db
      .insert(candidates)
      .values({ id: randomUUID(), orgId, email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone ?? null, city: c.city ?? null, state: c.state ?? null })
      .returning();
    return row!;
  }

  /**
   * "Candidate moved to offer": creates a draft pre-filled from the requisition (as intake does),
   * with the connection's mapped fields on top. The same event id again answers with that draft.
   */
  async function receive(conn: ConnectionRow, body: unknown): Promise<InboundResult> {
    const parsed = inboundPayloadSchema.safeParse(body);
    const problems: FieldProblem[] = parsed.success ? [] : zodProblems(parsed.error);
    const raw = (body ?? {}) as { offer?: unknown };
    const offerIn = raw.offer !== null && typeof raw.offer === 'object' && !Array.isArray(raw.offer) ? (raw.offer as Record<string, unknown>) : undefined;
    if (!parsed.success) {
      // Name unknown offer fields in the same answer as the rest.
      problems.push(...applyMapping(conn.fieldMapping, offerIn, {}).problems.filter((p) => p.message.startsWith('is not a known field')));
      throw new ValidationError(problems);
    }
    const payload = parsed.data;

    const replay = await findEvent(conn.id, payload.eventId);
    if (replay?.offerId) return replayed(replay.offerId, payload.eventId);

    const code = payload.requisition.code ?? payload.requisition.externalId!;
    const codeField = payload.requisition.code !== undefined ? 'requisition.code' : 'requisition.externalId';
    const [requisition] = await db.select().from(requisitions).where(and(eq(requisitions.orgId, conn.orgId), eq(requisitions.code, code))).limit(1);
    if (!requisition) problems.push({ field: codeField, message: `no requisition with code "${code}"` });
    const band = requisition ? await refs.findBand(db, conn.orgId, requisition.level, requisition.locationZone, requisition.currency) : null;
    const prefilled = requisition ? prefillTerms(requisition, band, { city: payload.candidate.city ?? null, state: payload.candidate.state ?? null }) : {};
    const mapped = applyMapping(conn.fieldMapping, payload.offer, prefilled as Record<string, unknown>);
    problems.push(...mapped.problems);
    if (problems.length) throw new ValidationError(problems);
    const terms = offerTermsSchema.safeParse(mapped.terms);
    if (!terms.success) {
      throw new ValidationError(
        zodProblems(terms.error).map((p) => {
          const path = `terms.${p.field}`;
          const source = mapped.sourceOf(path);
          const message = /received undefined/.test(p.message) ? 'is required' : p.message;
          return source ? { field: source, message } : { field: path, message: `${message} (the requisition does not pre-fill it and no payload field maps to it)` };
        }),
      );
    }
    const actor = await recruiterActor(conn, payload.recruiterEmail);

    // Claim the event id first: a second delivery racing this one finds the claim.
    const claimed = await db
      .insert(atsInboundEvents)
      .values({ connectionId: conn.id, externalId: payload.eventId, orgId: conn.orgId, offerId: null, receivedAt: clock.now() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) {
      const other = await findEvent(conn.id, payload.eventId);
      if (other?.offerId) return replayed(other.offerId, payload.eventId);
      // A claim left by a process that stopped half-way is given up after a while, so the event can be sent again.
      if (other && clock.now().getTime() - other.receivedAt.getTime() > STALE_CLAIM_MS) {
        await db
          .delete(atsInboundEvents)
          .where(and(eq(atsInboundEvents.connectionId, conn.id), eq(atsInboundEvents.externalId, payload.eventId), isNull(atsInboundEvents.offerId)));
        return receive(conn, body);
      }
      throw new ConflictError(`The event "${payload.eventId}" is being processed; send it again in a moment.`);
    }
    try {
      const candidate = await findOrCreateCandidate(conn.orgId, payload.candidate);
      const offer = await intake.createOffer(actor, { candidateId: candidate.id, requisitionId: requisition!.id, terms: terms.data });
      await db
        .update(atsInboundEvents)
        .set({ offerId: offer.id })
        .where(and(eq(atsInboundEvents.connectionId, conn.id), eq(atsInboundEvents.externalId, payload.eventId)));
      return { offerId: offer.id, candidateId: candidate.id, requisitionId: requisition!.id, eventId: payload.eventId, created: true };
    } catch (err) {
      await db.delete(atsInboundEvents).where(and(eq(atsInboundEvents.connectionId, conn.id), eq(atsInboundEvents.externalId, payload.eventId)));
      if (err instanceof ValidationError) {
        // Intake names terms paths; name the payload field that fed one where there is one.
        throw new ValidationError(err.fields.map((f) => ({ field: mapped.sourceOf(f.field) ?? f.field, message: f.message })));
      }
      if (err instanceof AppError && err.status === 403) {
        throw new ValidationError([{ field: payload.recruiterEmail ? 'recruiterEmail' : 'defaultRecruiterId', message: `names a user who may not create this offer: ${err.message}` }]);
      }
      throw err;
    }
  }

  async function findEvent(connectionId: string, eventId: string) {
    const [row] = await db
      .select()
      .from(atsInboundEvents)
      .where(and(eq(atsInboundEvents.connectionId, connectionId), eq(atsInboundEvents.externalId, eventId)));
    return row ?? null;
  }

  async function replayed(offerId: string, eventId: string): Promise<InboundResult> {
    const [offer] = await db.select({ candidateId: offers.candidateId, requisitionId: offers.requisitionId }).from(offers).where(eq(offers.id, offerId));
    return { offerId, candidateId: offer!.candidateId, requisitionId: offer!.requisitionId!, eventId, created: false };
  }

  return { createConnection, listConnections, getConnection: async (orgId: string, id: string) => presentConnection(await getConnection(orgId, id)), revokeConnection, authenticate, receive };
}

export type Ats = ReturnType<typeof createAts>;
