import { useQuery } from '@tanstack/react-query';
// zod/mini: the session check runs before any screen loads, so it stays in the small first download.
import * as z from 'zod/mini';
import { rolesMayTake } from '../../../../core/access/offer-access';
import { apiRequest, isProblem } from '../../../lib/api-client';

export const meSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

export const meQueryKey = ['me'] as const;

/** Who is signed in, or null when nobody is (401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await apiRequest('/me', { schema: meSchema });
  } catch (err) {
    if (isProblem(err, 401)) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Reads the server's access map; the server still decides, this only hides buttons that would fail. */
export function canEditOffers(me: Me | null | undefined): boolean {
  return !!me && rolesMayTake(me.roles, 'edit_draft');
}

/** Recruiters, hiring managers, finance and HR business partners may ask for changes while the candidate holds an offer. */
export function canAskForChanges(me: Me | null | undefined): boolean {
  return !!me && rolesMayTake(me.roles, 'ask_changes');
}
