import { describe, expect, it } from 'vitest';
import { changedFieldsText, decisionVerb, describeBand, stepStatusLabel } from '../../src/web/features/approvals/components/approval-labels';

const band = { currency: 'USD', minCents: 130_000_00, midCents: 152_000_00, maxCents: 175_000_00, compaRatio: 1.21 };

describe('approval wording in the web app', () => {
  it('says where the offered base sits against the band, with the compa-ratio', () => {
    expect(describeBand({ ...band, offeredCents: 184_000_00 })).toBe('Base $184,000 is above the band max $175,000 (compa-ratio 1.21)');
    expect(describeBand({ ...band, offeredCents: 120_000_00, compaRatio: 0.79 })).toBe('Base $120,000 is below the band min $130,000 (compa-ratio 0.79)');
    expect(describeBand({ ...band, offeredCents: 152_000_00, compaRatio: null })).toBe('Base $152,000 is within the band $130,000 – $175,000');
  });

  it('names changed fields as the offer page does, each once', () => {
    expect(changedFieldsText(['compensation.baseSalaryCents', 'startDate', 'clauses.0.key', 'clauses.1.key'])).toBe('Base salary, Start date, Clauses');
  });

  it('labels step states, carried-over ones with their version, unknown ones as words', () => {
    expect(stepStatusLabel({ status: 'waiting', carriedFromVersion: null })).toBe('Waiting for earlier stage');
    expect(stepStatusLabel({ status: 'carried_over', carriedFromVersion: 2 })).toBe('Carried over from version 2');
    expect(stepStatusLabel({ status: 'on_hold', carriedFromVersion: null })).toBe('On hold');
    expect(decisionVerb('request_changes')).toBe('requested changes');
  });
});
