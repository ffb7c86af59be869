import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../features/auth/api/me';
import { isProblem } from '../lib/api-client';

/**
 * A 401 from any request means the session ended: forget who is signed in and
 * the route guard sends the reader to the sign-in page.
 */
export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err) => onAuthLost(err) }),
    mutationCache: new MutationCache({ onError: (err) => onAuthLost(err) }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // Client errors will not fix themselves; retry only network and server failures.
        retry: (count, err) => count < 2 && !(isProblem(err) && err.status >= 400 && err.status < 500),
      },
    },
  });
  function onAuthLost(err: unknown) {
    if (isProblem(err, 401) && client.getQueryData(meQueryKey)) client.setQueryData(meQueryKey, null);
  }
  return client;
}
