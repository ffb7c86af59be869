import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { InvalidRequestError } from '../../core/errors';
import type { Db } from '../../db/client';
import { roleNames } from '../../core/actor';
import { rolesReaching } from '../../core/access/offer-access';
import { createCompensationViews } from '../../audit/compensation-views.service';
import { factsOf, reachOf } from '../../offers/offer-access';
import { findOffersWithAccess } from '../../offers/offers.repo';
import { customFiltersOf } from '../fields/custom-params';
import { columnValues } from '../fields/custom-query';
import { customQuery, type CustomQuery } from '../fields/custom-query.service';
import { readSigningSettings } from '../signing/signing-settings';
import { dueSoonUntil, followUpSentBefore } from './board-time';
import { indexFacts, snapshotOf } from './board-snapshot';
import { loadSnapshotFacts } from './board-snapshots.repo';
import { boardContext, boardRead, countByStage, listBoardPage, type BoardFilter, type BoardPageQuery } from './board.repo';
import { openStatuses, type BoardDto, type BoardQuery } from './board.schema';
import { waitingOn } from './waiting-on';

/**
 * The status board: open offers the caller may see, with what each waits on (waitingOn), in
 * time-in-stage order with keyset paging, and the count per stage for the tabs.
 */
export function createBoardService({ db, clock }: { db: Db; clock: Clock }) {
  const compensationViews = createCompensationViews({ db, clock });

  /** Each row's values of the custom columns asked for, masked by the roles reaching that offer. */
  async function customColumns(actor: Actor, custom: CustomQuery, offerIds: string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (custom.columns.length === 0) return out;
    for (const row of await findOffersWithAccess(db, actor.orgId, offerIds)) {
      const shown = columnValues(row.customValues as Record<string, unknown>, custom.columns, custom.defs, { businessUnitId: row.businessUnitId, roles: rolesReaching(actor, factsOf(row)) });
      await compensationViews.record(actor, row.id, shown.sensitive, 'board', shown.sensitive);
      out.set(row.id, shown.custom);
    }
    return out;
  }

  async function board(actor: Actor, q: BoardQuery): Promise<BoardDto> {
    const direction = q.sort === 'newest' ? 'desc' : 'asc';
    const after = q.cursor ? decodeCursor(q.cursor, q.sort) : undefined;
    const custom = await customQuery(
      db,
      actor.orgId,
      { params: customFiltersOf(q), columns: q.columns, roles: roleNames(actor) },
      (problems) => new InvalidRequestError('Some custom fields cannot be used this way.', problems),
    );
    const now = clock.now();
    const ctx = await boardContext(db, actor.orgId, actor.userId);
    const calendar = { timeZone: ctx.timeZone, holidays: ctx.holidays };
    const signatoryUserId = readSigningSettings(ctx.signing).signatoryUserId;
    const filter: BoardFilter = {
      userId: actor.userId,
      businessUnitId: q.businessUnitId,
      departmentId: q.departmentId,
      recruiterId: q.recruiterId,
      stages: q.stage,
      sla: q.sla,
      view: q.view,
      custom: custom.filters,
      reach: reachOf(actor),
      now,
      dueSoonUntil: dueSoonUntil(now, calendar),
      followUpSentBefore: followUpSentBefore(now, calendar),
      signatoryUserId,
    };
    // The counts come first: they say whether the chosen stages are few enough to read first.
    const { counts, rows } = await boardRead(db, async (tx) => {
      const counts = await countByStage(tx, actor.orgId, filter);
      const query: BoardPageQuery = { ...filter, direction, limit: q.limit + 1, after, nameReach: reachOf(actor, 'candidate.name'), titleReach: reachOf(actor, 'title') };
      return { counts, rows: await listBoardPage(tx, actor.orgId, query, fewInStages(counts, q.stage)) };
    });
    const page = rows.slice(0, q.limit);
    const facts = indexFacts(await loadSnapshotFacts(db, actor.orgId, page.map((r) => r.offerId), now, signatoryUserId ? [signatoryUserId] : []));
    const columns = await customColumns(actor, custom, page.map((r) => r.offerId));
    const byStage: Record<string, number> = {};
    for (const s of openStatuses) byStage[s] = counts.get(s) ?? 0;
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const line = waitingOn(
          snapshotOf({ offerId: r.offerId, status: r.status, enteredAt: r.enteredAt, recruiterName: r.recruiter.name, candidateName: r.nameVisible ? r.candidateName : null }, facts, {
            now,
            calendar,
            signatoryUserId,
          }),
        );
        return {
          offerId: r.offerId,
          ...(r.titleVisible ? { title: r.title } : {}),
          ...(r.nameVisible ? { candidateName: r.candidateName } : {}),
          status: r.status as BoardDto['items'][number]['status'],
          enteredStageAt: r.enteredAt.toISOString(),
          businessUnit: r.businessUnit,
          department: r.department,
          recruiter: r.recruiter,
          line: { ...line, since: line.since.toISOString() },
          ...(custom.columns.length ? { custom: columns.get(r.offerId) ?? {} } : {}),
        };
      }),
      counts: { total: [...counts.values()].reduce((a, b) => a + b, 0), byStage },
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.enteredAt, last.offerId, q.sort) : null,
    };
  }

  return { board };
}

export type BoardService = ReturnType<typeof createBoardService>;

/**
 * Read the chosen stages' intervals first when they hold at most half of the open offers that pass
 * the other filters, and those are many; when few pass, the planner starts from them
 * (offers_open_idx), and when the chosen stages hold most, walking in order finds a page soon.
 */
export function fewInStages(counts: Map<string, number>, stages: string[] | undefined): boolean {
  if (!stages?.length) return false;
  let chosen = 0;
  let all = 0;
  for (const [stage, n] of counts) {
    all += n;
    if (stages.includes(stage)) chosen += n;
  }
  return all > FEW_OFFERS && chosen * 2 <= all;
}

/** Few enough open offers to read them all from offers_open_idx and sort them. */
const FEW_OFFERS = 2_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor names its sort, so a cursor from one order cannot skip rows in the other. */
function encodeCursor(enteredAt: Date, offerId: string, sort: string): string {
  return Buffer.from(JSON.stringify([enteredAt.toISOString(), offerId, sort])).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): { enteredAt: Date; offerId: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && parsed[2] === sort && UUID.test(parsed[1])) {
      const at = new Date(parsed[0]);
      // Exactly what encodeCursor writes, in a year PostgreSQL accepts.
      if (/^(?!0000)\d{4}-/.test(parsed[0]) && !Number.isNaN(at.getTime()) && at.toISOString() === parsed[0]) return { enteredAt: at, offerId: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidRequestError('The cursor is not one this API returned for this sort.', [{ field: 'cursor', message: 'is not a cursor from a previous page with this sort' }]);
}
