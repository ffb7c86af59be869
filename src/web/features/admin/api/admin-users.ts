import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const roleGrantSchema = z.object({ role: z.string(), businessUnitId: z.string().nullable(), businessUnitName: z.string().nullable() });
const adminUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
  roles: z.array(roleGrantSchema),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
export type RoleGrant = { role: string; businessUnitId: string | null };

export interface NewUserInput {
  name: string;
  email: string;
  roles: RoleGrant[];
  password?: string;
}

const adminUsersKey = ['admin', 'users'] as const;

export const fetchAdminUsers = () => apiRequest('/admin/users', { schema: z.array(adminUserSchema) });
export const createAdminUser = (input: NewUserInput) => apiRequest('/admin/users', { method: 'POST', body: input, schema: adminUserSchema });
export const changeUserRole = (v: { userId: string; grant: boolean; role: RoleGrant }) =>
  apiRequest(`/admin/users/${v.userId}/roles${v.grant ? '' : '/revoke'}`, { method: 'POST', body: v.role, schema: adminUserSchema });
export const setUserEnabled = (v: { userId: string; enabled: boolean }) =>
  apiRequest(`/admin/users/${v.userId}/${v.enabled ? 'enable' : 'disable'}`, { method: 'POST', schema: adminUserSchema });

export function useAdminUsers() {
  return useQuery({ queryKey: adminUsersKey, queryFn: fetchAdminUsers });
}

/** Every admin write returns the changed user; the list is refetched so it stays in server order. */
function useAdminWrite<V>(write: (vars: V) => Promise<AdminUser>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => void qc.invalidateQueries({ queryKey: adminUsersKey }) });
}

export const useCreateUser = () => useAdminWrite(createAdminUser);
export const useChangeRole = () => useAdminWrite(changeUserRole);
export const useSetUserEnabled = () => useAdminWrite(setUserEnabled);
