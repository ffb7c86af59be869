import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const documentSchema = z.object({
  templateKey: z.string(),
  templateVersion: z.number(),
  name: z.string(),
  kind: z.string(),
  ruleDescription: z.string(),
  sha256: z.string(),
  size: z.number(),
  mediaType: z.string(),
});
const packetSchema = z.object({ versionNumber: z.number(), createdAt: z.string(), documents: z.array(documentSchema) });
const previewSchema = z.object({ documents: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string(), html: z.string().nullable() })) });
const diffSchema = z.object({
  from: z.number(),
  to: z.number(),
  documents: z.array(z.object({ templateKey: z.string(), name: z.string(), lines: z.array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() })) })),
});

export type Packet = z.infer<typeof packetSchema>;
export type PacketDocument = z.infer<typeof documentSchema>;
export type PacketDiff = z.infer<typeof diffSchema>;

export const packetsKey = (offerId: string) => ['offers', 'packets', offerId] as const;

const base = (offerId: string) => `/offers/${encodeURIComponent(offerId)}/packets`;
export const fetchPackets = (offerId: string, signal?: AbortSignal) => apiRequest(base(offerId), { schema: z.array(packetSchema), signal });
export const fetchPacketPreview = (offerId: string, version: number) => apiRequest(`${base(offerId)}/${version}/preview`, { schema: previewSchema });
export const fetchPacketDiff = (offerId: string, from: number, to: number) => apiRequest(`${base(offerId)}/diff?from=${from}&to=${to}`, { schema: diffSchema });
/** A plain link: the browser downloads the attachment with the session cookie. */
export const documentDownloadUrl = (offerId: string, version: number, sha256: string) => `/api/v1${base(offerId)}/${version}/documents/${sha256}`;

/** The packets, newest version first; polled while the offer waits for its packet to be generated. */
export function usePackets(offerId: string, waiting: boolean) {
  return useQuery({
    queryKey: packetsKey(offerId),
    queryFn: ({ signal }) => fetchPackets(offerId, signal),
    select: (packets) => [...packets].sort((a, b) => b.versionNumber - a.versionNumber),
    refetchInterval: waiting ? 2000 : false,
    retry: false,
  });
}

export function usePacketPreview(offerId: string, version: number | null) {
  return useQuery({ queryKey: [...packetsKey(offerId), version, 'preview'], queryFn: () => fetchPacketPreview(offerId, version!), enabled: version !== null, staleTime: Infinity });
}

export function usePacketDiff(offerId: string, pair: { from: number; to: number } | null) {
  return useQuery({ queryKey: [...packetsKey(offerId), 'diff', pair], queryFn: () => fetchPacketDiff(offerId, pair!.from, pair!.to), enabled: !!pair, staleTime: Infinity });
}
