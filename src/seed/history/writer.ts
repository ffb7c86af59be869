import type { Database } from '../../db/client';
import { parsePolicy } from '../../flow/policy/policy-parse';
import { samplePolicySource } from '../../flow/policy/sample-policy';
import { stageDurationDaysForOrgSql } from '../../offers/read-models.backfill';
import { generateOfferHistory, type HistoryContext, type OfferHistory, type Row } from './offer-history';

/**
 * Writes a generated history: the organisation (units, departments, people, roles, the sample
 * approval policy), then offers in batches of multi-row INSERTs, each with its candidate,
 * requisition, versions, journal, approval steps and decisions, and the read-model rows
 * (stage intervals, milestones) computed from its journal. Works on both engines.
 */

/** Columns written per table, in dependency order (a batch is inserted table by table). */
const tables = {
  candidates: ['id', 'org_id', 'first_name', 'last_name', 'email', 'phone', 'city', 'state', 'created_at'],
  requisitions: ['id', 'org_id', 'department_id', 'code', 'title', 'level', 'location_city', 'location_state', 'remote', 'location_zone', 'employment_type', 'flsa_status', 'hiring_manager_id', 'role_family', 'currency', 'status', 'created_at'],
  offers: ['id', 'org_id', 'business_unit_id', 'department_id', 'candidate_id', 'requisition_id', 'recruiter_id', 'status', 'title', 'candidate_name', 'start_date', 'current_version', 'policy_version_id', 'draft_terms', 'row_version', 'journal_seq', 'journal_head', 'created_at', 'updated_at'],
  offer_versions: ['id', 'org_id', 'offer_id', 'number', 'terms', 'terms_salt', 'created_by', 'created_at'],
  journal: ['org_id', 'offer_id', 'seq', 'type', 'actor_id', 'at', 'data', 'prev_hash', 'hash'],
  approval_steps: ['id', 'org_id', 'offer_id', 'version_number', 'policy_version_id', 'phase', 'stage_index', 'stage_key', 'stage_name', 'step_key', 'step_name', 'status', 'explanation', 'condition_held', 'approver_ids', 'approver_role', 'quorum', 'covers', 'sla_hours', 'reminder_hours', 'escalation_ids', 'carried_from_version', 'activated_at', 'due_at', 'escalated_at', 'decided_at', 'created_at'],
  approval_decisions: ['id', 'org_id', 'offer_id', 'step_id', 'approver_id', 'acted_by_id', 'decision', 'comment', 'via', 'at'],
  offer_stage_intervals: ['org_id', 'offer_id', 'business_unit_id', 'department_id', 'recruiter_id', 'level', 'employment_type', 'status', 'version_number', 'entered_at', 'left_at', 'left_by_event', 'duration_bucket'],
  offer_milestones: ['offer_id', 'org_id', 'business_unit_id', 'department_id', 'recruiter_id', 'level', 'employment_type', 'status', 'created_at', 'submitted_at', 'approved_at', 'sent_at', 'verbal_accepted_at', 'signed_at', 'accepted_at', 'handed_off_at', 'ended_at', 'revisions', 'out_of_band', 'over_budget', 'non_standard_clause', 'decline_reason'],
} as const;
export type HistoryTable = keyof typeof tables;
export const historyTables = Object.keys(tables) as HistoryTable[];

/** Where rows go: a parameterised statement on one connection (a pg client, a pool, PGlite). */
export type Execute = (text: string, params: unknown[]) => Promise<unknown>;

export function executorOf(database: Database): Execute {
  if (database.pool) return (text, params) => database.pool!.query(text, params);
  if (database.pglite) return (text, params) => database.pglite!.query(text, params);
  throw new Error('The database has neither a pool nor an embedded client');
}

/** jsonb values as JSON text; everything else as the driver sends it. */
const param = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

export async function insertRows(execute: Execute, table: HistoryTable, rows: Row[]): Promise<void> {
  const columns = tables[table];
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const c of columns) {
        params.push(param(row[c]));
        marks.push(`$${params.length}`);
      }
      tuples.push(`(${marks.join(',')})`);
    }
    await execute(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
  }
}

/** One batch of offers, split by table. */
export function batchRows(histories: OfferHistory[]): Record<HistoryTable, Row[]> {
  return {
    candidates: histories.map((h) => h.candidate),
    requisitions: histories.map((h) => h.requisition),
    offers: histories.map((h) => h.offer),
    offer_versions: histories.flatMap((h) => h.versions),
    journal: histories.flatMap((h) => h.journal),
    approval_steps: histories.flatMap((h) => h.steps),
    approval_decisions: histories.flatMap((h) => h.decisions),
    offer_stage_intervals: histories.flatMap((h) => h.intervals),
    offer_milestones: histories.map((h) => h.milestone),
  };
}

