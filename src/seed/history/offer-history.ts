import { createHash } from 'node:crypto';
import { bucketOf } from '../../offers/duration-buckets';
import { canonicalJson } from '../../core/canonical-json';
import { GENESIS_HASH, hashJournalRow } from '../../core/journal';
import { transition, type OfferEventType, type OfferStatus, type TransitionContext } from '../../core/lifecycle';
import type { DeclineReason } from '../../flow/portal/candidate-response.service';
import { employmentTypeWeights, firstNames, lastNames, levels, type GeneratedEmploymentType, type OrgPlan, type PlannedDepartment } from './organisation';
import { Rng } from './random';
import { addWorkingHours, DAY, HOUR, nextWorkingMoment, toIso } from './working-time';

/** A row as the database names its columns. */
export type Row = Record<string, unknown>;

/**
 * Journal entries are the ones the read models and `journal verify` read, in the shapes the services
 * write them: offer.created, offer.draft_updated, offer.version_created, approval.routed,
 * approval.decided, approval.steps_closed, offer.change_requested, offer.declined and
 * offer.transitioned for every lifecycle event. Side entries the services add beside a transition
 * (packet.generated, offer.sent, offer.signed, offer.completed, offer.handed_off, reminders, views)
 * are left out to keep the journal near its target size; nothing reads them for the board or metrics.
 */
/** Everything one generated offer adds to the database, read models included. */
export interface OfferHistory {
  candidate: Row;
  requisition: Row;
  offer: Row;
  versions: Row[];
  journal: Row[];
  steps: Row[];
  decisions: Row[];
  intervals: Row[];
  milestone: Row;
}

export interface HistoryContext {
  plan: OrgPlan;
  /** Instants (ms) the histories start from and run up to: nothing happens after `now`. */
  from: number;
  now: number;
  count: number;
  seed: number;
  /** End rate of new offers over start rate (4-5 years of a growing company: ~3). */
  growth: number;
}

// ---------------------------------------------------------------------------------------------
// Approval steps: the sample policy's steps (src/flow/policy/sample-policy.yaml), with when each runs.

interface StepDef {
  phase: 'compensation' | 'packet';
  stageIndex: number;
  stageKey: string;
  stageName: string;
  stepKey: string;
  stepName: string;
  slaHours: number;
  reminderHours: number[];
  covers: string[];
  approverRole: string;
  quorum: (approvers: number) => number;
}

const step = (d: StepDef) => d;
const one = () => 1;
const stepDefs: StepDef[] = [
  step({ phase: 'compensation', stageIndex: 0, stageKey: 'comp', stageName: 'Compensation review', stepKey: 'finance', stepName: 'Finance', slaHours: 16, reminderHours: [8, 14], covers: ['compensation', 'staffing.payRateCents', 'staffing.billRateCents'], approverRole: 'finance', quorum: one }),
  step({ phase: 'compensation', stageIndex: 0, stageKey: 'comp', stageName: 'Compensation review', stepKey: 'hrbp', stepName: 'HR business partner', slaHours: 16, reminderHours: [8], covers: ['level', 'title', 'departmentId', 'location', 'compensation.baseSalaryCents', 'compensation.hourlyRateCents'], approverRole: 'hrbp', quorum: one }),
  step({ phase: 'compensation', stageIndex: 0, stageKey: 'comp', stageName: 'Compensation review', stepKey: 'payroll', stepName: 'Payroll', slaHours: 8, reminderHours: [], covers: ['flsaStatus', 'employmentType', 'compensation.payBasis', 'compensation.hourlyRateCents', 'location.state'], approverRole: 'payroll', quorum: one }),
  step({ phase: 'compensation', stageIndex: 0, stageKey: 'comp', stageName: 'Compensation review', stepKey: 'classification', stepName: 'Worker classification', slaHours: 24, reminderHours: [], covers: ['employmentType', 'staffing'], approverRole: 'legal', quorum: (n) => n }),
  step({ phase: 'compensation', stageIndex: 1, stageKey: 'exec', stageName: 'Executive compensation', stepKey: 'committee', stepName: 'Compensation committee', slaHours: 40, reminderHours: [16, 32], covers: ['compensation', 'level', 'title'], approverRole: 'named_user', quorum: () => 2 }),
  step({ phase: 'packet', stageIndex: 2, stageKey: 'packet', stageName: 'Offer packet', stepKey: 'hiring_manager', stepName: 'Hiring manager', slaHours: 8, reminderHours: [4], covers: ['title', 'level', 'startDate', 'compensation'], approverRole: 'hiring_manager', quorum: one }),
  step({ phase: 'packet', stageIndex: 2, stageKey: 'packet', stageName: 'Offer packet', stepKey: 'legal', stepName: 'Legal', slaHours: 16, reminderHours: [8], covers: ['clauses', 'location.state'], approverRole: 'legal', quorum: one }),
  step({ phase: 'packet', stageIndex: 2, stageKey: 'packet', stageName: 'Offer packet', stepKey: 'client', stepName: 'Client approval', slaHours: 24, reminderHours: [8, 16], covers: ['staffing', 'title', 'startDate'], approverRole: 'client_approver', quorum: one }),
];

