import { useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiRequest } from '../../../lib/api-client';

export const signInMethodsSchema = z.object({
  password: z.boolean(),
  oidc: z.nullable(z.object({ displayName: z.string() })),
});
export type SignInMethods = z.infer<typeof signInMethodsSchema>;

/** The browser navigates here (a full page load), so the server can redirect it to the identity provider. */
export const SSO_START_URL = '/api/v1/auth/oidc/start';

export const fetchSignInMethods = () => apiRequest('/auth/methods', { schema: signInMethodsSchema });

/** How this server lets people sign in; it changes only with the server's configuration. */
export function useSignInMethods() {
  return useQuery({ queryKey: ['sign-in-methods'], queryFn: fetchSignInMethods, staleTime: Infinity, retry: false });
}
