import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const settingsSchema = z.object({
  signatoryUserId: z.string().nullable(),
  countersignOrder: z.enum(['before', 'after']),
  candidateReminderDays: z.array(z.number()),
  signatory: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
const certificateSchema = z.object({
  subject: z.string(),
  fingerprintSha256: z.string(),
  notAfter: z.string(),
  source: z.enum(['generated', 'uploaded']),
  createdAt: z.string(),
});
export type SigningSettingsView = z.infer<typeof settingsSchema>;
export type SealCertificateView = z.infer<typeof certificateSchema>;
export interface SigningSettingsInput {
  signatoryUserId: string | null;
  countersignOrder: 'before' | 'after';
  candidateReminderDays: number[];
}

const key = ['admin', 'signing'] as const;

export function useSigningSettings() {
  return useQuery({ queryKey: [...key, 'settings'], queryFn: ({ signal }) => apiRequest('/admin/signing-settings', { schema: settingsSchema, signal }) });
}

export function useSaveSigningSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SigningSettingsInput) => apiRequest('/admin/signing-settings', { method: 'PUT', body, schema: settingsSchema }),
    onSuccess: (saved) => qc.setQueryData([...key, 'settings'], saved),
  });
}

export function useSealCertificate() {
  return useQuery({ queryKey: [...key, 'certificate'], queryFn: ({ signal }) => apiRequest('/admin/seal-certificate', { schema: certificateSchema, signal }) });
}

export function useReplaceSealCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { p12Base64: string; passphrase: string }) => apiRequest('/admin/seal-certificate', { method: 'PUT', body, schema: certificateSchema }),
    onSuccess: (saved) => qc.setQueryData([...key, 'certificate'], saved),
  });
}