const seniorLevels = new Set(['L7', 'L8', 'E1', 'E2', 'E3']);
const execLevels = new Set(['E1', 'E2', 'E3']);

const declineReasonWeights: Record<DeclineReason, number> = { compensation: 35, another_offer: 30, location: 8, role: 7, timing: 12, other: 8 };

type Fate = 'accept' | 'decline' | 'expire' | 'withdraw_after_send' | 'rescind' | 'cancel_before_send' | 'withdraw_before_send' | 'abandon';
const fateWeights: Record<Fate, number> = {
  accept: 80,
  decline: 9,
  expire: 3,
  withdraw_after_send: 2,
  rescind: 1,
  cancel_before_send: 2.5,
  withdraw_before_send: 1.5,
  abandon: 1,
};

const states = ['CA', 'NY', 'TX', 'WA', 'MA', 'IL', 'CO', 'GA', 'NC', 'FL', 'OR', 'NJ'] as const;
const cities: Record<(typeof states)[number], string> = {
  CA: 'San Francisco', NY: 'New York', TX: 'Austin', WA: 'Seattle', MA: 'Boston', IL: 'Chicago',
  CO: 'Denver', GA: 'Atlanta', NC: 'Raleigh', FL: 'Miami', OR: 'Portland', NJ: 'Newark',
};
const titles: Record<string, string[]> = {
  engineering: ['Software Engineer', 'Backend Engineer', 'Frontend Engineer', 'Site Reliability Engineer', 'Data Engineer'],
  sales: ['Account Executive', 'Sales Development Representative', 'Sales Engineer'],
  operations: ['Operations Analyst', 'Program Manager', 'Logistics Coordinator'],
  support: ['Customer Success Manager', 'Support Specialist', 'Implementation Consultant'],
  corporate: ['Financial Analyst', 'Counsel', 'People Partner', 'Accountant'],
  marketing: ['Product Marketing Manager', 'Content Strategist', 'Growth Marketer'],
  product: ['Product Manager', 'Product Designer', 'UX Researcher'],
  staffing: ['Contract Developer', 'Contract Analyst', 'Warehouse Associate'],
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function hashTermsWithSalt(salt: string, terms: unknown): string {
  return createHash('sha256').update(salt).update(canonicalJson(terms)).digest('hex');
}

// ---------------------------------------------------------------------------------------------

interface StepState {
  row: Row;
  def: StepDef;
  approverIds: string[];
}

/** Changed fields of a version against covers, matched as paths (either may be the parent of the other). */
function touches(changed: string[], covers: string[]): boolean {
  return changed.some((c) => covers.some((v) => c === v || c.startsWith(`${v}.`) || v.startsWith(`${c}.`)));
}

class Stop extends Error {}

type Entry = { type: string; data: Record<string, unknown> };

/**
 * One offer's life, event by event, as the services would have written it; everything that
 * would happen after `now` does not, so recent offers stay open where they are.
 */
class OfferSimulation {
  readonly offerId: string;
  readonly orgId: string;
  status: OfferStatus = 'draft';
  version = 0;
  seq = 0;
  head = GENESIS_HASH;
  rowVersion = 0;
  updatedAt = 0;
  draftTerms: Row | null;
  journal: Row[] = [];
  versions: Row[] = [];
  steps: StepState[] = [];
  decisions: Row[] = [];
  exceptions: string[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly ctx: HistoryContext,
    readonly offerIdIn: string,
    readonly recruiterId: string,
    readonly department: PlannedDepartment,
    readonly hiringManagerId: string,
    terms: Row,
  ) {
    this.offerId = offerIdIn;
    this.orgId = ctx.plan.org.id;
    this.draftTerms = terms;
  }

  /** One transaction: the entries share its instant and actor. Past `now`, the history ends here. */
  write(atIn: number, actorId: string | null, build: (at: number) => Entry[]): number {
    // One offer's journal never goes back in time.
    const at = Math.round(Math.max(atIn, this.updatedAt));
    if (at > this.ctx.now) throw new Stop();
    const entries = build(at);
    const iso = toIso(at);
    for (const e of entries) {
      this.seq += 1;
      const content = { offerId: this.offerId, seq: this.seq, type: e.type, actorId, at: iso, data: e.data };
      const hash = hashJournalRow(this.head, content);
      this.journal.push({
        org_id: this.orgId,
        offer_id: this.offerId,
        seq: this.seq,
        type: e.type,
        actor_id: actorId,
        at: iso,
        data: e.data,
        prev_hash: this.head,
        hash,
      });
      this.head = hash;
    }
    this.rowVersion += 1;
    this.updatedAt = at;
    return at;
  }

  move(event: OfferEventType, extra: { reason?: string; context?: TransitionContext } = {}) {
    const moved = transition(this.status, event, extra.context);
    if (!moved.ok) throw new Error(`generator bug: ${event} from ${this.status}`);
    this.status = moved.to;
    return {
      type: 'offer.transitioned',
      data: {
        event,
        from: moved.from,
        to: moved.to,
        effects: moved.effects,
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.context ? { context: extra.context } : {}),
      },
    };
  }

  /** Open steps of the current version are closed when the offer leaves approvals (cancel_timers). */
  closeOpenSteps(reason: string) {
    const closed = this.steps.filter((s) => s.row.version_number === this.version && (s.row.status === 'pending' || s.row.status === 'waiting'));
    for (const s of closed) {
      s.row.status = 'superseded';
      s.row.decided_at = null;
    }
    return closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed.map((s) => ({ stage: s.def.stageKey, step: s.def.stepKey })), reason } }] : [];
  }

  freezeVersion(at: number, actorId: string) {
    const terms = this.draftTerms!;
    this.version += 1;
    const salt = this.rng.hex(16);
    this.versions.push({
      id: this.rng.uuid(),
      org_id: this.orgId,
      offer_id: this.offerId,
      number: this.version,
      terms,
      terms_salt: salt,
      created_by: actorId,
      created_at: toIso(at),
    });
    this.draftTerms = null;
    return { type: 'offer.version_created', data: { version: this.version, termsHash: hashTermsWithSalt(salt, terms) } };
  }

  approversFor(def: StepDef): string[] {
    const p = this.ctx.plan;
    switch (def.stepKey) {
      case 'finance':
        return p.finance;
      case 'hrbp':
        return [this.department.hrbpId];
      case 'payroll':
        return p.payroll;
      case 'classification':
        return [this.rng.pick(p.legal), this.rng.pick(p.hrOps)];
      case 'committee':
        return p.committee;
      case 'hiring_manager':
        return [this.hiringManagerId];
      case 'legal':
        return p.legal;
      default:
        return p.clientApprovers;
    }
  }

  /** Routes the version being frozen: required steps run, or carry over when a change does not touch them. */
  route(at: number, terms: Row, changed: string[]) {
    const required = (def: StepDef): boolean => {
      const c = terms.compensation as Row;
      switch (def.stepKey) {
        case 'finance':
          return this.exceptions.includes('out_of_band') || this.exceptions.includes('over_budget') || Number(c.signOnBonusCents ?? 0) > 2_500_000;
        case 'hrbp':
          return seniorLevels.has(String(terms.level));
        case 'payroll':
          return terms.flsaStatus === 'non_exempt';
        case 'classification':
          return terms.employmentType === 'contract_1099' || terms.employmentType === 'corp_to_corp';
        case 'committee':
          return execLevels.has(String(terms.level));
        case 'hiring_manager':
          return true;
        case 'legal':
          return this.exceptions.includes('non_standard_clause');
        default:
          return terms.staffing !== undefined;
      }
    };
    const outcomes: Row[] = [];
    for (const def of stepDefs) {
      if (!required(def)) continue;
      const prior = this.steps.findLast((s) => s.def === def && s.row.version_number === this.version - 1);
      const carry = prior && (prior.row.status === 'approved' || prior.row.status === 'carried_over') && !touches(changed, def.covers);
      const approverIds = carry ? prior.approverIds : this.approversFor(def);
      const fromVersion = carry ? ((prior.row.carried_from_version as number | null) ?? (prior.row.version_number as number)) : null;
      const row: Row = {
        id: this.rng.uuid(),
        org_id: this.orgId,
        offer_id: this.offerId,
        version_number: this.version,
        policy_version_id: this.ctx.plan.policyVersionId,
        phase: def.phase,
        stage_index: def.stageIndex,
        stage_key: def.stageKey,
        stage_name: def.stageName,
        step_key: def.stepKey,
        step_name: def.stepName,
        status: carry ? 'carried_over' : 'waiting',
        explanation: carry ? `carried over from version ${fromVersion}: nothing it covers changed` : `${def.stepName}: its condition holds`,
        condition_held: true,
        approver_ids: approverIds,
        approver_role: def.approverRole,
        quorum: def.quorum(approverIds.length),
        covers: def.covers,
        sla_hours: def.slaHours,
        reminder_hours: def.reminderHours,
        escalation_ids: [] as string[],
        carried_from_version: fromVersion,
        activated_at: null,
        due_at: null,
        escalated_at: null,
        decided_at: carry ? toIso(at) : null,
        created_at: toIso(at),
      };
      this.steps.push({ row, def, approverIds });
      outcomes.push({
        stage: def.stageKey,
        step: def.stepKey,
        phase: def.phase,
        outcome: carry ? 'carry_over' : 'run',
        ...(carry ? { fromVersion, note: `carried over from version ${fromVersion}` } : {}),
        approverIds,
      });
    }
    return { type: 'approval.routed', data: { policyVersion: 1, version: this.version, changedFields: changed, exceptions: [...this.exceptions], steps: outcomes } };
  }

  pendingIn(phase: StepDef['phase']) {
    return this.steps.filter((s) => s.row.version_number === this.version && s.def.phase === phase && s.row.status === 'waiting');
  }

  /**
   * Runs the waiting steps of a phase stage by stage: each step activates with its stage, gets its
   * SLA due time, and is decided some working hours later (some past their SLA). Returns false when
   * a step asked for changes (the offer went back to draft).
   */
  runPhase(phase: StepDef['phase'], start: number, changesChance: number): { ok: boolean; at: number } {
    let t = start;
    const stageIndexes = [...new Set(this.pendingIn(phase).map((s) => s.def.stageIndex))].sort();
    for (const stageIndex of stageIndexes) {
      const stage = this.pendingIn(phase).filter((s) => s.def.stageIndex === stageIndex);
      const planned: { s: StepState; at: number; approverId: string; decision: string }[] = [];
      for (const s of stage) {
        s.row.status = 'pending';
        s.row.activated_at = toIso(t);
        const due = addWorkingHours(t, s.def.slaHours);
        s.row.due_at = toIso(due);
        // Most steps are decided well inside their SLA; a long tail is not.
        const delay = Math.min(this.rng.logNormal(s.def.slaHours * 0.35, 0.9), 200);
        const decidedAt = addWorkingHours(t, delay) + this.rng.int(0, 59_999);
        if (decidedAt > due + 8 * HOUR) s.row.escalated_at = toIso(addWorkingHours(due, 8));
        const approvers = s.row.quorum === 1 ? [this.rng.pick(s.approverIds)] : s.approverIds.slice(0, s.row.quorum as number);
        approvers.forEach((approverId, i) => planned.push({ s, at: decidedAt + i * 7 * 60_000 + i * this.rng.int(0, 3_600_000), approverId, decision: 'approve' }));
      }
      planned.sort((a, b) => a.at - b.at);
      if (this.rng.chance(changesChance)) planned[planned.length - 1]!.decision = this.rng.chance(0.7) ? 'request_changes' : 'reject';
      for (const p of planned) {
        const decided = p.s.row;
        const comment = p.decision === 'approve' ? '' : 'Please revisit the base salary against the band.';
        const isLast = p === planned[planned.length - 1] && stageIndex === stageIndexes[stageIndexes.length - 1];
        p.at = this.write(p.at, p.approverId, (at) => {
          const via = this.rng.chance(0.3) ? 'email_link' : 'web';
          this.decisions.push({ id: this.rng.uuid(), org_id: this.orgId, offer_id: this.offerId, step_id: decided.id, approver_id: p.approverId, acted_by_id: p.approverId, decision: p.decision, comment, via, at: toIso(at) });
          const entries: Entry[] = [
            { type: 'approval.decided', data: { stepId: decided.id, stage: p.s.def.stageKey, step: p.s.def.stepKey, version: this.version, decision: p.decision, approverId: p.approverId, comment, via } },
          ];
          if (p.decision !== 'approve') {
            decided.status = p.decision === 'reject' ? 'rejected' : 'changes_requested';
            decided.decided_at = toIso(at);
            entries.push(this.move(p.decision === 'reject' ? 'reject' : 'request_changes', { reason: comment }));
            entries.push(...this.closeOpenSteps('draft'));
            return entries;
          }
          const approvals = this.decisions.filter((d) => d.step_id === decided.id && d.decision === 'approve').length;
          if (approvals >= (decided.quorum as number)) {
            decided.status = 'approved';
            decided.decided_at = toIso(at);
          }
          if (isLast) entries.push(this.move(phase === 'compensation' ? 'comp_approved' : 'packet_approved'));
          return entries;
        });
        if (p.decision !== 'approve') return { ok: false, at: p.at };
        t = Math.max(t, p.at);
      }
    }
    return { ok: true, at: t };
  }
}

