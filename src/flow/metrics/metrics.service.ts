import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { average, byLifecycleOrder, exceptionReasons, rate, revisionBuckets, roundMinutes } from './metric-definitions';
import { ValidationError } from '../../core/errors';
import { customQuery } from '../fields/custom-query.service';
import { metricsRolesOf, metricsScope, parseMetricsQuery, type MetricsRequest } from './metrics-query';
import * as repo from './metrics.repo';
import { cycleTimeByStage } from './cycle-time';
import type {
  ApprovalsDto,
  ApprovalToSendDto,
  CycleTimeDto,
  ExceptionsDto,
  FallThroughDto,
  MetricsFilters,
  OutcomesDto,
  RevisionsDto,
} from './metrics.schema';

/** Percentile sorts of a 90-day window fit in memory with this much; set per transaction only. */
const WORK_MEM = '64MB';

interface Frame {
  period: { from: string; to: string };
  filters: MetricsFilters & Record<string, string>;
  scope: { businessUnitIds: string[] | null };
}

const duration = (d: repo.DurationRow) => ({ count: d.count, medianMinutes: roundMinutes(d.median), p90Minutes: roundMinutes(d.p90) });

/**
 * Metrics from the read models: checks the query and the caller's reach, then reads in one
 * read-only transaction with room for the percentile sorts. Answers name the period, the filters
 * and the scope they were computed over.
 */
export function createMetricsService({ db, clock }: { db: Db; clock: Clock }) {
  async function run<T>(actor: Actor, query: unknown, compute: (tx: Db, r: MetricsRequest, now: Date) => Promise<T>): Promise<Frame & T> {
    const now = clock.now();
    const { period, filters, custom } = parseMetricsQuery(query, now);
    const businessUnitIds = metricsScope(actor, filters.businessUnitId);
    const { filters: customFilters } = await customQuery(db, actor.orgId, { params: custom, roles: metricsRolesOf(actor) }, (problems) => new ValidationError(problems));
    const request: MetricsRequest = { ...period, filters, custom: customFilters, businessUnitIds };
    const body = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set transaction read only`));
      await tx.execute(sql.raw(`set local work_mem = '${WORK_MEM}'`));
      // Compiling these short aggregate queries costs more than it saves.
      await tx.execute(sql.raw(`set local jit = off`));
      return compute(tx, request, now);
    });
    return { period: { from: period.from.toISOString(), to: period.to.toISOString() }, filters: { ...filters, ...custom } as Frame['filters'], scope: { businessUnitIds }, ...body };
  }

  return {
    cycleTime: (actor: Actor, query: unknown): Promise<CycleTimeDto> =>
      run(actor, query, async (tx, r) => {
        const stages = await cycleTimeByStage(tx, actor.orgId, r);
        const e2e = await repo.endToEnd(tx, actor.orgId, r);
        return { stages: byLifecycleOrder(stages).map((s) => ({ stage: s.stage, ...duration(s) })), endToEnd: duration(e2e) };
      }),

    approvals: (actor: Actor, query: unknown): Promise<ApprovalsDto> =>
      run(actor, query, async (tx, r, now) => {
        const groups = await repo.approvalGroups(tx, actor.orgId, r);
        const pending = await repo.pendingPastDue(tx, actor.orgId, r, now);
        const stats = (g: repo.ApprovalGroupRow | undefined) => ({
          ...duration(g ?? { count: 0, median: null, p90: null }),
          sla: { withDueTime: g?.withDueTime ?? 0, met: g?.met ?? 0, missed: (g?.withDueTime ?? 0) - (g?.met ?? 0), rate: rate(g?.met ?? 0, g?.withDueTime ?? 0) },
        });
        const of = (set: repo.ApprovalGroupRow['set']) => groups.filter((g) => g.set === set);
        return {
          overall: stats(of('overall')[0]),
          byStep: of('step')
            .map((g) => ({ stageKey: g.stageKey!, stepKey: g.stepKey!, stageName: g.stageName ?? g.stageKey!, stepName: g.stepName ?? g.stepKey!, ...stats(g) }))
            .sort((a, b) => a.stageKey.localeCompare(b.stageKey) || a.stepKey.localeCompare(b.stepKey)),
          byRole: of('role')
            .map((g) => ({ role: g.role, ...stats(g) }))
            .sort((a, b) => (a.role ?? '\uffff').localeCompare(b.role ?? '\uffff')),
          byApprover: of('approver')
            .map((g) => ({ approverId: g.approverId!, approverName: g.approverName ?? '', ...stats(g) }))
            .sort((a, b) => a.approverName.localeCompare(b.approverName) || a.approverId.localeCompare(b.approverId)),
          pendingPastDue: { count: pending, asOf: now.toISOString() },
        };
      }),

    revisions: (actor: Actor, query: unknown): Promise<RevisionsDto> =>
      run(actor, query, async (tx, r) => {
        const counts = await repo.revisionCounts(tx, actor.orgId, r);
        const offers = counts.reduce((n, c) => n + c.count, 0);
        const sum = counts.reduce((n, c) => n + c.revisions, 0);
        return {
          offers,
          averageRevisions: average(sum, offers),
          distribution: revisionBuckets.map((bucket, i) => {
            const count = counts.find((c) => c.bucket === i)?.count ?? 0;
            return { revisions: bucket, count, rate: rate(count, offers) };
          }),
        };
      }),

    exceptions: (actor: Actor, query: unknown): Promise<ExceptionsDto> =>
      run(actor, query, async (tx, r) => {
        const c = await repo.exceptionCounts(tx, actor.orgId, r);
        return {
          submitted: c.submitted,
          withException: c.any,
          rate: rate(c.any, c.submitted),
          byReason: exceptionReasons.map((reason) => ({ reason, count: c[reason], rate: rate(c[reason], c.submitted) })),
        };
      }),

    fallThrough: (actor: Actor, query: unknown): Promise<FallThroughDto> =>
      run(actor, query, async (tx, r) => {
        const c = await repo.fallThroughCounts(tx, actor.orgId, r);
        return {
          verballyAccepted: c.verbal,
          fellThrough: c.fellThrough,
          accepted: c.accepted,
          open: c.verbal - c.accepted - c.fellThrough,
          rate: rate(c.fellThrough, c.fellThrough + c.accepted),
        };
      }),

    outcomes: (actor: Actor, query: unknown): Promise<OutcomesDto> =>
      run(actor, query, async (tx, r) => {
        const rows = await repo.outcomeCounts(tx, actor.orgId, r);
        const outcomes = rows.reduce((n, x) => n + x.count, 0);
        const byStatus = new Map<string, number>();
        for (const x of rows) byStatus.set(x.status, (byStatus.get(x.status) ?? 0) + x.count);
        const accepted = byStatus.get('accepted') ?? 0;
        return {
          outcomes,
          accepted,
          acceptanceRate: rate(accepted, outcomes),
          byStatus: [...byStatus]
            .map(([status, count]) => ({ status, count, rate: rate(count, outcomes) }))
            .sort((a, b) => b.count - a.count || a.status.localeCompare(b.status)),
          declineReasons: rows
            .filter((x) => x.status === 'declined')
            .map((x) => ({ reason: x.reason, count: x.count }))
            .sort((a, b) => b.count - a.count || (a.reason ?? '\uffff').localeCompare(b.reason ?? '\uffff')),
        };
      }),

    approvalToSend: (actor: Actor, query: unknown): Promise<ApprovalToSendDto> =>
      run(actor, query, async (tx, r) => duration(await repo.approvalToSend(tx, actor.orgId, r))),
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