export async function writeBatch(execute: Execute, histories: OfferHistory[]): Promise<void> {
  const rows = batchRows(histories);
  for (const table of historyTables) await insertRows(execute, table, rows[table]);
}

/** The organisation of the plan: units, departments, users with roles, and the approval policy. */
export async function writeOrganisation(execute: Execute, ctx: HistoryContext): Promise<void> {
  const { plan } = ctx;
  const at = new Date(ctx.from - 90 * 86_400_000).toISOString();
  await execute('INSERT INTO organizations (id, name, slug, created_at) VALUES ($1, $2, $3, $4)', [plan.org.id, plan.org.name, plan.org.slug, at]);
  for (const bu of plan.businessUnits) {
    await execute('INSERT INTO business_units (id, org_id, name, created_at) VALUES ($1, $2, $3, $4)', [bu.id, plan.org.id, bu.name, at]);
  }
  const values = (rows: unknown[][]) => rows.map((r, i) => `(${r.map((_, j) => `$${i * r.length + j + 1}`).join(',')})`).join(',');
  const userRows = plan.users.map((u) => [u.id, plan.org.id, u.email, u.name, at]);
  await execute(`INSERT INTO users (id, org_id, email, name, created_at) VALUES ${values(userRows)}`, userRows.flat());
  const roleRows = plan.users.flatMap((u, i) => u.roles.map((r, k) => [roleId(plan.org.id, i, k), plan.org.id, u.id, r.role, r.businessUnitId]));
  await execute(`INSERT INTO user_roles (id, org_id, user_id, role, business_unit_id) VALUES ${values(roleRows)}`, roleRows.flat());
  const deptRows = plan.departments.map((d) => [d.id, plan.org.id, d.businessUnitId, d.name, d.hrbpId, at]);
  await execute(`INSERT INTO departments (id, org_id, business_unit_id, name, hrbp_id, created_at) VALUES ${values(deptRows)}`, deptRows.flat());
  const source = samplePolicySource.replaceAll('northwind.example', `${plan.org.slug}.example`);
  const parsed = parsePolicy(source, 'yaml', { userEmails: new Set(plan.users.map((u) => u.email)) });
  if (!parsed.ok) throw new Error(`The sample policy does not validate for the generated organisation: ${JSON.stringify(parsed.problems)}`);
  await execute('INSERT INTO approval_policies (id, org_id, business_unit_id, current_version, created_at) VALUES ($1, $2, NULL, 1, $3)', [plan.policyId, plan.org.id, at]);
  await execute(
    'INSERT INTO approval_policy_versions (id, org_id, policy_id, number, format, source, document, note, created_by, created_at) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9)',
    [plan.policyVersionId, plan.org.id, plan.policyId, 'yaml', source, JSON.stringify(parsed.policy), 'Sample policy (generated history)', plan.adminId, at],
  );
}

/** A stable id per role grant (the plan gives users, not grants, ids). */
function roleId(orgId: string, userIndex: number, k: number): string {
  const tail = (userIndex * 8 + k).toString(16).padStart(12, '0');
  return `${orgId.slice(0, 24)}${tail}`;
}

export interface WriteProgress {
  offers: number;
  journalRows: number;
}

/**
 * Generates and writes offers [0, ctx.count) in batches. `lanes` executors write batches
 * concurrently (one connection each); one lane writes them in order.
 */
export async function writeOffers(
  lanes: Execute[],
  ctx: HistoryContext,
  opts: { batchSize?: number; onProgress?: (p: WriteProgress) => void } = {},
): Promise<WriteProgress> {
  const batchSize = opts.batchSize ?? 1_000;
  const progress: WriteProgress = { offers: 0, journalRows: 0 };
  const idle = [...lanes];
  const running = new Set<Promise<void>>();
  for (let start = 0; start < ctx.count; start += batchSize) {
    const batch: OfferHistory[] = [];
    for (let i = start; i < Math.min(ctx.count, start + batchSize); i++) batch.push(generateOfferHistory(ctx, i));
    while (idle.length === 0) await Promise.race(running);
    const lane = idle.pop()!;
    const journalRows = batch.reduce((n, h) => n + h.journal.length, 0);
    const job: Promise<void> = writeBatch(lane, batch).then(() => {
      running.delete(job);
      idle.push(lane);
      progress.offers += batch.length;
      progress.journalRows += journalRows;
      opts.onProgress?.({ ...progress });
    });
    running.add(job);
  }
  await Promise.all(running);
  // Per-day duration counts span batches, so they are counted once every interval is in.
  await lanes[0]!(stageDurationDaysForOrgSql, [ctx.plan.org.id]);
  return progress;
}
