import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const entrySchema = z.object({
  seq: z.number(),
  type: z.string(),
  actorId: z.string().nullable(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type JournalEntry = z.infer<typeof entrySchema>;

const verdictSchema = z.object({
  ok: z.boolean(),
  length: z.number(),
  brokenAtSeq: z.number().optional(),
  reason: z.string().optional(),
});
export type JournalVerdict = z.infer<typeof verdictSchema>;

export const journalKey = (offerId: string) => ['journal', offerId] as const;

export const fetchJournal = (offerId: string, signal?: AbortSignal) =>
  apiRequest(`/offers/${encodeURIComponent(offerId)}/journal`, { schema: z.array(entrySchema), signal });

export const fetchJournalVerdict = (offerId: string, signal?: AbortSignal) =>
  apiRequest(`/offers/${encodeURIComponent(offerId)}/journal/verify`, { schema: verdictSchema, signal });

export function useJournal(offerId: string) {
  return useQuery({ queryKey: [...journalKey(offerId), 'entries'], queryFn: ({ signal }) => fetchJournal(offerId, signal) });
}

export function useJournalVerdict(offerId: string) {
  return useQuery({ queryKey: [...journalKey(offerId), 'verify'], queryFn: ({ signal }) => fetchJournalVerdict(offerId, signal) });
}
