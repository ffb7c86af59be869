import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { terminalStatuses } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { offers, offerStageIntervals, organizations, users } from '../../db/schema';
import { reachCondition, type OfferReach } from '../../offers/offers.repo';
import type { CustomFilter } from '../fields/custom-query';
import { customValuesMatch } from '../fields/custom-query.repo';
import { listOrgHolidays } from '../approvals/approvals.repo';
import { PACKET_JOB } from '../documents/packet-generator';
import type { SlaState } from './waiting-on';

/**
 * The status board's page and stage counts. The open interval of each open offer (the
 * stage-interval read model) says since when it is in its stage; offer_stage_intervals_active_idx
 * drives the page, oldest first. An open offer's status is its open interval's status, so the
 * other filters are stated on the offers row (offers_open_idx holds status, business unit,
 * department and recruiter of open offers; access control reads that row too), the page's stage
 * filter on the interval, and the stage counts read offers alone. The SLA and "waiting on me" conditions restate waitingOn() (waiting-on.ts) in SQL;
 * board-time.ts turns its business-hour limits into instants, and the SLA filter starts from the
 * pending steps by due time (approval_steps_pending_due_idx).
 */

export type BoardView = 'all' | 'mine' | 'waiting_on_me';

export interface BoardFilter {
  userId: string;
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  stages?: string[];
  sla?: SlaState;
  view: BoardView;
  /** `custom.<key>` filters, checked against the definitions and the caller's roles. */
  custom?: CustomFilter[];
  /** Offers these grants reach (the access map's row conditions); no grants, no rows. */
  reach: OfferReach;
  now: Date;
  /** A step due at or before this is due soon (board-time.ts). */
  dueSoonUntil: Date;
  /** An unopened offer sent at or before this is the recruiter's to follow up (board-time.ts). */
  followUpSentBefore: Date;
  /** The organisation's countersigning user, if any. */
  signatoryUserId: string | null;
}

export interface BoardPageQuery extends BoardFilter {
  direction: 'asc' | 'desc';
  limit: number;
  after?: { enteredAt: Date; offerId: string };
  /** Grants whose roles read the candidate's name, and the title. */
  nameReach: OfferReach;
  titleReach: OfferReach;
}

// Qualified names for correlated subqueries (drizzle would leave some columns unqualified).
const o = {
  id: sql.raw('"offers"."id"'),
  orgId: sql.raw('"offers"."org_id"'),
  status: sql.raw('"offers"."status"'),
  version: sql.raw('"offers"."current_version"'),
  recruiterId: sql.raw('"offers"."recruiter_id"'),
  businessUnitId: sql.raw('"offers"."business_unit_id"'),
  departmentId: sql.raw('"offers"."department_id"'),
};
const enteredAt = sql.raw('"offer_stage_intervals"."entered_at"');

const terminal = sql.raw(terminalStatuses.map((s) => `'${s}'`).join(', '));

/** A pending rescind step holds the offer, whatever its status. */
const rescindPending = sql`exists (select 1 from approval_steps r where r.org_id = ${o.orgId} and r.offer_id = ${o.id} and r.status = 'pending' and r.phase = 'rescind')`;

/** The pending steps waitingOn() waits on: rescind ones if any, else those of the status's approval phase. */
function waitedSteps(extra: SQL): SQL {
  return sql`exists (select 1 from approval_steps s where s.org_id = ${o.orgId} and s.offer_id = ${o.id} and s.status = 'pending' and (s.phase = 'rescind' or (not ${rescindPending} and ((${o.status} = 'comp_review' and s.phase = 'compensation') or (${o.status} = 'in_approval' and s.phase = 'packet')))) and ${extra})`;
}

/**
 * Offers with a pending step due in `range` (approval_steps_pending_due_idx): every offer an SLA
 * state holds for has one, so the SLA filter starts from these few instead of every offer.
 */
function pendingStepDue(orgId: string, range: SQL): SQL {
  return sql`${o.id} in (select p.offer_id from approval_steps p where p.org_id = ${orgId} and p.status = 'pending' and ${range})`;
}

function slaCondition(orgId: string, sla: SlaState, f: BoardFilter): SQL {
  const breached = waitedSteps(sql`s.due_at <= ${f.now}`);
  const soon = waitedSteps(sql`s.due_at <= ${f.dueSoonUntil}`);
  // A breached offer waits on a step due by now; one due soon on a step due after now and by the
  // due-soon limit (none is due by now); one on track on a step due after that limit.
  if (sla === 'breached') return sql`(${pendingStepDue(orgId, sql`p.due_at <= ${f.now}`)} and ${breached})`;
  if (sla === 'due_soon') return sql`(${pendingStepDue(orgId, sql`p.due_at > ${f.now} and p.due_at <= ${f.dueSoonUntil}`)} and ${soon} and not ${breached})`;
  return sql`(${pendingStepDue(orgId, sql`p.due_at > ${f.dueSoonUntil}`)} and ${waitedSteps(sql`s.due_at is not null`)} and not ${soon})`;
}

