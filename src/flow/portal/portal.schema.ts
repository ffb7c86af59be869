import { z } from 'zod';

/**
 * What the candidate's link opens, as the API answers it. Plain zod with no server imports, so the
 * portal page parses responses with this same contract.
 */
export const portalOfferSchema = z.object({
  organizationName: z.string(),
  candidateFirstName: z.string(),
  status: z.string(),
  version: z.int(),
  expiresAt: z.string(),
  offer: z.object({
    title: z.string(),
    startDate: z.string(),
    expiresOn: z.string().nullable(),
    location: z.object({ city: z.string(), state: z.string(), remote: z.boolean() }),
    employmentType: z.string(),
    currency: z.string(),
    payBasis: z.string(),
    baseSalaryCents: z.number().nullable(),
    hourlyRateCents: z.number().nullable(),
    bonusTargetPercent: z.number().nullable(),
    signOnBonusCents: z.number().nullable(),
    equityUnits: z.number().nullable(),
  }),
  documents: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string(), mediaType: z.string() })),
  consent: z.object({ version: z.string(), text: z.string() }).describe('The consent to electronic records shown before signing'),
  changeRequests: z
    .array(
      z.object({
        id: z.uuid(),
        createdAt: z.string(),
        status: z.enum(['open', 'answered', 'rejected']),
        comment: z.string(),
        deltas: z.array(z.object({ field: z.string(), label: z.string(), current: z.unknown(), asked: z.unknown() })),
      }),
    )
    .describe('What the candidate asked to change on this version, oldest first'),
  previousVersion: z.int().nullable().describe('The version sent to the candidate before this one; null for the first'),
  changesFromPrevious: z
    .array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() }))
    .describe('What changed in the negotiable terms since the version sent before this one; empty for the first'),
});
export type PortalOffer = z.infer<typeof portalOfferSchema>;
