import type { CsvValue } from './metrics-csv';
import type { ApprovalsDto, ApprovalToSendDto, CycleTimeDto, ExceptionsDto, FallThroughDto, MetricsFilters, OutcomesDto, RevisionsDto } from './metrics.schema';

/**
 * Each metric answer as one flat table (the CSV export): the same numbers as the JSON, one row per
 * group, and on every row the period and filters it was computed over.
 */
export interface MetricTable {
  columns: string[];
  rows: Record<string, CsvValue>[];
}

type Framed = { period: { from: string; to: string }; filters: MetricsFilters };

const frameColumns = ['from', 'to', 'filters'];
function frame(dto: Framed): Record<string, CsvValue> {
  const filters = Object.entries(dto.filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return { from: dto.period.from, to: dto.period.to, filters };
}

const durationColumns = ['count', 'median_minutes', 'p90_minutes'];
const duration = (d: { count: number; medianMinutes: number | null; p90Minutes: number | null }) => ({ count: d.count, median_minutes: d.medianMinutes, p90_minutes: d.p90Minutes });

export function cycleTimeTable(dto: CycleTimeDto): MetricTable {
  return {
    columns: [...frameColumns, 'measure', 'stage', ...durationColumns],
    rows: [
      ...dto.stages.map((s) => ({ ...frame(dto), measure: 'stage', stage: s.stage, ...duration(s) })),
      { ...frame(dto), measure: 'end_to_end', stage: 'created_to_accepted', ...duration(dto.endToEnd) },
    ],
  };
}

export function approvalsTable(dto: ApprovalsDto): MetricTable {
  type Stats = ApprovalsDto['overall'];
  const stats = (g: Stats) => ({ ...duration(g), sla_with_due_time: g.sla.withDueTime, sla_met: g.sla.met, sla_missed: g.sla.missed, sla_rate: g.sla.rate });
  return {
    columns: [...frameColumns, 'group', 'key', 'label', ...durationColumns, 'sla_with_due_time', 'sla_met', 'sla_missed', 'sla_rate'],
    rows: [
      { ...frame(dto), group: 'overall', key: '', label: 'All decided steps', ...stats(dto.overall) },
      ...dto.byStep.map((s) => ({ ...frame(dto), group: 'step', key: `${s.stageKey}/${s.stepKey}`, label: `${s.stageName}: ${s.stepName}`, ...stats(s) })),
      ...dto.byRole.map((s) => ({ ...frame(dto), group: 'role', key: s.role ?? '', label: s.role ?? '(unknown)', ...stats(s) })),
      ...dto.byApprover.map((s) => ({ ...frame(dto), group: 'approver', key: s.approverId, label: s.approverName, ...stats(s) })),
      { ...frame(dto), group: 'pending_past_due', key: dto.pendingPastDue.asOf, label: 'Pending and past due now', count: dto.pendingPastDue.count },
    ],
  };
}

export function revisionsTable(dto: RevisionsDto): MetricTable {
  return {
    columns: [...frameColumns, 'revisions', 'offers', 'rate', 'average_revisions'],
    rows: [
      ...dto.distribution.map((d) => ({ ...frame(dto), revisions: d.revisions, offers: d.count, rate: d.rate })),
      { ...frame(dto), revisions: 'all', offers: dto.offers, rate: dto.offers ? 1 : null, average_revisions: dto.averageRevisions },
    ],
  };
}

export function exceptionsTable(dto: ExceptionsDto): MetricTable {
  return {
    columns: [...frameColumns, 'reason', 'offers', 'submitted', 'rate'],
    rows: [
      { ...frame(dto), reason: 'any', offers: dto.withException, submitted: dto.submitted, rate: dto.rate },
      ...dto.byReason.map((r) => ({ ...frame(dto), reason: r.reason, offers: r.count, submitted: dto.submitted, rate: r.rate })),
    ],
  };
}

export function fallThroughTable(dto: FallThroughDto): MetricTable {
  return {
    columns: [...frameColumns, 'verbally_accepted', 'fell_through', 'accepted', 'open', 'rate'],
    rows: [{ ...frame(dto), verbally_accepted: dto.verballyAccepted, fell_through: dto.fellThrough, accepted: dto.accepted, open: dto.open, rate: dto.rate }],
  };
}

export function outcomesTable(dto: OutcomesDto): MetricTable {
  return {
    columns: [...frameColumns, 'group', 'key', 'count', 'rate'],
    rows: [
      { ...frame(dto), group: 'all', key: '', count: dto.outcomes, rate: dto.outcomes ? 1 : null },
      { ...frame(dto), group: 'acceptance', key: 'accepted', count: dto.accepted, rate: dto.acceptanceRate },
      ...dto.byStatus.map((s) => ({ ...frame(dto), group: 'status', key: s.status, count: s.count, rate: s.rate })),
      ...dto.declineReasons.map((d) => ({ ...frame(dto), group: 'decline_reason', key: d.reason ?? '', count: d.count, rate: null })),
    ],
  };
}

export function approvalToSendTable(dto: ApprovalToSendDto): MetricTable {
  return { columns: [...frameColumns, 'measure', ...durationColumns], rows: [{ ...frame(dto), measure: 'first_approval_to_first_send', ...duration(dto) }] };
}