/** The caller is an approver still to decide on the step, or the active delegate of one. */
function openApprover(userId: string, now: Date): SQL {
  return sql`exists (select 1 from jsonb_array_elements_text(s.approver_ids) as a(id)
    where (a.id = ${userId} or exists (select 1 from approval_delegations d where d.org_id = s.org_id and d.user_id::text = a.id and d.delegate_id = ${userId}::uuid and d.starts_at <= ${now} and d.ends_at > ${now}))
      and not exists (select 1 from approval_decisions x where x.step_id = s.id and x.approver_id::text = a.id and x.decision = 'approve'))`;
}

const currentVersionOf = (alias: string) => sql`${sql.raw(alias)}.org_id = ${o.orgId} and ${sql.raw(alias)}.offer_id = ${o.id} and ${sql.raw(alias)}.version_number = ${o.version}`;

/** Offers whose next action waitingOn() gives to the caller; `enteredAt` is when the offer entered its stage. */
function waitingOnMe(f: BoardFilter, enteredAt: SQL): SQL {
  const me = f.userId;
  const packetQueued = sql`exists (select 1 from jobs j where j.org_id = ${o.orgId} and j.kind = ${PACKET_JOB} and j.state in ('queued', 'running') and j.payload ->> 'offerId' = ${o.id}::text)`;
  const latestLinkExpired = sql`(select l.expires_at from candidate_links l where ${currentVersionOf('l')} order by l.created_at desc limit 1) <= ${f.now}`;
  const opened = sql`exists (select 1 from candidate_links l where ${currentVersionOf('l')} and l.last_opened_at is not null)`;
  const contingency = (cond: SQL) => sql`exists (select 1 from contingencies c where ${currentVersionOf('c')} and ${cond})`;
  const recruiterOwns = sql`(${o.recruiterId} = ${me}::uuid and (
    ${o.status} in ('draft', 'approved', 'negotiating')
    or (${o.status} = 'drafting' and not ${packetQueued})
    or (${o.status} = 'sent' and (${latestLinkExpired} or (not ${opened} and ${enteredAt} <= ${f.followUpSentBefore})))
    or (${o.status} = 'accepted' and (${contingency(sql`c.status = 'failed'`)} or not ${contingency(sql`c.status = 'pending' and c.owner_user_id is not null`)}))))`;
  const ownsContingency = sql`(${o.status} = 'accepted' and not ${contingency(sql`c.status = 'failed'`)} and ${contingency(sql`c.status = 'pending' and c.owner_user_id = ${me}::uuid`)})`;
  const countersigns =
    f.signatoryUserId === me
      ? sql`(${o.status} = 'signed' and not exists (select 1 from offer_signatures g where ${currentVersionOf('g')} and g.signer = 'company'))`
      : sql`false`;
  return sql`(${waitedSteps(openApprover(me, f.now))} or (not ${rescindPending} and (${recruiterOwns} or ${ownsContingency} or ${countersigns})))`;
}

/** Open offers in the caller's reach that pass every filter but the stage one, on the offers row. */
function offerConditions(orgId: string, f: BoardFilter, enteredAt: SQL): SQL[] {
  const where: SQL[] = [
    eq(offers.orgId, orgId),
    // Spelled like the predicate of offers_open_idx, so the planner can use it.
    sql`${offers.status} not in (${terminal})`,
    reachCondition(f.reach),
  ];
  if (f.businessUnitId) where.push(eq(offers.businessUnitId, f.businessUnitId));
  if (f.departmentId) where.push(eq(offers.departmentId, f.departmentId));
  if (f.recruiterId) where.push(eq(offers.recruiterId, f.recruiterId));
  if (f.sla) where.push(slaCondition(orgId, f.sla, f));
  for (const c of f.custom ?? []) where.push(customValuesMatch(offers.customValues, c));
  if (f.view === 'mine') where.push(eq(offers.recruiterId, f.userId));
  if (f.view === 'waiting_on_me') where.push(waitingOnMe(f, enteredAt));
  return where;
}

export interface BoardRow {
  offerId: string;
  title: string;
  candidateName: string;
  /** The caller's roles read the candidate's name on this offer. */
  nameVisible: boolean;
  titleVisible: boolean;
  status: string;
  enteredAt: Date;
  currentVersion: number;
  businessUnit: { id: string; name: string };
  department: { id: string; name: string };
  recruiter: { id: string; name: string };
}

/**
 * One page in time-in-stage order, keyset on (entered_at, offer id).
 *
 * Two ways to read it. Walking offer_stage_intervals_active_idx in order and keeping the offers
 * that pass the filters stops after a page when many open offers pass. With `stagesFirst`, the open
 * intervals of the chosen stages are read by offer_stage_intervals_open_idx and sorted first (a
 * subquery with its own ORDER BY, which the planner keeps apart), then their offers are filtered
 * in that order: what a walk would cost when the chosen stages hold few of the open offers, or
 * only the newest ones. The caller picks by the stage counts (fewInStages, board.service.ts).
 */
