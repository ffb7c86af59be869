import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const requisitionSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  level: z.string(),
  departmentId: z.string(),
  locationCity: z.string(),
  locationState: z.string(),
  employmentType: z.string(),
  hiringManagerId: z.string().nullable(),
  status: z.string(),
});
export type Requisition = z.infer<typeof requisitionSchema>;

export const fetchRequisitions = (signal?: AbortSignal) => apiRequest('/requisitions', { schema: z.array(requisitionSchema), signal });

export function useRequisitions() {
  return useQuery({ queryKey: ['intake', 'requisitions'], queryFn: ({ signal }) => fetchRequisitions(signal), staleTime: 60_000 });
}
