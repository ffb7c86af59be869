import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { metricsApiParams, type MetricName, type MetricsFilters } from '../components/metrics-query';

/** The metrics answers, as the server declares them (src/flow/metrics/metrics.schema.ts). */
const frame = {
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.object({ businessUnitIds: z.array(z.string()).nullable() }),
};
const minutes = z.number().nullable();
const duration = { count: z.number(), medianMinutes: minutes, p90Minutes: minutes };
const sla = z.object({ withDueTime: z.number(), met: z.number(), missed: z.number(), rate: z.number().nullable() });
const approvalGroup = { ...duration, sla };

const schemas = {
  'cycle-time': z.object({ ...frame, stages: z.array(z.object({ stage: z.string(), ...duration })), endToEnd: z.object(duration) }),
  approvals: z.object({
    ...frame,
    overall: z.object(approvalGroup),
    byStep: z.array(z.object({ stageKey: z.string(), stepKey: z.string(), stageName: z.string(), stepName: z.string(), ...approvalGroup })),
    byRole: z.array(z.object({ role: z.string().nullable(), ...approvalGroup })),
    byApprover: z.array(z.object({ approverId: z.string(), approverName: z.string(), ...approvalGroup })),
    pendingPastDue: z.object({ count: z.number(), asOf: z.string() }),
  }),
  revisions: z.object({ ...frame, offers: z.number(), averageRevisions: z.number().nullable(), distribution: z.array(z.object({ revisions: z.string(), count: z.number(), rate: z.number().nullable() })) }),
  exceptions: z.object({ ...frame, submitted: z.number(), withException: z.number(), rate: z.number().nullable(), byReason: z.array(z.object({ reason: z.string(), count: z.number(), rate: z.number().nullable() })) }),
  'fall-through': z.object({ ...frame, verballyAccepted: z.number(), fellThrough: z.number(), accepted: z.number(), open: z.number(), rate: z.number().nullable() }),
  outcomes: z.object({
    ...frame,
    outcomes: z.number(),
    accepted: z.number(),
    acceptanceRate: z.number().nullable(),
    byStatus: z.array(z.object({ status: z.string(), count: z.number(), rate: z.number().nullable() })),
    declineReasons: z.array(z.object({ reason: z.string().nullable(), count: z.number() })),
  }),
  'approval-to-send': z.object({ ...frame, ...duration }),
} satisfies Record<MetricName, z.ZodType>;

export type MetricDto<N extends MetricName> = z.infer<(typeof schemas)[N]>;
export type CycleTimeDto = MetricDto<'cycle-time'>;
export type ApprovalsDto = MetricDto<'approvals'>;
export type RevisionsDto = MetricDto<'revisions'>;
export type ExceptionsDto = MetricDto<'exceptions'>;
export type FallThroughDto = MetricDto<'fall-through'>;
export type OutcomesDto = MetricDto<'outcomes'>;
export type ApprovalToSendDto = MetricDto<'approval-to-send'>;

export function fetchMetric<N extends MetricName>(name: N, query: string, signal?: AbortSignal): Promise<MetricDto<N>> {
  return apiRequest(`/metrics/${name}?${query}`, { schema: schemas[name] as unknown as z.ZodType<MetricDto<N>>, signal });
}

export function useMetric<N extends MetricName>(name: N, filters: MetricsFilters, now: Date) {
  const query = metricsApiParams(filters, now).toString();
  return useQuery({
    queryKey: ['metrics', name, query],
    queryFn: ({ signal }) => fetchMetric(name, query, signal),
    // Keep the last numbers on screen while a new filter loads, instead of flashing a spinner per chart.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
