import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, ifMatch } from '../../../lib/api-client';

const named = z.object({ id: z.string(), name: z.string() });

/** Same contract as the server's saved views (src/flow/views/views.routes.ts). */
const savedViewSchema = z.object({
  id: z.string(),
  page: z.enum(['offers', 'board']),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  sharedWithRoles: z.array(z.string()),
  sharedWithBusinessUnit: named.nullable(),
  mine: z.boolean(),
  sharedBy: named.nullable(),
  rowVersion: z.number(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export interface NewBoardView {
  name: string;
  filters: Record<string, string>;
  sharedWithRoles: string[];
  sharedWithBusinessUnitId: string | null;
}

const viewsKey = ['views', 'board'] as const;

export const fetchBoardViews = () => apiRequest('/views?page=board', { schema: z.object({ items: z.array(savedViewSchema) }) });
export const saveBoardView = (view: NewBoardView) => apiRequest('/views', { method: 'POST', body: { page: 'board', ...view }, schema: savedViewSchema });
export const deleteView = (view: SavedView) => apiRequest<void>(`/views/${view.id}`, { method: 'DELETE', headers: ifMatch(view.rowVersion) });

export function useBoardViews() {
  return useQuery({ queryKey: viewsKey, queryFn: fetchBoardViews, select: (d) => d.items });
}

export function useSaveBoardView() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveBoardView, onSuccess: () => void qc.invalidateQueries({ queryKey: viewsKey }) });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteView, onSettled: () => void qc.invalidateQueries({ queryKey: viewsKey }) });
}
