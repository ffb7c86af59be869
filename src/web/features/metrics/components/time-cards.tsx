import { SegmentedControl, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { t, tOr, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { humanize, statusLabel } from '../../../lib/labels';
import { useMetric, type ApprovalsDto } from '../api/metrics';
import { describeDurations, DurationBars, DurationTable, type DurationRow } from './duration-bars';
import { MetricCard } from './metric-card';
import { durationText, numberText, offersText, percentText } from './metric-format';
import { csvHref, type MetricsFilters } from './metrics-query';

interface CardProps {
  filters: MetricsFilters;
  now: Date;
}

export function CycleTimeCard({ filters, now }: CardProps) {
  const q = useMetric('cycle-time', filters, now);
  const title = t('metrics.cycle.title');
  const rows: DurationRow[] = (q.data?.stages ?? []).filter((s) => s.count > 0).map((s) => ({ key: s.stage, label: tOr(`metrics.cycle.stage.${s.stage}`, statusLabel(s.stage)), count: s.count, medianMinutes: s.medianMinutes, p90Minutes: s.p90Minutes }));
  const e2e = q.data?.endToEnd;
  const tableRows = e2e && e2e.count > 0 ? [...rows, { key: 'end_to_end', label: t('metrics.cycle.endToEndRow'), ...e2e }] : rows;
  return (
    <MetricCard
      title={title}
      description={t('metrics.cycle.description')}
      csvHref={csvHref('cycle-time', filters, now)}
      state={q}
      empty={rows.length === 0 && !e2e?.count}
      summary={e2e && e2e.count > 0 ? t('metrics.cycle.endToEnd', { median: durationText(e2e.medianMinutes), p90: durationText(e2e.p90Minutes), offers: offersText(e2e.count) }) : t('metrics.cycle.endToEndNone')}
      chartDescription={describeDurations(rows)}
      chart={<DurationBars rows={rows} />}
      table={<DurationTable rows={tableRows} caption={t('metrics.tableOf', { title })} labelHeader={t('metrics.cycle.stage')} />}
    />
  );
}

type ApprovalGrouping = 'step' | 'role' | 'approver';

const roleLabel = (role: string | null) =>
  role === null ? t('metrics.approvals.unknownRole') : role === 'named_user' ? t('metrics.approvals.namedUser') : tOr(`role.${role}`, humanize(role));

function approvalRows(dto: ApprovalsDto | undefined, by: ApprovalGrouping): DurationRow[] {
  if (!dto) return [];
  const sla = (g: ApprovalsDto['overall']) => ({ withDueTime: g.sla.withDueTime, met: g.sla.met, rate: g.sla.rate });
  if (by === 'role') return dto.byRole.map((g) => ({ key: g.role ?? '', label: roleLabel(g.role), count: g.count, medianMinutes: g.medianMinutes, p90Minutes: g.p90Minutes, sla: sla(g) }));
  if (by === 'approver') return dto.byApprover.map((g) => ({ key: g.approverId, label: g.approverName, count: g.count, medianMinutes: g.medianMinutes, p90Minutes: g.p90Minutes, sla: sla(g) }));
  return dto.byStep.map((g) => ({ key: `${g.stageKey}/${g.stepKey}`, label: `${g.stepName} (${g.stageName})`, count: g.count, medianMinutes: g.medianMinutes, p90Minutes: g.p90Minutes, sla: sla(g) }));
}

export function ApprovalsCard({ filters, now }: CardProps) {
  const q = useMetric('approvals', filters, now);
  const [by, setBy] = useState<ApprovalGrouping>('step');
  const labelId = useId();
  const title = t('metrics.approvals.title');
  const rows = approvalRows(q.data, by);
  const overall = q.data?.overall;
  const pastDue = q.data?.pendingPastDue.count ?? 0;
  return (
    <MetricCard
      title={title}
      description={t('metrics.approvals.description')}
      csvHref={csvHref('approvals', filters, now)}
      state={q}
      empty={!overall || overall.count === 0}
      summary={
        overall && (
          <>
            {t('metrics.approvals.overall', { median: durationText(overall.medianMinutes), met: numberText(overall.sla.met), due: numberText(overall.sla.withDueTime), rate: percentText(overall.sla.rate) })}
            {pastDue > 0 && (
              <Text span size="sm" c="red.9" fw={600}>
                {' '}
                {t('metrics.approvals.pastDue', { count: numberText(pastDue) })}
              </Text>
            )}
          </>
        )
      }
      controls={
        <div>
          <Text size="sm" fw={500} id={labelId} mb={4}>
            {t('metrics.approvals.by')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={labelId}
            value={by}
            onChange={(v) => setBy(v as ApprovalGrouping)}
            data={(['step', 'role', 'approver'] as const).map((g) => ({ value: g, label: t(`metrics.approvals.by.${g}` as MessageKey) }))}
          />
        </div>
      }
      chartDescription={describeDurations(rows)}
      chart={<DurationBars rows={rows} />}
      table={<DurationTable rows={rows} caption={t('metrics.tableOf', { title })} labelHeader={t(`metrics.approvals.by.${by}` as MessageKey)} />}
    />
  );
}

export function ApprovalToSendCard({ filters, now }: CardProps) {
  const q = useMetric('approval-to-send', filters, now);
  const title = t('metrics.send.title');
  const d = q.data;
  const rows: DurationRow[] = d && d.count > 0 ? [{ key: 'send', label: t('metrics.send.row'), count: d.count, medianMinutes: d.medianMinutes, p90Minutes: d.p90Minutes }] : [];
  return (
    <MetricCard
      title={title}
      description={t('metrics.send.description')}
      csvHref={csvHref('approval-to-send', filters, now)}
      state={q}
      empty={rows.length === 0}
      summary={d && t('metrics.send.summary', { median: durationText(d.medianMinutes), p90: durationText(d.p90Minutes), offers: offersText(d.count) })}
      chartDescription={describeDurations(rows)}
      chart={<DurationBars rows={rows} />}
      table={<DurationTable rows={rows} caption={t('metrics.tableOf', { title })} labelHeader={t('metrics.send.measure')} />}
    />
  );
}
