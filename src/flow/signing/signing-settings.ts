import { z } from 'zod';

/**
 * How an organisation signs its offers: who countersigns for the company, whether before the
 * offer goes out or after the candidate has signed, and when the candidate is reminded of an
 * offer still waiting for an answer.
 */
export const countersignOrders = ['before', 'after'] as const;
export type CountersignOrder = (typeof countersignOrders)[number];

export const signingSettingsSchema = z.strictObject({
  /** The company user who countersigns; none means the candidate's signature completes the offer. */
  signatoryUserId: z.uuid('must be a user id').nullable().default(null),
  countersignOrder: z.enum(countersignOrders).default('after'),
  /** Days before the offer's expiry on which the candidate gets a reminder, e.g. [3, 1]. */
  candidateReminderDays: z
    .array(z.int().min(1, 'must be at least 1 day').max(60, 'must be at most 60 days'))
    .max(5, 'can hold at most 5 reminders')
    .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
    .default([3, 1]),
});
export type SigningSettings = z.infer<typeof signingSettingsSchema>;

export const defaultSigningSettings: SigningSettings = signingSettingsSchema.parse({});

/** The stored value, or the defaults for anything missing or unreadable. */
export function readSigningSettings(stored: unknown): SigningSettings {
  const parsed = signingSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : defaultSigningSettings;
}
