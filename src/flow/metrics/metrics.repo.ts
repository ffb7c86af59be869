import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { customValuesMatch } from '../fields/custom-query.repo';
import type { MetricsRequest } from './metrics-query';

/**
 * The SQL of the metrics, over the read models only (offer_stage_intervals, offer_milestones,
 * approval_steps with approval_decisions); never the journal. Each query reads one range of an
 * indexed time column for the caller's organisation, then filters by the dimensions each row
 * carries. Durations are minutes as float8 (date_part), percentiles percentile_cont. Every value
 * from the caller is a bound parameter; the only raw SQL is table aliases and constant lists.
 */

type Row = Record<string, unknown>;

async function rows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const int = (v: unknown): number => Number(v ?? 0);

/** Scope and dimension filters on a read-model row under `alias` (both read models carry the same columns). */
function dimensions(alias: string, r: MetricsRequest): SQL {
  const c = (column: string) => sql.raw(`${alias}.${column}`);
  const parts: SQL[] = [];
  if (r.businessUnitIds) parts.push(sql`${c('business_unit_id')} = any(${`{${r.businessUnitIds.join(',')}}`}::uuid[])`);
  const f = r.filters;
  if (f.businessUnitId) parts.push(sql`${c('business_unit_id')} = ${f.businessUnitId}::uuid`);
  if (f.departmentId) parts.push(sql`${c('department_id')} = ${f.departmentId}::uuid`);
  if (f.recruiterId) parts.push(sql`${c('recruiter_id')} = ${f.recruiterId}::uuid`);
  if (f.level) parts.push(sql`${c('level')} = ${f.level}`);
  if (f.employmentType) parts.push(sql`${c('employment_type')} = ${f.employmentType}`);
  // The read models carry no custom values: look each row's offer up by id (its primary key), only when asked.
  for (const filter of r.custom) parts.push(sql`exists (select 1 from offers co where co.id = ${c('offer_id')} and co.org_id = ${c('org_id')} and ${customValuesMatch(sql.raw('co.custom_values'), filter)})`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** count, median and p90 of a float8 expression of minutes (one sort per group: both percentiles from one aggregate). */
function durationColumns(minutes: SQL): SQL {
  return sql`count(${minutes})::int as count,
    (percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${minutes}))[1] as median,
    (percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${minutes}))[2] as p90`;
}

const minutesBetween = (start: string, end: string) => sql.raw(`(date_part('epoch', ${end} - ${start}) / 60.0)`);

/** Steps carry no dimensions: join each step's offer milestones only when a filter or scope needs them. */
function milestonesFor(r: MetricsRequest): SQL {
  const f = r.filters;
  const filtered = r.businessUnitIds !== null || f.businessUnitId || f.departmentId || f.recruiterId || f.level || f.employmentType || r.custom.length;
  return filtered ? sql`join offer_milestones m on m.offer_id = s.offer_id and m.org_id = s.org_id` : sql``;
}

export interface DurationRow {
  count: number;
  median: number | null;
  p90: number | null;
}
const durationOf = (r: Row): DurationRow => ({ count: int(r.count), median: num(r.median), p90: num(r.p90) });

/** Closed stage intervals whose end falls in the period, per status (offer_stage_intervals_org_left_idx). */
export async function cycleTimeByStage(db: Db, orgId: string, r: MetricsRequest): Promise<(DurationRow & { stage: string })[]> {
  const out = await rows(
    db,
    sql`select i.status, ${durationColumns(minutesBetween('i.entered_at', 'i.left_at'))}
      from offer_stage_intervals i
      where i.org_id = ${orgId}::uuid and i.left_at >= ${r.from.toISOString()}::timestamptz and i.left_at < ${r.to.toISOString()}::timestamptz
        ${dimensions('i', r)}
      group by i.status`,
  );
  return out.map((row) => ({ stage: String(row.status), ...durationOf(row) }));
}

/** Created to accepted, for offers first accepted in the period. */
export async function endToEnd(db: Db, orgId: string, r: MetricsRequest): Promise<DurationRow> {
  const [row] = await rows(
    db,
    sql`select ${durationColumns(minutesBetween('m.created_at', 'm.accepted_at'))}
      from offer_milestones m
      where m.org_id = ${orgId}::uuid and m.accepted_at >= ${r.from.toISOString()}::timestamptz and m.accepted_at < ${r.to.toISOString()}::timestamptz
        ${dimensions('m', r)}`,
  );
  return durationOf(row ?? {});
}

/** First approval to first send, for offers first sent in the period. */
export async function approvalToSend(db: Db, orgId: string, r: MetricsRequest): Promise<DurationRow> {
  const [row] = await rows(
    db,
    sql`select ${durationColumns(minutesBetween('m.approved_at', 'm.sent_at'))}
      from offer_milestones m
      where m.org_id = ${orgId}::uuid and m.sent_at >= ${r.from.toISOString()}::timestamptz and m.sent_at < ${r.to.toISOString()}::timestamptz
        and m.approved_at is not null ${dimensions('m', r)}`,
  );
  return durationOf(row ?? {});
}

export interface ApprovalGroupRow extends DurationRow {
  set: 'step' | 'role' | 'approver' | 'overall';
  stageKey: string | null;
  stepKey: string | null;
  stageName: string | null;
  stepName: string | null;
  role: string | null;
  approverId: string | null;
  approverName: string | null;
  withDueTime: number;
  met: number;
}

/**
 * Steps an approver's decision closed in the period (approval_steps_org_decided_idx), grouped four
 * ways in one pass: by step, by the role the step was routed to, by the approver whose decision
 * closed it (the latest decision on the step), and overall.
 */
export async function approvalGroups(db: Db, orgId: string, r: MetricsRequest): Promise<ApprovalGroupRow[]> {
  const out = await rows(
    db,
    sql`with d as (
        select s.stage_key, s.step_key, s.stage_name, s.step_name, s.approver_role, s.due_at, s.decided_at,
          closer.approver_id, u.name as approver_name,
          ${minutesBetween('s.activated_at', 's.decided_at')} as minutes
        from approval_steps s
        ${milestonesFor(r)}
        left join lateral (select x.approver_id from approval_decisions x where x.step_id = s.id order by x.at desc, x.id desc limit 1) closer on true
        left join users u on u.id = closer.approver_id
        where s.org_id = ${orgId}::uuid and s.decided_at is not null
          and s.decided_at >= ${r.from.toISOString()}::timestamptz and s.decided_at < ${r.to.toISOString()}::timestamptz
          and s.status in ('approved', 'rejected', 'changes_requested') and s.activated_at is not null
          ${dimensions('m', r)}
      )
      select grouping(stage_key, step_key, approver_role, approver_id) as g,
        stage_key, step_key, max(stage_name) as stage_name, max(step_name) as step_name, approver_role, approver_id, max(approver_name) as approver_name,
        ${durationColumns(sql.raw('minutes'))},
        count(*) filter (where due_at is not null)::int as with_due,
        count(*) filter (where due_at is not null and decided_at <= due_at)::int as met
      from d
      group by grouping sets ((stage_key, step_key), (approver_role), (approver_id), ())`,
  );
  const sets: Record<number, ApprovalGroupRow['set']> = { 3: 'step', 13: 'role', 14: 'approver', 15: 'overall' };
  return out.flatMap((row) => {
    const set = sets[int(row.g)];
    if (!set || (set === 'approver' && row.approver_id === null)) return [];
    return [
      {
        set,
        stageKey: (row.stage_key as string | null) ?? null,
        stepKey: (row.step_key as string | null) ?? null,
        stageName: (row.stage_name as string | null) ?? null,
        stepName: (row.step_name as string | null) ?? null,
        role: (row.approver_role as string | null) ?? null,
        approverId: (row.approver_id as string | null) ?? null,
        approverName: (row.approver_name as string | null) ?? null,
        ...durationOf(row),
        withDueTime: int(row.with_due),
        met: int(row.met),
      },
    ];
  });
}

/** Steps pending now whose due time has passed (approval_steps_org_status_idx). */
export async function pendingPastDue(db: Db, orgId: string, r: MetricsRequest, now: Date): Promise<number> {
  const [row] = await rows(
    db,
    sql`select count(*)::int as count
      from approval_steps s ${milestonesFor(r)}
      where s.org_id = ${orgId}::uuid and s.status = 'pending' and s.due_at < ${now.toISOString()}::timestamptz ${dimensions('m', r)}`,
  );
  return int(row?.count);
}

/** Offers created in the period by number of revisions, 3 and more together (offer_milestones_org_created_idx). */
export async function revisionCounts(db: Db, orgId: string, r: MetricsRequest): Promise<{ bucket: number; count: number; revisions: number }[]> {
  const out = await rows(
    db,
    sql`select least(m.revisions, 3) as bucket, count(*)::int as count, sum(m.revisions)::int as revisions
      from offer_milestones m
      where m.org_id = ${orgId}::uuid and m.created_at >= ${r.from.toISOString()}::timestamptz and m.created_at < ${r.to.toISOString()}::timestamptz
        ${dimensions('m', r)}
      group by 1`,
  );
  return out.map((row) => ({ bucket: int(row.bucket), count: int(row.count), revisions: int(row.revisions) }));
}

/** Offers first submitted in the period, with each exception flag counted. */
export async function exceptionCounts(db: Db, orgId: string, r: MetricsRequest) {
  const [row] = await rows(
    db,
    sql`select count(*)::int as submitted,
        count(*) filter (where m.out_of_band or m.over_budget or m.non_standard_clause)::int as any,
        count(*) filter (where m.out_of_band)::int as out_of_band,
        count(*) filter (where m.over_budget)::int as over_budget,
        count(*) filter (where m.non_standard_clause)::int as non_standard_clause
      from offer_milestones m
      where m.org_id = ${orgId}::uuid and m.submitted_at >= ${r.from.toISOString()}::timestamptz and m.submitted_at < ${r.to.toISOString()}::timestamptz
        ${dimensions('m', r)}`,
  );
  return {
    submitted: int(row?.submitted),
    any: int(row?.any),
    out_of_band: int(row?.out_of_band),
    over_budget: int(row?.over_budget),
    non_standard_clause: int(row?.non_standard_clause),
  };
}

/** Offers first verbally accepted in the period: accepted since, ended without acceptance, or neither yet. */
export async function fallThroughCounts(db: Db, orgId: string, r: MetricsRequest) {
  const [row] = await rows(
    db,
    sql`select count(*)::int as verbal,
        count(*) filter (where m.accepted_at is not null)::int as accepted,
        count(*) filter (where m.accepted_at is null and m.ended_at is not null)::int as fell_through
      from offer_milestones m
      where m.org_id = ${orgId}::uuid and m.verbal_accepted_at >= ${r.from.toISOString()}::timestamptz and m.verbal_accepted_at < ${r.to.toISOString()}::timestamptz
        ${dimensions('m', r)}`,
  );
  return { verbal: int(row?.verbal), accepted: int(row?.accepted), fellThrough: int(row?.fell_through) };
}

/**
 * Sent offers whose outcome came in the period: accepted then (accepted_at), or ended then without
 * acceptance (ended_at), by end status and decline reason. Two ranges, each on its own column.
 */
export async function outcomeCounts(db: Db, orgId: string, r: MetricsRequest): Promise<{ status: string; reason: string | null; count: number }[]> {
  const from = r.from.toISOString();
  const to = r.to.toISOString();
  const out = await rows(
    db,
    sql`select o.status, o.reason, count(*)::int as count from (
        select 'accepted' as status, null::text as reason
        from offer_milestones m
        where m.org_id = ${orgId}::uuid and m.accepted_at >= ${from}::timestamptz and m.accepted_at < ${to}::timestamptz and m.sent_at is not null
          ${dimensions('m', r)}
        union all
        select m.status, case when m.status = 'declined' then m.decline_reason end
        from offer_milestones m
        where m.org_id = ${orgId}::uuid and m.ended_at >= ${from}::timestamptz and m.ended_at < ${to}::timestamptz and m.sent_at is not null and m.accepted_at is null
          ${dimensions('m', r)}
      ) o group by o.status, o.reason`,
  );
  return out.map((row) => ({ status: String(row.status), reason: (row.reason as string | null) ?? null, count: int(row.count) }));
}