// ---------------------------------------------------------------------------------------------

function creationTime(ctx: HistoryContext, index: number, rng: Rng): number {
  const u = (index + rng.float()) / ctx.count;
  const g = Math.log(ctx.growth);
  const f = g === 0 ? u : Math.log(1 + u * (ctx.growth - 1)) / g;
  return Math.min(nextWorkingMoment(ctx.from + f * (ctx.now - ctx.from)) + rng.int(0, 3_600_000), ctx.now - 60_000);
}

function pickLevel(rng: Rng) {
  const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.weight]));
  const level = rng.weighted(byLevel);
  return levels.find((l) => l.level === level)!;
}

/** The generated offer with index `index` (0-based) of `ctx.count`; the same index gives the same offer. */
export function generateOfferHistory(ctx: HistoryContext, index: number): OfferHistory {
  const rng = Rng.derive(ctx.seed, index);
  const plan = ctx.plan;
  const buWeights = Object.fromEntries(plan.businessUnits.map((b) => [b.id, b.weight]));
  const buId = rng.weighted(buWeights);
  const department = rng.pick(plan.departments.filter((d) => d.businessUnitId === buId));
  const recruiterId = rng.pick(plan.recruitersByUnit.get(buId)!);
  const hiringManagerId = rng.pick(department.hiringManagerIds);
  const created = creationTime(ctx, index, rng);

  // Terms: a level and employment type for the whole offer; pay moves in negotiation.
  const lvl = pickLevel(rng);
  const employmentType: GeneratedEmploymentType = department.family === 'staffing' && rng.chance(0.7)
    ? rng.pick(['contract_w2', 'contract_1099', 'corp_to_corp', 'temp_to_hire'] as const)
    : rng.weighted(employmentTypeWeights);
  const hourly = employmentType === 'part_time' || employmentType === 'temp_to_hire' || (employmentType === 'contract_w2' && rng.chance(0.6));
  const state = rng.pick(states);
  const title = rng.pick(titles[department.family] ?? titles.operations!);
  const outOfBand = rng.chance(0.12);
  const overBudget = rng.chance(0.05);
  const nonStandard = rng.chance(0.08);
  const base = Math.round(rng.logNormal(lvl.mid, 0.08) * (outOfBand ? 1.25 : 1) / 500) * 500 * 100;
  let startMs = created + (28 + rng.int(0, 35)) * DAY;
  const staffing = employmentType !== 'full_time' && employmentType !== 'part_time' && department.family === 'staffing'
    ? { clientName: `Client ${rng.int(1, 40)}`, payRateCents: 6_500 + rng.int(0, 40) * 100, billRateCents: 9_500 + rng.int(0, 60) * 100 }
    : undefined;
  const termsAt = (sentAt: number, overrides: { base?: number; start?: number; signOn?: number } = {}): Row => {
    const start = overrides.start ?? startMs;
    const expires = Math.min(sentAt + 10 * DAY, start - 2 * DAY);
    return {
      title,
      level: lvl.level,
      departmentId: department.id,
      location: { city: cities[state], state, remote: rng.chance(0.2) },
      employmentType,
      flsaStatus: hourly ? 'non_exempt' : 'exempt',
      compensation: hourly
        ? { currency: 'USD', payBasis: 'hourly', hourlyRateCents: Math.round((overrides.base ?? base) / 2080 / 100) * 100 }
        : {
            currency: 'USD',
            payBasis: 'salary',
            baseSalaryCents: overrides.base ?? base,
            bonusTargetPercent: lvl.mid > 150_000 ? 15 : 10,
            ...(overrides.signOn ? { signOnBonusCents: overrides.signOn } : {}),
          },
      startDate: isoDay(start),
      expiresOn: isoDay(expires),
      managerId: hiringManagerId,
      clauses: nonStandard ? [{ key: 'at_will', standard: true }, { key: 'extended_notice', standard: false }] : [{ key: 'at_will', standard: true }],
      contingencies: staffing ? ['background_check'] : ['background_check', 'work_authorization'],
      ...(staffing ? { staffing } : {}),
    };
  };

  const offerId = rng.uuid();
  const sim = new OfferSimulation(rng, ctx, offerId, recruiterId, department, hiringManagerId, termsAt(created + 5 * DAY));
  sim.exceptions = [...(outOfBand ? ['out_of_band'] : []), ...(overBudget ? ['over_budget'] : []), ...(nonStandard ? ['non_standard_clause'] : [])];
  const candidate = { first: rng.pick(firstNames), last: rng.pick(lastNames) };
  const requisitionId = rng.uuid();
  const candidateId = rng.uuid();

  let fate = rng.weighted(fateWeights);
  const rounds = fate === 'accept' || fate === 'decline' ? rng.weighted({ 0: 78, 1: 18, 2: 4 } as Record<string, number>) : '0';
  let negotiations = Number(rounds);
  const verbal = fate === 'accept' ? rng.chance(0.65) : fate === 'decline' || fate === 'withdraw_after_send' || fate === 'rescind' ? rng.chance(0.3) : false;
  const cancelAt = rng.weighted({ draft: 4, comp_review: 2, in_approval: 2, approved: 1 });
  const recruiter = recruiterId;
  let t = created;

  try {
    sim.write(t, recruiter, () => [{ type: 'offer.created', data: { candidateId, requisitionId, status: 'draft' } }]);
    if (rng.chance(0.15)) {
      t = addWorkingHours(t, rng.logNormal(2, 0.8));
      sim.write(t, recruiter, () => [{ type: 'offer.draft_updated', data: { changedFields: rng.pick([['compensation.baseSalaryCents'], ['startDate'], ['location'], ['title', 'level']]) } }]);
    }
    if (fate === 'abandon') {
      // A draft nobody finished: most are cancelled weeks later, some sit on the board ageing.
      if (rng.chance(0.85)) {
        t = addWorkingHours(t + rng.int(30, 120) * DAY, 1);
        sim.write(t, recruiter, () => [sim.move('cancel')]);
      }
      throw new Stop();
    }
    if (fate === 'cancel_before_send' && cancelAt === 'draft') {
      t = addWorkingHours(t, rng.logNormal(20, 1));
      sim.write(t, recruiter, () => [sim.move('cancel', { reason: 'Requisition closed' })]);
      throw new Stop();
    }

    let changed: string[] = [];
    let sentOnce = false;
    for (;;) {
      // Submit: freeze the version, route it, move on.
      t = addWorkingHours(t, rng.logNormal(sentOnce ? 3 : 5, 0.8));
      const terms = sim.draftTerms!;
      t = sim.write(t, recruiter, (at) => {
        const frozen = sim.freezeVersion(at, recruiter);
        const routed = sim.route(at, terms, changed);
        const context = { compStepsPending: sim.pendingIn('compensation').length > 0, packetStepsPending: sim.pendingIn('packet').length > 0 };
        return [frozen, routed, sim.move('submit', { context })];
      });
      if (sim.status === 'comp_review') {
        if (fate === 'cancel_before_send' && cancelAt === 'comp_review') {
          t = addWorkingHours(t, rng.logNormal(8, 1));
          sim.write(t, recruiter, () => [sim.move('cancel', { reason: 'Candidate took another role' }), ...sim.closeOpenSteps('cancelled')]);
          throw new Stop();
        }
        const comp = sim.runPhase('compensation', t, 0.05);
        t = comp.at;
        if (!comp.ok) {
          sim.draftTerms = { ...terms, compensation: { ...(terms.compensation as Row), ...('baseSalaryCents' in (terms.compensation as Row) ? { baseSalaryCents: Math.round(Number((terms.compensation as Row).baseSalaryCents) * 0.96 / 50_000) * 50_000 } : {}) } };
          changed = ['compensation.baseSalaryCents'];
          sim.exceptions = sim.exceptions.filter((e) => e !== 'out_of_band');
          continue;
        }
      }
      // The packet job renders the documents a few minutes later (now and then much later).
      t += rng.chance(0.02) ? rng.int(1, 20) * HOUR : rng.int(40_000, 15 * 60_000);
      const packetContext = { compStepsPending: false, packetStepsPending: sim.pendingIn('packet').length > 0 };
      sim.write(t, null, () => [sim.move('packet_ready', { context: packetContext })]);
      if (fate === 'cancel_before_send' && cancelAt === 'in_approval') {
        t = addWorkingHours(t, rng.logNormal(6, 1));
        sim.write(t, recruiter, () => [sim.move('cancel', { reason: 'Budget withdrawn' }), ...sim.closeOpenSteps('cancelled')]);
        throw new Stop();
      }
      if (sim.status === 'in_approval') {
        const packet = sim.runPhase('packet', t, 0.03);
        t = packet.at;
        if (!packet.ok) {
          sim.draftTerms = { ...terms, startDate: isoDay(Date.parse(String(terms.startDate)) + 7 * DAY) };
          changed = ['startDate'];
          continue;
        }
      }
      if (fate === 'cancel_before_send' && cancelAt === 'approved') {
        t = addWorkingHours(t, rng.logNormal(10, 1));
        sim.write(t, recruiter, () => [sim.move('cancel', { reason: 'Hiring freeze' })]);
        throw new Stop();
      }
      if (fate === 'withdraw_before_send') {
        t = addWorkingHours(t, rng.logNormal(4, 1));
        sim.write(t, recruiter, () => [sim.move('withdraw', { reason: 'Candidate withdrew before the offer went out' })]);
        throw new Stop();
      }
      // Send.
      t = addWorkingHours(t, rng.logNormal(3, 0.9));
      const sentAt = t;
      sim.write(t, recruiter, () => [sim.move('send')]);
      sentOnce = true;
      if (negotiations > 0) {
        negotiations -= 1;
        t += rng.logNormal(1.5, 0.6) * DAY;
        const fields = rng.weighted({ base: 70, start: 20, both: 10 });
        const asked = fields === 'base' ? ['compensation.baseSalaryCents'] : fields === 'start' ? ['startDate'] : ['compensation.baseSalaryCents', 'startDate'];
        if (verbal && rng.chance(0.3)) {
          sim.write(addWorkingHours(t - DAY / 2, 0), recruiter, () => [sim.move('verbal_accept')]);
        }
        sim.write(t, null, () => [
          { type: 'offer.change_requested', data: { version: sim.version, requestId: rng.uuid(), source: 'candidate', fields: asked } },
          sim.move('change_requested'),
        ]);
        if (fate === 'decline' && negotiations === 0 && rng.chance(0.4)) {
          // No agreement: the candidate declines while negotiating.
          t += rng.logNormal(2, 0.6) * DAY;
          const reason = rng.weighted(declineReasonWeights);
          sim.write(t, null, () => [{ type: 'offer.declined', data: { version: sim.version, reason } }, sim.move('decline', { reason })]);
          throw new Stop();
        }
        t = addWorkingHours(t, rng.logNormal(4, 0.8));
        const current = sim.versions[sim.versions.length - 1]!.terms as Row;
        const comp = current.compensation as Row;
        const bump = 1 + rng.int(3, 10) / 100;
        if (asked.includes('startDate')) startMs = Date.parse(String(current.startDate)) + rng.int(7, 21) * DAY;
        const next = termsAt(t + DAY, {
          base: asked.includes('compensation.baseSalaryCents')
            ? Math.round((Number(comp.baseSalaryCents ?? 0) || Number(comp.hourlyRateCents ?? 0) * 2080) * bump / 50_000) * 50_000
            : undefined,
          start: startMs,
        });
        sim.write(t, recruiter, () => [sim.move('new_version')]);
        sim.draftTerms = { ...next, location: current.location };
        changed = asked.includes('compensation.baseSalaryCents') ? [...asked, ...(comp.hourlyRateCents !== undefined ? ['compensation.hourlyRateCents'] : [])] : asked;
        continue;
      }
      // The candidate answers.
      const answer = sentAt + rng.logNormal(2.5, 0.6) * DAY;
      if (verbal) sim.write(addWorkingHours(sentAt + (answer - sentAt) * 0.4, 0), recruiter, () => [sim.move('verbal_accept')]);
      if (fate === 'expire') {
        const expiresOn = Date.parse(String((sim.versions[sim.versions.length - 1]!.terms as Row).expiresOn));
        sim.write(expiresOn + DAY + 5 * HOUR, null, () => [sim.move('expire')]);
        throw new Stop();
      }
      if (fate === 'decline') {
        const reason = rng.weighted(declineReasonWeights);
        sim.write(answer, null, () => [{ type: 'offer.declined', data: { version: sim.version, reason } }, sim.move('decline', { reason })]);
        throw new Stop();
      }
      if (fate === 'withdraw_after_send') {
        sim.write(addWorkingHours(answer, 1), recruiter, () => [sim.move('withdraw', { reason: 'Candidate accepted a counter-offer' })]);
        throw new Stop();
      }
      if (fate === 'rescind') {
        sim.write(addWorkingHours(answer, 2), recruiter, () => [sim.move('rescind', { reason: 'Background check failed' })]);
        throw new Stop();
      }
      break;
    }
    // Signed, countersigned and completed, then handed off close to the start date.
    t = lastSentAt(sim) + rng.logNormal(2.5, 0.6) * DAY;
    sim.write(t, null, () => [sim.move('sign')]);
    t = addWorkingHours(t, rng.logNormal(5, 0.9));
    sim.write(t, null, () => [sim.move('complete')]);
    const start = Date.parse(String((sim.versions[sim.versions.length - 1]!.terms as Row).startDate));
    t = Math.max(addWorkingHours(t, 4), addWorkingHours(start - rng.int(2, 6) * DAY, rng.int(0, 6)));
    if (rng.chance(0.005)) fate = 'rescind';
    if (fate === 'rescind') sim.write(t, recruiter, () => [sim.move('rescind', { reason: 'Contingency failed' })]);
    else sim.write(t, plan.opsLeadId, () => [sim.move('hand_off')]);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }

  const current = sim.versions[sim.versions.length - 1]?.terms as Row | undefined;
  const working = (sim.draftTerms ?? current)!;
  const offer: Row = {
    id: offerId,
    org_id: plan.org.id,
    business_unit_id: buId,
    department_id: department.id,
    candidate_id: candidateId,
    requisition_id: requisitionId,
    recruiter_id: recruiterId,
    status: sim.status,
    title: working.title,
    candidate_name: `${candidate.first} ${candidate.last}`,
    start_date: working.startDate,
    current_version: sim.version,
    policy_version_id: sim.version > 0 ? plan.policyVersionId : null,
    draft_terms: sim.draftTerms,
    row_version: sim.rowVersion,
    journal_seq: sim.seq,
    journal_head: sim.head,
    created_at: toIso(created),
    updated_at: toIso(sim.updatedAt),
  };
  return {
    candidate: {
      id: candidateId,
      org_id: plan.org.id,
      first_name: candidate.first,
      last_name: candidate.last,
      email: `candidate${index}@candidates.${plan.org.slug}.example`,
      phone: null,
      city: cities[state],
      state,
      created_at: toIso(created - DAY),
    },
    requisition: {
      id: requisitionId,
      org_id: plan.org.id,
      department_id: department.id,
      code: `REQ-${index + 1}`,
      title,
      level: lvl.level,
      location_city: cities[state],
      location_state: state,
      remote: false,
      location_zone: state === 'CA' || state === 'NY' || state === 'WA' || state === 'MA' ? 'zone_a' : 'zone_b',
      employment_type: employmentType,
      flsa_status: hourly ? 'non_exempt' : 'exempt',
      hiring_manager_id: hiringManagerId,
      role_family: department.family,
      currency: 'USD',
      status: sim.status === 'handed_off' ? 'filled' : 'open',
      created_at: toIso(created - 20 * DAY),
    },
    offer,
    versions: sim.versions,
    journal: sim.journal,
    steps: sim.steps.map((s) => s.row),
    decisions: sim.decisions,
    ...readModelsOf(offer, sim.versions, sim.journal),
  };
}

