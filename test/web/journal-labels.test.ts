import { describe, expect, it } from 'vitest';
import { describeEntry } from '../../src/web/features/journal/components/journal-labels';
import type { JournalEntry } from '../../src/web/features/journal/api/journal';

const entry = (type: string, data: Record<string, unknown>): JournalEntry =>
  ({ seq: 1, type, data, actorId: null, at: '2026-11-25T10:00:00.000Z' });

describe('the offer timeline in words', () => {
  it('says what the candidate did with their link', () => {
    expect(describeEntry(entry('offer.sent', { version: 2 })).title).toBe('Version 2 e-mailed to the candidate');
    expect(describeEntry(entry('offer.viewed', { version: 2 })).title).toBe('The candidate opened version 2');
    expect(describeEntry(entry('offer.consented', {})).title).toBe('The candidate agreed to electronic records and signatures');
    expect(describeEntry(entry('offer.signed', { version: 2 })).title).toBe('The candidate signed version 2');
    expect(describeEntry(entry('offer.countersigned', { version: 2 })).title).toBe('Countersigned for the company (version 2)');
    expect(describeEntry(entry('offer.completed', { version: 2 })).title).toBe('Signed documents sealed and sent (version 2)');
  });

  it('names the structured reason of a decline and the fields of a change request', () => {
    expect(describeEntry(entry('offer.declined', { version: 1, reason: 'another_offer' })).title).toBe('The candidate declined: I accepted another offer');
    expect(describeEntry(entry('offer.change_requested', { version: 1, source: 'candidate', fields: ['compensation.baseSalaryCents', 'startDate'] })).title).toBe(
      'The candidate asked for changes: Base salary, Start date',
    );
    expect(describeEntry(entry('offer.change_requested', { version: 1, source: 'internal', fields: ['title'] })).title).toBe('Changes asked for: Title');
  });

  it('says how a change request was answered and what the next version proposes', () => {
    const answered = entry('offer.change_request_answered', { answeredByVersion: 2, decisions: [{ field: 'compensation.baseSalaryCents', decision: 'accept' }, { field: 'startDate', decision: 'adjust' }] });
    expect(describeEntry(answered).title).toBe('Change request answered in version 2: Base salary accepted, Start date adjusted');
    expect(describeEntry(entry('offer.counter_proposed', { fromVersion: 1, toVersion: 2, fields: ['compensation.baseSalaryCents', 'startDate'] })).title).toBe('Version 2 proposed: Base salary, Start date');
  });

  it('tells a rescind that waits for approval, and how it ended', () => {
    expect(describeEntry(entry('offer.rescind_requested', { version: 1, reason: 'Budget frozen' }))).toEqual({
      title: 'Rescind asked for (version 1); it waits for approval',
      detail: 'Budget frozen',
    });
    expect(describeEntry(entry('offer.rescind_approved', { version: 1, approvedBy: [] })).title).toBe('Rescind approved');
    expect(describeEntry(entry('offer.rescind_refused', { version: 1, comment: 'We committed to this candidate' })).title).toBe(
      'Rescind refused: We committed to this candidate',
    );
  });

  it('tells closeout in words: contingencies, tasks, the start date, the handoff', () => {
    expect(describeEntry(entry('contingency.decided', { kind: 'background_check', status: 'cleared' })).title).toBe('Background check: Cleared');
    expect(describeEntry(entry('onboarding_task.completed', { ownerRole: 'it', templateKey: 'it_laptop' })).title).toBe('IT task done: It laptop');
    expect(describeEntry(entry('offer.start_date_confirmed', { startDate: '2027-01-11' })).title).toBe('Start date confirmed: Jan 11, 2027');
  });
});
