import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const requisitionLevelsSchema = z.array(z.object({ level: z.string() }));

/** The levels the organisation hires at, read from its requisitions, for the level filter. */
export const fetchLevels = async (signal?: AbortSignal) => {
  const reqs = await apiRequest('/requisitions', { schema: requisitionLevelsSchema, signal });
  return [...new Set(reqs.map((r) => r.level))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
};

export function useLevels() {
  return useQuery({ queryKey: ['metrics', 'levels'], queryFn: ({ signal }) => fetchLevels(signal), staleTime: 5 * 60_000 });
}
