import { businessHoursBetween, type BusinessCalendar } from '../../core/business-hours';
import { isTerminal, type OfferStatus } from '../../core/lifecycle';
import type { PolicyPhase } from '../policy/policy.schema';
import { agoWords, businessAgeWords, listOf, nothingToDo, roleWord, slaWords, terminalWords } from './waiting-on-words';

/**
 * What an open offer waits on, in the words the status board shows ("Waiting on finance:
 * Dana Lee, 2 business days, SLA breached"), with since when, the business-hour age, the SLA
 * state and the next action with its owner. Pure: the read side fills an OfferSnapshot.
 */

export interface BoardApprover {
  name: string;
  /** This approver has already approved the step (counts toward its quorum). */
  approved?: boolean;
  /** Acting for the approver while they are away. */
  delegateName?: string | null;
}

export interface BoardStep {
  phase: PolicyPhase;
  stageKey: string;
  stageName: string;
  stepKey: string;
  stepName: string;
  /** Only `pending` steps are waited on; `waiting` ones belong to a later stage. */
  status: string;
  approvers: readonly BoardApprover[];
  /** Approvals the step needs: 1 for "any", the number of approvers for "all". */
  quorum: number;
  activatedAt: Date | null;
  dueAt: Date | null;
}

export type ContingencyState = 'pending' | 'cleared' | 'waived' | 'failed';

export interface OfferSnapshot {
  status: OfferStatus;
  /** When the offer entered its status. */
  statusSince: Date;
  recruiterName: string;
  candidateName: string | null;
  /** The calendar ages are counted in (the organisation's zone and holidays). */
  calendar: BusinessCalendar;
  steps: readonly BoardStep[];
  packetGenerating: boolean;
  delivery: { sentAt: Date | null; linkExpiresAt: Date | null; firstOpenedAt: Date | null; lastOpenedAt: Date | null } | null;
  /** The open change request: the labels of the fields asked about and who asked. */
  changeRequest: { fieldLabels: readonly string[]; askedBy: 'candidate' | 'recruiter'; openedAt: Date } | null;
  signatures: { candidateSignedAt: Date | null; countersignAwaited: boolean; signatoryName: string | null } | null;
  closeout: { contingencies: readonly { label: string; status: ContingencyState; ownerName: string | null }[]; startDateConfirmed: boolean } | null;
  now: Date;
}

export type WaitingKind = 'people' | 'candidate' | 'system' | 'nobody';
export type SlaState = 'ok' | 'due_soon' | 'breached';

export interface BoardLine {
  stage: OfferStatus;
  waitingOn: { kind: WaitingKind; names: string[]; role?: string };
  text: string;
  since: Date;
  ageBusinessHours: number;
  sla: SlaState | null;
  nextAction: { text: string; owner: string | null };
}

/** An SLA is due soon within this many business hours of its due time. */
export const DUE_SOON_BUSINESS_HOURS = 4;
/** The recruiter follows up on an unopened offer after this many business hours. */
export const FOLLOW_UP_BUSINESS_HOURS = 16;
const SYSTEM = 'Offerline';

type Line = Omit<BoardLine, 'stage' | 'ageBusinessHours' | 'since' | 'sla'> & { since?: Date; sla?: SlaState | null };

export function waitingOn(o: OfferSnapshot): BoardLine {
  const line = lineFor(o);
  const since = line.since ?? o.statusSince;
  const ageBusinessHours = Math.max(0, businessHoursBetween(since, o.now, o.calendar));
  return { stage: o.status, ...line, since, ageBusinessHours, sla: line.sla ?? null };
}

