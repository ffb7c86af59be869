import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from './api-client';

/**
 * Organisation reference data several features show (names for ids). It lives
 * here rather than in one feature because features do not import each other.
 */
const businessUnitSchema = z.object({ id: z.string(), name: z.string() });
const departmentSchema = z.object({ id: z.string(), name: z.string(), businessUnitId: z.string() });
const userSchema = z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) });

export type BusinessUnit = z.infer<typeof businessUnitSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type DirectoryUser = z.infer<typeof userSchema>;

const REFERENCE_STALE_MS = 5 * 60_000;

export const fetchBusinessUnits = () => apiRequest('/business-units', { schema: z.array(businessUnitSchema) });
export const fetchDepartments = () => apiRequest('/departments', { schema: z.array(departmentSchema) });
export const fetchUsers = () => apiRequest('/users', { schema: z.array(userSchema) });

export function useBusinessUnits() {
  return useQuery({ queryKey: ['directory', 'business-units'], queryFn: fetchBusinessUnits, staleTime: REFERENCE_STALE_MS });
}

export function useDepartments() {
  return useQuery({ queryKey: ['directory', 'departments'], queryFn: fetchDepartments, staleTime: REFERENCE_STALE_MS });
}

export function useUsers() {
  return useQuery({ queryKey: ['directory', 'users'], queryFn: fetchUsers, staleTime: REFERENCE_STALE_MS });
}

/** id → name lookup; unknown ids resolve to undefined so callers choose the fallback text. */
export function useNameLookup(items: { id: string; name: string }[] | undefined) {
  const map = new Map((items ?? []).map((i) => [i.id, i.name]));
  return (id: string | null | undefined) => (id ? map.get(id) : undefined);
}
