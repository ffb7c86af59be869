import { describe, expect, it } from 'vitest';
import { eventsForJournalEntry, webhookEventTypeNames } from '../../../src/flow/webhooks/event-types';
import { signatureHeader, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_SCHEDULE_MS } from '../../../src/flow/webhooks/delivery';
import { urlProblem } from '../../../src/flow/webhooks/webhooks.service';

const at = '2027-03-01T15:00:00.000Z';
const offerId = '11111111-1111-4111-8111-111111111111';
const entry = (type: string, data: Record<string, unknown>) => ({ offerId, type, data, at });

describe('webhook events from journal entries', () => {
  it('a lifecycle move raises offer.status_changed and, for the named statuses, its own event', () => {
    expect(eventsForJournalEntry(entry('offer.transitioned', { event: 'hand_off', from: 'accepted', to: 'handed_off', effects: [] }))).toEqual([
      { type: 'offer.status_changed', data: { offerId, occurredAt: at, event: 'hand_off', from: 'accepted', to: 'handed_off' } },
      { type: 'offer.handed_off', data: { offerId, occurredAt: at, from: 'accepted', status: 'handed_off' } },
    ]);
    expect(eventsForJournalEntry(entry('offer.transitioned', { event: 'submit', from: 'draft', to: 'drafting' })).map((e) => e.type)).toEqual(['offer.status_changed']);
  });

  it('a decline carries its fixed reason, a rescind never its free text', () => {
    expect(eventsForJournalEntry(entry('offer.transitioned', { event: 'decline', from: 'sent', to: 'declined', reason: 'compensation' }))[1]!.data).toMatchObject({ reason: 'compensation' });
    const rescinded = eventsForJournalEntry(entry('offer.transitioned', { event: 'rescind', from: 'sent', to: 'rescinded', reason: 'Budget cut for Ada' }));
    expect(JSON.stringify(rescinded)).not.toContain('Budget');
  });

  it('signatures of the candidate and the company are offer.signed', () => {
    expect(eventsForJournalEntry(entry('offer.signed', { version: 2, signer: 'candidate', kind: 'typed', authMethod: 'email_code' }))).toEqual([
      { type: 'offer.signed', data: { offerId, occurredAt: at, version: 2, signer: 'candidate', kind: 'typed' } },
    ]);
    expect(eventsForJournalEntry(entry('offer.countersigned', { version: 2, signer: 'company', kind: 'drawn' }))[0]!.data).toMatchObject({ signer: 'company' });
  });

  it('approval decisions leave the comment out; entries that are not public raise nothing', () => {
    const [decided] = eventsForJournalEntry(entry('approval.decided', { stepId: 's', stage: 'comp', step: 'finance', version: 1, decision: 'approve', approverId: 'u', comment: 'base 224k ok', via: 'app' }));
    expect(decided!.type).toBe('approval.decided');
    expect(JSON.stringify(decided)).not.toContain('224k');
    expect(eventsForJournalEntry(entry('offer.draft_updated', { changed: ['compensation'] }))).toEqual([]);
    expect(eventsForJournalEntry(entry('approval.reminder_sent', {}))).toEqual([]);
  });

  it('every raised type is a published type', () => {
    const samples = [
      entry('offer.created', {}),
      ...['approved', 'sent', 'accepted', 'declined', 'expired', 'rescinded', 'withdrawn', 'cancelled', 'handed_off'].map((to) => entry('offer.transitioned', { from: 'x', to })),
      entry('approval.decided', {}),
      entry('offer.signed', {}),
    ];
    for (const e of samples.flatMap(eventsForJournalEntry)) expect(webhookEventTypeNames).toContain(e.type);
  });
});

describe('delivery rules', () => {
  it('tries 8 times over about 28 hours', () => {
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(8);
    expect(WEBHOOK_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it('signs with the previous secret too while it overlaps', () => {
    const ep = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', previousSecret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', previousSecretExpiresAt: new Date('2027-03-02T00:00:00Z') };
    expect(signatureHeader(ep, 'msg_1', new Date(at), '{}').split(' ')).toHaveLength(2);
    expect(signatureHeader(ep, 'msg_1', new Date('2027-03-02T00:00:01Z'), '{}').split(' ')).toHaveLength(1);
  });

  it('accepts https, and plain http only to this machine', () => {
    expect(urlProblem('https://hooks.example.com/offerline')).toBeNull();
    expect(urlProblem('http://localhost:8080/hook')).toBeNull();
    expect(urlProblem('http://127.0.0.1:9/hook')).toBeNull();
    expect(urlProblem('http://hooks.example.com/hook')).toMatch(/https/);
    expect(urlProblem('ftp://hooks.example.com/hook')).toMatch(/http/);
    expect(urlProblem('https://user:pw@hooks.example.com/')).toMatch(/password/);
    expect(urlProblem('hooks.example.com')).toMatch(/absolute/);
  });
});