function lineFor(o: OfferSnapshot): Line {
  const recruiter = (text: string, next: string): Line => ({
    waitingOn: { kind: 'people', names: [o.recruiterName], role: 'recruiter' },
    text,
    nextAction: { text: next, owner: o.recruiterName },
  });
  if (isTerminal(o.status)) {
    return { waitingOn: { kind: 'nobody', names: [] }, text: terminalWords[o.status] ?? o.status, nextAction: { text: nothingToDo, owner: null } };
  }
  const rescind = pendingSteps(o, 'rescind');
  if (rescind.length) return approvals(o, rescind, 'Rescind ');
  switch (o.status) {
    case 'draft':
      return recruiter('Draft, not yet submitted', 'Submit for approval');
    case 'comp_review':
      return approvals(o, pendingSteps(o, 'compensation'), '');
    case 'drafting':
      if (o.packetGenerating) return { waitingOn: { kind: 'system', names: [] }, text: 'Packet being generated', nextAction: { text: 'Generate the packet', owner: SYSTEM } };
      return recruiter('Packet generation stopped', 'Generate the packet again');
    case 'in_approval':
      return approvals(o, pendingSteps(o, 'packet'), '');
    case 'approved':
      return recruiter('Approved, ready to send', 'Send to the candidate');
    case 'sent':
      return sent(o);
    case 'negotiating': {
      const cr = o.changeRequest;
      if (!cr) return recruiter('Negotiating: preparing a new version', 'Make a new version');
      return { ...recruiter(`Negotiating: ${cr.fieldLabels.join(', ')} (asked by the ${cr.askedBy})`, 'Answer the change request'), since: cr.openedAt };
    }
    case 'signed':
      return signed(o);
    default:
      return closeout(o, recruiter);
  }
}

