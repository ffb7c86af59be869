import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, ifMatch } from '../../../lib/api-client';
import { deliveryKey, useOfferStageWrite } from '../../delivery/api/delivery';

const nextActionSchema = z.enum(['rescind', 'clear_contingencies', 'confirm_start_date', 'hand_off']).nullable();
const contingencySchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  status: z.enum(['pending', 'cleared', 'waived', 'failed']),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
const contingenciesSchema = z.object({ items: z.array(contingencySchema), nextAction: nextActionSchema, startDateConfirmed: z.string().nullable() });
const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  ownerRole: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done', 'skipped']),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
});

export type Contingency = z.infer<typeof contingencySchema>;
export type OnboardingTask = z.infer<typeof taskSchema>;
export type NextAction = z.infer<typeof nextActionSchema>;

const base = (offerId: string) => `/offers/${encodeURIComponent(offerId)}`;
const closeoutKey = (offerId: string) => [...deliveryKey(offerId), 'closeout'] as const;

export const useContingencies = (offerId: string) =>
  useQuery({ queryKey: [...closeoutKey(offerId), 'contingencies'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/contingencies`, { schema: contingenciesSchema, signal }), retry: false });

export const useOnboardingTasks = (offerId: string) =>
  useQuery({ queryKey: [...closeoutKey(offerId), 'tasks'], queryFn: ({ signal }) => apiRequest(`${base(offerId)}/onboarding-tasks`, { schema: z.array(taskSchema), signal }), retry: false });

export const useDecideContingency = (offerId: string) =>
  useOfferStageWrite(offerId, (v: { id: string; status: 'cleared' | 'waived' | 'failed'; reason?: string }) =>
    apiRequest(`${base(offerId)}/contingencies/${v.id}/decision`, { method: 'POST', body: { status: v.status, ...(v.reason ? { reason: v.reason } : {}) }, schema: contingencySchema }),
  );

export const useAddContingency = (offerId: string) =>
  useOfferStageWrite(offerId, (v: { label: string; dueDate: string | null }) => apiRequest(`${base(offerId)}/contingencies`, { method: 'POST', body: v, schema: contingencySchema }));

export const useConfirmStartDate = (offerId: string) =>
  useOfferStageWrite(offerId, (startDate: string) => apiRequest(`${base(offerId)}/start-date-confirmation`, { method: 'POST', body: { startDate } }));

export const useHandOff = (offerId: string) =>
  useOfferStageWrite(offerId, (rowVersion: number) => apiRequest(`${base(offerId)}/hand-off`, { method: 'POST', headers: ifMatch(rowVersion) }));

export const useTaskAction = (offerId: string) =>
  useOfferStageWrite(offerId, (v: { taskId: string; action: 'complete' | 'reopen' | 'skip'; note?: string }) =>
    apiRequest(`/onboarding-tasks/${v.taskId}/${v.action}`, { method: 'POST', body: v.note ? { note: v.note } : {}, schema: taskSchema }),
  );
