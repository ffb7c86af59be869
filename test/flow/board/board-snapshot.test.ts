import { describe, expect, it } from 'vitest';
import { indexFacts, snapshotOf, type SnapshotOffer } from '../../../src/flow/board/board-snapshot';
import type { SnapshotFacts } from '../../../src/flow/board/board-snapshots.repo';
import { waitingOn } from '../../../src/flow/board/waiting-on';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-18T20:00:00Z'); // Wed 15:00 New York
const ctx = { now, calendar: { timeZone: 'America/New_York', holidays: new Set<string>() }, signatoryUserId: 'u-sig' };
const empty: SnapshotFacts = {
  steps: [],
  delegates: new Map(),
  links: new Map(),
  changeRequests: [],
  signatures: [],
  contingencies: [],
  startDateConfirmed: new Set(),
  packetQueued: new Set(),
  names: new Map([
    ['u-dana', 'Dana Lee'],
    ['u-sam', 'Sam Park'],
    ['u-morgan', 'Morgan Diaz'],
    ['u-sig', 'Avery Stone'],
    ['u-it', 'Kim Ode'],
  ]),
};
const offer = (over: Partial<SnapshotOffer> = {}): SnapshotOffer => ({ offerId: 'o1', status: 'draft', enteredAt: at('2026-11-16T15:00:00Z'), recruiterName: 'Riley Chen', candidateName: 'Sam Rivera', ...over });
const line = (o: SnapshotOffer, facts: Partial<SnapshotFacts>) => waitingOn(snapshotOf(o, indexFacts({ ...empty, ...facts }), ctx));

describe('board snapshots from page facts', () => {
  it('approvers with decisions already in and delegates standing in', () => {
    const step = { offerId: 'o1', phase: 'compensation', stageKey: 'finance', stageName: 'Compensation review', stepKey: 'finance', stepName: 'Finance', status: 'pending', quorum: 2, activatedAt: at('2026-11-16T15:00:00Z'), dueAt: at('2026-11-17T15:00:00Z') };
    const l = line(offer({ status: 'comp_review' }), { steps: [{ ...step, approverIds: ['u-dana', 'u-sam', 'u-it'], approvedIds: ['u-it'] }], delegates: new Map([['u-sam', 'u-morgan']]) });
    expect(l.text).toBe('Waiting on finance: Dana Lee or Morgan Diaz for Sam Park, 2 business days, SLA breached');
  });

  it('sent: since the send, opened from the links, and the masked candidate stays unnamed', () => {
    const sent = offer({ status: 'sent', enteredAt: at('2026-11-15T20:00:00Z'), candidateName: null });
    const l = line(sent, { links: new Map([['o1', { offerId: 'o1', firstOpenedAt: at('2026-11-16T20:00:00Z'), lastOpenedAt: at('2026-11-17T20:00:00Z'), expiresAt: at('2026-11-25T20:00:00Z') }]]) });
    expect(l).toMatchObject({ text: 'Sent to candidate 3 days ago, first opened 2 days ago, last opened 1 day ago', waitingOn: { kind: 'candidate', names: [] }, nextAction: { owner: 'the candidate' } });
    expect(JSON.stringify(l)).not.toContain('Sam Rivera');
  });

  it('negotiating: the labels of the open requests', () => {
    const l = line(offer({ status: 'negotiating' }), {
      changeRequests: [{ offerId: 'o1', source: 'candidate', createdAt: at('2026-11-17T15:00:00Z'), deltas: [{ field: 'compensation.baseSalaryCents' }, { field: 'startDate' }] }],
    });
    expect(l.text).toMatch(/^Negotiating: .+, Start date \(asked by the candidate\)$/);
    expect(l.since).toEqual(at('2026-11-17T15:00:00Z'));
  });

  it('signed: waiting on the signatory until the company signs', () => {
    const signed = offer({ status: 'signed' });
    expect(line(signed, { signatures: [{ offerId: 'o1', signer: 'candidate', signedAt: at('2026-11-17T15:00:00Z') }] }).text).toBe('Signed by the candidate; waiting on Avery Stone to countersign');
    expect(line(signed, { signatures: [{ offerId: 'o1', signer: 'candidate', signedAt: at('2026-11-17T15:00:00Z') }, { offerId: 'o1', signer: 'company', signedAt: at('2026-11-17T16:00:00Z') }] }).waitingOn.kind).toBe('system');
  });

  it('accepted: contingencies and their owners, then the start date', () => {
    const accepted = offer({ status: 'accepted' });
    expect(line(accepted, { contingencies: [{ offerId: 'o1', label: 'Background check', status: 'pending', ownerUserId: 'u-it' }] })).toMatchObject({ text: 'Waiting on contingencies: Background check', nextAction: { owner: 'Kim Ode' } });
    expect(line(accepted, { contingencies: [{ offerId: 'o1', label: 'Background check', status: 'cleared', ownerUserId: 'u-it' }] }).text).toBe('Accepted; start date not confirmed');
    expect(line(accepted, { startDateConfirmed: new Set(['o1']) }).text).toBe('Ready to hand off');
  });

  it('drafting: generating while the packet job is queued', () => {
    expect(line(offer({ status: 'drafting' }), { packetQueued: new Set(['o1']) }).text).toBe('Packet being generated');
    expect(line(offer({ status: 'drafting' }), {}).text).toBe('Packet generation stopped');
  });
});
