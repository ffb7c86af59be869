import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const candidateSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  city: z.string().nullable(),
  state: z.string().nullable(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const fetchCandidates = (q: string, signal?: AbortSignal) => {
  const params = new URLSearchParams({ limit: '50' });
  if (q) params.set('q', q);
  return apiRequest(`/candidates?${params}`, { schema: z.array(candidateSchema), signal });
};

/**
 * The server matches one name part or the e-mail, so only the first word goes
 * to it; the picker narrows the rest on screen.
 */
export function useCandidates(search: string) {
  const q = search.trim().split(/\s+/)[0] ?? '';
  return useQuery({
    queryKey: ['intake', 'candidates', q],
    queryFn: ({ signal }) => fetchCandidates(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
