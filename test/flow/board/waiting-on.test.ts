import { describe, expect, it } from 'vitest';
import { offerStatuses } from '../../../src/core/lifecycle';
import { waitingOn, type BoardStep, type OfferSnapshot } from '../../../src/flow/board/waiting-on';

// America/New_York in November 2026 is UTC-5. Mon 16 Nov 09:00 local = 14:00Z; Thanksgiving is Thu 26 Nov.
const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-18T20:00:00Z'); // Wed 15:00 local
const cal = { timeZone: 'America/New_York', holidays: new Set<string>() };

function step(over: Partial<BoardStep> = {}): BoardStep {
  return {
    phase: 'compensation',
    stageKey: 'finance',
    stageName: 'Compensation review',
    stepKey: 'fpa',
    stepName: 'Finance',
    status: 'pending',
    approvers: [{ name: 'Dana Lee' }],
    quorum: 1,
    activatedAt: at('2026-11-16T15:00:00Z'), // Mon 10:00 local: 7 + 8 + 6 = 21 business hours by now
    dueAt: at('2026-11-20T17:00:00Z'), // Fri 12:00 local, 13 business hours away: ok
    ...over,
  };
}

const base: OfferSnapshot = {
  status: 'draft',
  statusSince: at('2026-11-16T15:00:00Z'),
  recruiterName: 'Riley Chen',
  candidateName: 'Sam Rivera',
  calendar: cal,
  steps: [],
  packetGenerating: false,
  delivery: null,
  changeRequest: null,
  signatures: null,
  closeout: null,
  now: NOW,
};