function lastSentAt(sim: OfferSimulation): number {
  const sent = sim.journal.findLast((j) => j.type === 'offer.transitioned' && (j.data as Row).event === 'send');
  return Date.parse(String(sent!.at));
}

/**
 * The read-model rows of one offer, derived from its journal as the migrations' backfills derive
 * them (src/offers/stage-intervals.backfill.ts, read-models.backfill.ts): one interval per stage
 * change, closed by the next; one milestone row of first times, revisions, exceptions and the
 * decline reason. test/seed/history.int.test.ts checks them against those statements.
 */
export function readModelsOf(offer: Row, versions: Row[], journal: Row[]): { intervals: Row[]; milestone: Row } {
  const termsOf = (n: number) => versions.find((v) => v.number === n)?.terms as Row | undefined;
  const dims = (terms: Row | undefined | null) => ({
    level: typeof terms?.level === 'string' ? terms.level : null,
    employment_type: typeof terms?.employmentType === 'string' ? terms.employmentType : null,
  });
  const changes: { status: string; version: number; at: string; event: string | null }[] = [];
  let version = 0;
  for (const j of journal) {
    const data = j.data as Row;
    if (j.type === 'offer.version_created') {
      version = Math.max(version, Number(data.version));
      continue;
    }
    if (j.type === 'offer.created') changes.push({ status: 'draft', version, at: String(j.at), event: null });
    else if (j.type === 'offer.transitioned' && data.from !== data.to) changes.push({ status: String(data.to), version, at: String(j.at), event: String(data.event) });
  }
  const intervals = changes.map((c, i) => {
    const next = changes[i + 1];
    const terms = c.version > 0 ? termsOf(c.version) : ((offer.draft_terms as Row | null) ?? termsOf(1));
    return {
      org_id: offer.org_id,
      offer_id: offer.id,
      business_unit_id: offer.business_unit_id,
      department_id: offer.department_id,
      recruiter_id: offer.recruiter_id,
      ...dims(terms),
      status: c.status,
      version_number: c.version,
      entered_at: c.at,
      left_at: next?.at ?? null,
      left_by_event: next?.event ?? null,
      duration_bucket: next ? bucketOf(Date.parse(next.at) - Date.parse(c.at)) : null,
    };
  });
  const first = (pred: (j: Row, d: Row) => boolean) => {
    const hit = journal.find((j) => pred(j, j.data as Row));
    return hit ? String(hit.at) : null;
  };
  const reached = (status: string) => first((j, d) => j.type === 'offer.transitioned' && d.to === status && d.from !== status);
  const routed = journal.filter((j) => j.type === 'approval.routed').map((j) => (j.data as Row).exceptions as string[]);
  const declined = journal.filter((j) => j.type === 'offer.declined');
  const terminal = new Set(['handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn']);
  const milestone: Row = {
    offer_id: offer.id,
    org_id: offer.org_id,
    business_unit_id: offer.business_unit_id,
    department_id: offer.department_id,
    recruiter_id: offer.recruiter_id,
    ...dims((offer.draft_terms as Row | null) ?? termsOf(Number(offer.current_version))),
    status: offer.status,
    created_at: first((j) => j.type === 'offer.created'),
    submitted_at: first((j, d) => j.type === 'offer.transitioned' && d.event === 'submit'),
    approved_at: reached('approved'),
    sent_at: reached('sent'),
    verbal_accepted_at: first((j, d) => j.type === 'offer.transitioned' && d.event === 'verbal_accept'),
    signed_at: reached('signed'),
    accepted_at: reached('accepted'),
    handed_off_at: reached('handed_off'),
    ended_at: first((j, d) => j.type === 'offer.transitioned' && d.from !== d.to && terminal.has(String(d.to))),
    revisions: journal.filter((j) => j.type === 'offer.version_created' && Number((j.data as Row).version) > 1).length,
    out_of_band: routed.some((e) => e.includes('out_of_band')),
    over_budget: routed.some((e) => e.includes('over_budget')),
    non_standard_clause: routed.some((e) => e.includes('non_standard_clause')),
    decline_reason: declined.length ? String((declined[declined.length - 1]!.data as Row).reason) : null,
  };
  return { intervals, milestone };
}

/** The whole history, offer by offer, in creation order; memory stays at one offer. */
export function* generateHistories(ctx: HistoryContext): Generator<OfferHistory> {
  for (let i = 0; i < ctx.count; i++) yield generateOfferHistory(ctx, i);
}
