import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryKey, meSchema } from './me';

export interface SignInInput {
  email: string;
  password: string;
}

export const signIn = (input: SignInInput) => apiRequest('/auth/sign-in', { method: 'POST', body: input, schema: meSchema });

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (me) => {
      // Another person may have used this browser: drop everything cached for them.
      qc.clear();
      qc.setQueryData(meQueryKey, me);
    },
  });
}