const sentOn = at('2026-11-15T20:00:00Z'); // Sun, 3 days before NOW
const cases: [string, Partial<OfferSnapshot>, string, Record<string, unknown>?][] = [
  ['draft', {}, 'Draft, not yet submitted', { waitingOn: { kind: 'people', names: ['Riley Chen'], role: 'recruiter' }, nextAction: { text: 'Submit for approval', owner: 'Riley Chen' } }],
  ['comp review, one approver, SLA ok', { status: 'comp_review', steps: [step()] }, 'Waiting on finance: Dana Lee, 2 business days', { sla: 'ok', ageBusinessHours: 21, nextAction: { text: 'Approve or reject the finance step', owner: 'Dana Lee' } }],
  ['comp review, SLA breached', { status: 'comp_review', steps: [step({ dueAt: at('2026-11-17T15:00:00Z') })] }, 'Waiting on finance: Dana Lee, 2 business days, SLA breached', { sla: 'breached' }],
  ['comp review, SLA due soon (3 business hours left)', { status: 'comp_review', steps: [step({ dueAt: at('2026-11-19T15:00:00Z') })] }, 'Waiting on finance: Dana Lee, 2 business days, SLA due soon', { sla: 'due_soon' }],
  ['no SLA on the step', { status: 'comp_review', steps: [step({ dueAt: null })] }, 'Waiting on finance: Dana Lee, 2 business days', { sla: null }],
  ['fresh step: pending', { status: 'in_approval', steps: [step({ phase: 'packet', stageName: 'Clause review', stepName: 'Legal', approvers: [{ name: 'Jordan Brooks' }], activatedAt: at('2026-11-18T19:30:00Z') })] }, 'Waiting on legal: Jordan Brooks', { ageBusinessHours: 0.5, waitingOn: { kind: 'people', names: ['Jordan Brooks'], role: 'legal' } }],
  ['quorum any', { status: 'comp_review', steps: [step({ approvers: [{ name: 'Dana Lee' }, { name: 'Sam Park' }], quorum: 1 })] }, 'Waiting on finance: Dana Lee or Sam Park, 2 business days', { waitingOn: { kind: 'people', names: ['Dana Lee', 'Sam Park'], role: 'finance' } }],
  ['quorum all, one already approved', { status: 'comp_review', steps: [step({ approvers: [{ name: 'Dana Lee', approved: true }, { name: 'Sam Park' }, { name: 'Ali Khan' }], quorum: 3 })] }, 'Waiting on finance: Sam Park and Ali Khan, 2 business days'],
  ['quorum at least 2 of 3', { status: 'comp_review', steps: [step({ approvers: [{ name: 'Dana Lee' }, { name: 'Sam Park' }, { name: 'Ali Khan' }], quorum: 2 })] }, 'Waiting on finance: 2 of Dana Lee, Sam Park and Ali Khan, 2 business days'],
  [
    'several pending steps in one stage, worst SLA wins',
    { status: 'comp_review', steps: [step({ approvers: [{ name: 'Dana Lee' }, { name: 'Sam Park' }] }), step({ stepKey: 'ctl', stepName: 'Controller', approvers: [{ name: 'Avery Stone' }, { name: 'Kim Ode' }], quorum: 2, dueAt: at('2026-11-17T15:00:00Z') })] },
    'Waiting on finance and controller: Dana Lee or Sam Park (finance); Avery Stone and Kim Ode (controller), 2 business days, SLA breached',
    { sla: 'breached', nextAction: { text: 'Approve or reject the finance and controller steps', owner: 'Dana Lee, Sam Park, Avery Stone and Kim Ode' } },
  ],
  ['delegated approver', { status: 'comp_review', steps: [step({ approvers: [{ name: 'Dana Lee', delegateName: 'Morgan Diaz' }] })] }, 'Waiting on finance: Morgan Diaz for Dana Lee, 2 business days', { waitingOn: { kind: 'people', names: ['Morgan Diaz', 'Dana Lee'], role: 'finance' } }],
  ['a waiting (later) step is not waited on', { status: 'in_approval', steps: [step({ phase: 'packet', stepName: 'VP Finance', approvers: [{ name: 'Lee Moss' }] }), step({ phase: 'packet', stepName: 'Legal', status: 'waiting' })] }, 'Waiting on VP Finance: Lee Moss, 2 business days'],
  [
    'weekend does not age',
    { status: 'comp_review', now: at('2026-11-23T16:00:00Z'), steps: [step({ activatedAt: at('2026-11-20T21:00:00Z'), dueAt: at('2026-11-24T21:00:00Z') })] },
    'Waiting on finance: Dana Lee, 3 business hours',
    { ageBusinessHours: 3, sla: 'ok' },
  ],
  [
    'Thanksgiving does not age',
    { status: 'comp_review', now: at('2026-11-27T15:00:00Z'), steps: [step({ activatedAt: at('2026-11-25T20:00:00Z'), dueAt: at('2026-11-27T18:00:00Z') })] },
    'Waiting on finance: Dana Lee, 3 business hours, SLA due soon',
    { ageBusinessHours: 3, sla: 'due_soon' },
  ],
  [
    "the organisation's own holiday does not age",
    { status: 'comp_review', now: at('2026-11-30T15:00:00Z'), calendar: { timeZone: 'America/New_York', holidays: new Set(['2026-11-27']) }, steps: [step({ activatedAt: at('2026-11-25T20:00:00Z'), dueAt: null })] },
    'Waiting on finance: Dana Lee, 3 business hours',
    { ageBusinessHours: 3 },
  ],
  ['comp review with nothing routed yet', { status: 'comp_review' }, 'Routing approvals', { waitingOn: { kind: 'system', names: [] } }],
  ['packet generating', { status: 'drafting', packetGenerating: true }, 'Packet being generated', { waitingOn: { kind: 'system', names: [] }, nextAction: { text: 'Generate the packet', owner: 'Offerline' } }],
  ['packet generation stopped', { status: 'drafting' }, 'Packet generation stopped', { nextAction: { text: 'Generate the packet again', owner: 'Riley Chen' } }],
  ['approved', { status: 'approved' }, 'Approved, ready to send', { nextAction: { text: 'Send to the candidate', owner: 'Riley Chen' } }],
  [
    'sent, not opened',
    { status: 'sent', delivery: { sentAt: sentOn, linkExpiresAt: at('2026-12-01T00:00:00Z'), firstOpenedAt: null, lastOpenedAt: null } },
    'Sent to candidate 3 days ago, not opened',
    { waitingOn: { kind: 'candidate', names: ['Sam Rivera'], role: 'candidate' }, since: sentOn, ageBusinessHours: 22, nextAction: { text: 'Follow up with the candidate', owner: 'Riley Chen' } },
  ],
  [
    'sent, opened once',
    { status: 'sent', delivery: { sentAt: sentOn, linkExpiresAt: null, firstOpenedAt: at('2026-11-18T15:00:00Z'), lastOpenedAt: at('2026-11-18T15:00:00Z') } },
    'Sent to candidate 3 days ago, opened 5 hours ago',
    { nextAction: { text: 'Review and sign the offer', owner: 'Sam Rivera' } },
  ],
  [
    'sent, opened twice',
    { status: 'sent', delivery: { sentAt: sentOn, linkExpiresAt: null, firstOpenedAt: at('2026-11-16T20:00:00Z'), lastOpenedAt: at('2026-11-18T19:30:00Z') } },
    'Sent to candidate 3 days ago, first opened 2 days ago, last opened just now',
  ],
  [
    'sent, link expired',
    { status: 'sent', delivery: { sentAt: sentOn, linkExpiresAt: at('2026-11-18T00:00:00Z'), firstOpenedAt: null, lastOpenedAt: null } },
    'Sent to candidate 3 days ago, not opened, link expired',
    { nextAction: { text: 'Send a new link', owner: 'Riley Chen' } },
  ],
  [
    'negotiating',
    { status: 'negotiating', changeRequest: { fieldLabels: ['Base salary', 'Start date'], askedBy: 'candidate', openedAt: at('2026-11-18T14:00:00Z') } },
    'Negotiating: Base salary, Start date (asked by the candidate)',
    { ageBusinessHours: 6, nextAction: { text: 'Answer the change request', owner: 'Riley Chen' } },
  ],
  ['negotiating, no open request', { status: 'negotiating' }, 'Negotiating: preparing a new version', { nextAction: { text: 'Make a new version', owner: 'Riley Chen' } }],
  [
    'signed, awaiting countersign',
    { status: 'signed', signatures: { candidateSignedAt: at('2026-11-18T16:00:00Z'), countersignAwaited: true, signatoryName: 'Avery Stone' } },
    'Signed by the candidate; waiting on Avery Stone to countersign',
    { waitingOn: { kind: 'people', names: ['Avery Stone'], role: 'signatory' }, ageBusinessHours: 4, nextAction: { text: 'Countersign the offer', owner: 'Avery Stone' } },
  ],
  ['signed by both, sealing', { status: 'signed', signatures: { candidateSignedAt: NOW, countersignAwaited: false, signatoryName: 'Avery Stone' } }, 'Signed by both; sealing the documents', { waitingOn: { kind: 'system', names: [] } }],
  [
    'contingencies pending',
    { status: 'accepted', closeout: { startDateConfirmed: false, contingencies: [{ label: 'Background check', status: 'pending', ownerName: 'Pat Okafor' }, { label: 'References', status: 'pending', ownerName: null }, { label: 'I-9', status: 'cleared', ownerName: null }] } },
    'Waiting on contingencies: Background check, References',
    { waitingOn: { kind: 'people', names: ['Pat Okafor'], role: 'contingency owners' }, nextAction: { text: 'Clear the contingencies', owner: 'Pat Okafor' } },
  ],
  [
    'contingency failed',
    { status: 'accepted', closeout: { startDateConfirmed: true, contingencies: [{ label: 'Background check', status: 'failed', ownerName: 'Pat Okafor' }, { label: 'References', status: 'pending', ownerName: null }] } },
    'Contingency failed: Background check',
    { nextAction: { text: 'Rescind the offer', owner: 'Riley Chen' } },
  ],
  ['start date not confirmed', { status: 'accepted', closeout: { startDateConfirmed: false, contingencies: [] } }, 'Accepted; start date not confirmed', { nextAction: { text: 'Confirm the start date', owner: 'Riley Chen' } }],
  ['ready to hand off', { status: 'accepted', closeout: { startDateConfirmed: true, contingencies: [{ label: 'References', status: 'waived', ownerName: null }] } }, 'Ready to hand off', { nextAction: { text: 'Hand off to onboarding', owner: 'Riley Chen' } }],
  ['rescind awaiting approval', { status: 'sent', steps: [step({ phase: 'rescind', stepName: 'Legal', approvers: [{ name: 'Jordan Brooks' }] })] }, 'Rescind waiting on legal: Jordan Brooks, 2 business days'],
  ...(['handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn'] as const).map(
    (status): [string, Partial<OfferSnapshot>, string, Record<string, unknown>] => [
      status,
      { status, steps: [step()] },
      { handed_off: 'Handed off to onboarding', declined: 'Declined by the candidate', expired: 'Expired without an answer', cancelled: 'Cancelled before it was sent', rescinded: 'Rescinded', withdrawn: 'Withdrawn' }[status],
      { waitingOn: { kind: 'nobody', names: [] }, sla: null, nextAction: { text: 'Nothing to do', owner: null } },
    ],
  ),
];

describe('status board wording', () => {
  it.each(cases)('%s', (_name, over, text, fields) => {
    const line = waitingOn({ ...base, ...over });
    expect(line.text).toBe(text);
    expect(line.stage).toBe(over.status ?? 'draft');
    if (fields) expect(line).toMatchObject(fields);
  });

  it('covers every status', () => {
    const covered = new Set(cases.map(([, over]) => over.status ?? 'draft'));
    expect(offerStatuses.filter((s) => !covered.has(s))).toEqual([]);
  });

  it('ages from when the status began outside approvals', () => {
    const line = waitingOn({ ...base, status: 'approved' });
    expect(line.since).toEqual(base.statusSince);
    expect(line.ageBusinessHours).toBe(21);
    expect(line.sla).toBeNull();
  });
});
