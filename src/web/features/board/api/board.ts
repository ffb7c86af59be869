import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { offerStatuses } from '../../../../core/lifecycle';
import { apiRequest } from '../../../lib/api-client';
import { boardApiParams, slaStates, type BoardFilters } from '../components/board-query';

const named = z.object({ id: z.string(), name: z.string() });

/** Same contract as the server's board (src/flow/board/board.schema.ts). */
const boardItemSchema = z.object({
  offerId: z.string(),
  title: z.string().optional(),
  candidateName: z.string().optional(),
  status: z.enum(offerStatuses),
  enteredStageAt: z.string(),
  businessUnit: named,
  department: named,
  recruiter: named,
  line: z.object({
    stage: z.string(),
    waitingOn: z.object({ kind: z.string(), names: z.array(z.string()), role: z.string().optional() }),
    text: z.string(),
    since: z.string(),
    ageBusinessHours: z.number(),
    sla: z.enum(slaStates).nullable(),
    nextAction: z.object({ text: z.string(), owner: z.string().nullable() }),
  }),
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type BoardItem = z.infer<typeof boardItemSchema>;

const boardPageSchema = z.object({
  items: z.array(boardItemSchema),
  counts: z.object({ total: z.number(), byStage: z.record(z.string(), z.number()) }),
  nextCursor: z.string().nullable(),
});
export type BoardPage = z.infer<typeof boardPageSchema>;

const PAGE_SIZE = 50;
/** How often an open board asks again; TanStack Query pauses it while the tab is hidden. */
export const BOARD_REFRESH_MS = 12_000;

export const fetchBoard = (filters: BoardFilters, cursor: string | undefined, signal?: AbortSignal) =>
  apiRequest(`/board?${boardApiParams(filters, PAGE_SIZE, cursor)}`, { schema: boardPageSchema, signal });

export function useBoard(filters: BoardFilters) {
  return useInfiniteQuery({
    queryKey: ['board', filters],
    queryFn: ({ pageParam, signal }) => fetchBoard(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.error ? false : BOARD_REFRESH_MS),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}