export async function listBoardPage(db: Db, orgId: string, q: BoardPageQuery, stagesFirst = false): Promise<BoardRow[]> {
  const open = [
    eq(offerStageIntervals.orgId, orgId),
    // Spelled like the predicates of offer_stage_intervals_active_idx and _open_idx, so the planner can use them.
    sql`${offerStageIntervals.leftAt} is null`,
    sql`${offerStageIntervals.status} not in (${terminal})`,
  ];
  if (q.stages?.length) open.push(sql`${offerStageIntervals.status} in ${q.stages}`);
  if (q.after) {
    const cmp = q.direction === 'asc' ? sql`>` : sql`<`;
    open.push(sql`(${offerStageIntervals.enteredAt}, ${offerStageIntervals.offerId}) ${cmp} (${q.after.enteredAt}, ${q.after.offerId}::uuid)`);
  }
  const order = q.direction === 'asc' ? [asc(offerStageIntervals.enteredAt), asc(offerStageIntervals.offerId)] : [desc(offerStageIntervals.enteredAt), desc(offerStageIntervals.offerId)];
  const byStage = stagesFirst && q.stages?.length;
  // Named like the table, so the columns below read the same from either.
  const intervals = byStage
    ? db
        .select({ orgId: offerStageIntervals.orgId, offerId: offerStageIntervals.offerId, status: offerStageIntervals.status, enteredAt: offerStageIntervals.enteredAt })
        .from(offerStageIntervals)
        .where(and(...open))
        .orderBy(...order)
        .as('offer_stage_intervals')
    : offerStageIntervals;
  const where = [...offerConditions(orgId, q, enteredAt), ...(byStage ? [] : open)];
  const rows = await db
    .select({
      offerId: offerStageIntervals.offerId,
      title: offers.title,
      candidateName: offers.candidateName,
      nameVisible: sql<boolean>`${reachCondition(q.nameReach)}`,
      titleVisible: sql<boolean>`${reachCondition(q.titleReach)}`,
      status: offerStageIntervals.status,
      enteredAt: offerStageIntervals.enteredAt,
      currentVersion: offers.currentVersion,
      businessUnitId: offers.businessUnitId,
      businessUnitName: nameOf('business_units', o.businessUnitId),
      departmentId: offers.departmentId,
      departmentName: nameOf('departments', o.departmentId),
      recruiterId: offers.recruiterId,
      recruiterName: nameOf('users', o.recruiterId),
    })
    .from(intervals)
    .innerJoin(offers, and(eq(offers.id, offerStageIntervals.offerId), eq(offers.orgId, offerStageIntervals.orgId)))
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit);
  return rows.map((r) => ({
    offerId: r.offerId,
    title: r.title,
    candidateName: r.candidateName,
    nameVisible: truthy(r.nameVisible),
    titleVisible: truthy(r.titleVisible),
    status: r.status,
    enteredAt: r.enteredAt,
    currentVersion: r.currentVersion,
    businessUnit: { id: r.businessUnitId, name: r.businessUnitName },
    department: { id: r.departmentId, name: r.departmentName },
    recruiter: { id: r.recruiterId, name: r.recruiterName },
  }));
}

/**
 * A row's name by id, in the select list: the planner computes these after the sort and limit, for
 * the page's rows only (joins would be planned over every row that passes the filters).
 */
const nameOf = (table: 'business_units' | 'departments' | 'users', id: SQL) => sql<string>`(select n.name from ${sql.raw(table)} n where n.id = ${id})`;

/** When an offer entered its stage: the start of its open interval. */
const enteredStageAt = sql`(select i.entered_at from offer_stage_intervals i where i.org_id = ${o.orgId} and i.offer_id = ${o.id} and i.left_at is null)`;

/**
 * Open offers per stage over every filter but the stage one (the stage tabs show the others too),
 * from the offers row alone: its status is its open interval's, and offers_open_idx holds the
 * filtered columns.
 */
export async function countByStage(db: Db, orgId: string, f: BoardFilter): Promise<Map<string, number>> {
  const rows = await db
    .select({ status: offers.status, n: sql<number>`count(*)::int` })
    .from(offers)
    .where(and(...offerConditions(orgId, f, enteredStageAt)))
    .groupBy(offers.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Runs board reads in a read-only transaction without JIT or parallel workers: these are short
 * index-driven statements, and compiling them or starting workers costs more than running them.
 */
export function boardRead<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw('set local jit = off'));
      await tx.execute(sql.raw('set local max_parallel_workers_per_gather = 0'));
      return read(tx);
    },
    { accessMode: 'read only' },
  );
}

/** What the board needs of the organisation and the caller once per request: signing settings, the caller's zone, holidays. */
export async function boardContext(db: Db, orgId: string, userId: string) {
  const [[org], [me], holidays] = await Promise.all([
    db.select({ signing: organizations.signing }).from(organizations).where(eq(organizations.id, orgId)),
    db.select({ timeZone: users.timeZone }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId))),
    listOrgHolidays(db, orgId),
  ]);
  return { signing: org?.signing ?? null, timeZone: me?.timeZone ?? 'America/New_York', holidays };
}

const truthy = (v: unknown) => v === true || v === 't';