function pendingSteps(o: OfferSnapshot, phase: PolicyPhase): BoardStep[] {
  return o.steps.filter((s) => s.phase === phase && s.status === 'pending');
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** "Dana Lee or Sam Park" (any), "Dana Lee and Sam Park" (all), "2 of …" (at least N); delegates act "for" the approver. */
function approverPhrase(step: BoardStep): { words: string; names: string[] } {
  const open = step.approvers.filter((a) => !a.approved);
  const needed = Math.max(1, step.quorum - (step.approvers.length - open.length));
  const words = open.map((a) => (a.delegateName ? `${a.delegateName} for ${a.name}` : a.name));
  const names = open.flatMap((a) => (a.delegateName ? [a.delegateName, a.name] : [a.name]));
  if (needed >= open.length) return { words: listOf(words, 'and'), names };
  if (needed === 1) return { words: listOf(words, 'or'), names };
  return { words: `${needed} of ${listOf(words)}`, names };
}

export function slaState(dueAt: Date | null, now: Date, cal: BusinessCalendar): SlaState | null {
  if (!dueAt) return null;
  if (now.getTime() >= dueAt.getTime()) return 'breached';
  return businessHoursBetween(now, dueAt, cal) <= DUE_SOON_BUSINESS_HOURS ? 'due_soon' : 'ok';
}

const slaRank: Record<SlaState, number> = { ok: 0, due_soon: 1, breached: 2 };

function approvals(o: OfferSnapshot, steps: BoardStep[], prefix: string): Line {
  if (!steps.length) return { waitingOn: { kind: 'system', names: [] }, text: `${prefix}Routing approvals`.trim(), nextAction: { text: 'Route the approvals', owner: SYSTEM } };
  // The step names who decides ("finance", "legal"); the stage name ("Compensation review") says what, not who.
  const role = listOf(unique(steps.map((s) => roleWord(s.stepName))));
  const phrases = steps.map((s) => ({ step: s, ...approverPhrase(s) }));
  const parts = phrases.map((p) => (steps.length > 1 ? `${p.words} (${roleWord(p.step.stepName)})` : p.words));
  const names = unique(phrases.flatMap((p) => p.names));
  const starts = steps.map((s) => s.activatedAt?.getTime()).filter((t): t is number => t !== undefined);
  const since = starts.length ? new Date(Math.min(...starts)) : o.statusSince;
  let sla: SlaState | null = null;
  for (const s of steps) {
    const state = slaState(s.dueAt, o.now, o.calendar);
    if (state && (!sla || slaRank[state] > slaRank[sla])) sla = state;
  }
  const age = businessAgeWords(businessHoursBetween(since, o.now, o.calendar));
  const head = `${prefix}waiting on ${role}`;
  const tail = [age, sla ? slaWords[sla] : null].filter(Boolean).join(', ');
  return {
    waitingOn: { kind: 'people', names, role },
    text: `${head.charAt(0).toUpperCase()}${head.slice(1)}: ${parts.join('; ')}${tail ? `, ${tail}` : ''}`,
    since,
    sla,
    nextAction: { text: `Approve or reject the ${role} step${steps.length > 1 ? 's' : ''}`, owner: listOf(names) },
  };
}

function sent(o: OfferSnapshot): Line {
  const d = o.delivery;
  const since = d?.sentAt ?? o.statusSince;
  const candidate = o.candidateName ?? 'the candidate';
  const bits = [`Sent to candidate ${agoWords(since, o.now)}`];
  if (!d?.lastOpenedAt) bits.push('not opened');
  else if (d.firstOpenedAt && d.firstOpenedAt.getTime() !== d.lastOpenedAt.getTime()) bits.push(`first opened ${agoWords(d.firstOpenedAt, o.now)}, last opened ${agoWords(d.lastOpenedAt, o.now)}`);
  else bits.push(`opened ${agoWords(d.lastOpenedAt, o.now)}`);
  const expired = !!d?.linkExpiresAt && d.linkExpiresAt.getTime() <= o.now.getTime();
  if (expired) bits.push('link expired');
  let next = { text: 'Review and sign the offer', owner: candidate };
  if (expired) next = { text: 'Send a new link', owner: o.recruiterName };
  else if (!d?.lastOpenedAt && businessHoursBetween(since, o.now, o.calendar) >= FOLLOW_UP_BUSINESS_HOURS) next = { text: 'Follow up with the candidate', owner: o.recruiterName };
  return { waitingOn: { kind: 'candidate', names: o.candidateName ? [o.candidateName] : [], role: 'candidate' }, text: bits.join(', '), since, nextAction: next };
}

function signed(o: OfferSnapshot): Line {
  const s = o.signatures;
  const since = s?.candidateSignedAt ?? o.statusSince;
  if (s && !s.countersignAwaited) {
    return { waitingOn: { kind: 'system', names: [] }, text: 'Signed by both; sealing the documents', since, nextAction: { text: 'Seal the signed documents', owner: SYSTEM } };
  }
  const who = s?.signatoryName ?? null;
  return {
    waitingOn: { kind: 'people', names: who ? [who] : [], role: 'signatory' },
    text: `Signed by the candidate; waiting on ${who ?? 'the company signatory'} to countersign`,
    since,
    nextAction: { text: 'Countersign the offer', owner: who },
  };
}

function closeout(o: OfferSnapshot, recruiter: (text: string, next: string) => Line): Line {
  const items = o.closeout?.contingencies ?? [];
  const failed = items.filter((c) => c.status === 'failed');
  if (failed.length) return recruiter(`Contingency failed: ${failed.map((c) => c.label).join(', ')}`, 'Rescind the offer');
  const pending = items.filter((c) => c.status === 'pending');
  if (pending.length) {
    const owners = unique(pending.flatMap((c) => (c.ownerName ? [c.ownerName] : [])));
    const names = owners.length ? owners : [o.recruiterName];
    return {
      waitingOn: { kind: 'people', names, role: 'contingency owners' },
      text: `Waiting on contingencies: ${pending.map((c) => c.label).join(', ')}`,
      nextAction: { text: 'Clear the contingencies', owner: listOf(names) },
    };
  }
  if (!o.closeout?.startDateConfirmed) return recruiter('Accepted; start date not confirmed', 'Confirm the start date');
  return recruiter('Ready to hand off', 'Hand off to onboarding');
}
