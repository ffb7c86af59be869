import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest, ifMatch } from './api-client';

/**
 * Saved views of the offers list and the status board (GET/POST/DELETE /api/v1/views). Shared by
 * both pages' Views menus; features do not import each other, so it lives here.
 */

export type ViewPage = 'offers' | 'board';

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

export interface NewView {
  name: string;
  filters: Record<string, string>;
  /** Leave out for the page's own columns. */
  columns?: string[];
  sharedWithRoles: string[];
  sharedWithBusinessUnitId: string | null;
}

const viewsKey = (page: ViewPage) => ['views', page] as const;

export const fetchViews = (page: ViewPage) => apiRequest(`/views?page=${page}`, { schema: z.object({ items: z.array(savedViewSchema) }) });
export const saveView = (page: ViewPage, view: NewView) => apiRequest('/views', { method: 'POST', body: { page, ...view }, schema: savedViewSchema });
export const deleteView = (view: SavedView) => apiRequest<void>(`/views/${view.id}`, { method: 'DELETE', headers: ifMatch(view.rowVersion) });

export function useViews(page: ViewPage) {
  return useQuery({ queryKey: viewsKey(page), queryFn: () => fetchViews(page), select: (d) => d.items });
}

export function useSaveView(page: ViewPage) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (view: NewView) => saveView(page, view), onSuccess: () => void qc.invalidateQueries({ queryKey: viewsKey(page) }) });
}

export function useDeleteView(page: ViewPage) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteView, onSettled: () => void qc.invalidateQueries({ queryKey: viewsKey(page) }) });
}

/** What each page shows by itself (src/flow/views/saved-view.ts defaultColumns); a view's custom columns come after these. */
const pageColumns: Record<ViewPage, readonly string[]> = {
  board: ['offer', 'stage', 'waitingOn', 'age', 'nextAction'],
  offers: ['title', 'candidate', 'status', 'startDate', 'updatedAt'],
};

/** The columns to save with a view: the page's own then the custom ones chosen; undefined (the page's own) without custom ones. */
export function viewColumns(page: ViewPage, custom: readonly string[] | undefined): string[] | undefined {
  return custom?.length ? [...pageColumns[page], ...custom] : undefined;
}
