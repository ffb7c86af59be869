import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundEmails } from '../../../src/db/schema';
import { approvalsApi } from '../../helpers/approvals';
import { signIn } from '../../helpers/factories';
import { portalFixture, type PortalFixture } from '../portal/portal-fixture';

/** Policy 1: nothing to approve for these offers, and no rescind stage. */
const withoutRescind = `
stages:
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: exec
        name: Executive sign-off
        when: { field: level, op: in, value: [E1, E2, E3] }
        approvers: [{ role: admin }]
`;

/** Policy 2: any rescind needs legal; a senior one also the HR business partner. */
const withRescind = `
stages:
  - key: rescind_review
    name: Rescind approval
    phase: rescind
    steps:
      - key: legal
        name: Legal
        approvers: [{ role: legal }]
        sla: { businessHours: 8 }
        reminders: { afterBusinessHours: [4] }
      - key: hrbp
        name: HR business partner
        when: { field: level, op: in, value: [L7, L8] }
        approvers: [{ relation: department_hrbp }]
`;

describe('rescind with approval when the policy has rescind stages', () => {
  let p: PortalFixture;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};
  let beforePolicy: { id: string; token: string; rowVersion: number };

  beforeAll(async () => {
    p = await portalFixture();
    api = approvalsApi(p.t.app);
    for (const role of ['admin', 'legal', 'hrbp'] as const) cookies[role] = await signIn(p.t.app, p.fx.users[role].email);
    await api.savePolicy(cookies.admin!, withoutRescind);
    beforePolicy = await p.sentOffer();
    await api.savePolicy(cookies.admin!, withRescind);
  });
  afterAll(() => p.t.close());

  const rowVersionOf = async (id: string) => (await p.offers.get(id)).json().rowVersion as number;
  const journalTypes = async (id: string) => (await p.offers.journal(id)).map((e) => e.type);

  it('without a rescind stage in the offer policy the rescind happens at once, as before', async () => {
    const { id, token, rowVersion } = beforePolicy;
    const res = await p.offers.event(id, rowVersion, 'rescind', 'Requisition closed');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('rescinded');
    expect((await p.portal(token)).statusCode).toBe(404);
    expect(await journalTypes(id)).not.toContain('offer.rescind_requested');
  });

  it('a rescind request makes the rescind steps and waits; approval rescinds with the original reason and kills the link', async () => {
    const { id, token, rowVersion } = await p.sentOffer();
    const res = await p.offers.event(id, rowVersion, 'rescind', 'Budget frozen for the quarter');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id, status: 'sent', allowedEvents: expect.arrayContaining(['rescind']) });
    expect(res.json().rowVersion).toBeGreaterThan(rowVersion);
    expect(res.headers.etag).toBe(`"${res.json().rowVersion}"`);

    const plan = await api.plan(p.cookie, id);
    expect(plan.status).toBe('sent');
    const rescindSteps = plan.steps.filter((s) => (s as unknown as { phase: string }).phase === 'rescind');
    expect(rescindSteps.map((s) => `${s.stageKey}/${s.stepKey}:${s.status}`)).toEqual(['rescind_review/hrbp:not_needed', 'rescind_review/legal:pending']);
    const legalStep = rescindSteps.find((s) => s.stepKey === 'legal')!;
    expect(legalStep.approvers.map((a) => a.id)).toEqual([p.fx.users.legal.id]);
    expect(legalStep.dueAt).not.toBeNull();
    expect(legalStep.explanation).toBe('Legal: always required by the policy');

    // The candidate still holds a working link while the rescind waits.
    expect((await p.portal(token)).statusCode).toBe(200);
    const inbox = await api.inbox(cookies.legal!);
    expect(inbox.find((i) => i.offer.id === id)?.stepKey).toBe('legal');
    const mail = await p.t.database.db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.orgId, p.fx.orgId), eq(outboundEmails.toAddress, p.fx.users.legal.email)));
    const asked = mail.find((m) => m.subject.startsWith('Approval needed: rescinding'))!;
    expect(asked.subject).toMatch(/^Approval needed: rescinding .+ \(Legal\)$/);
    expect(asked.textBody).toContain('A request to rescind the offer');
    expect(asked.textBody).toMatch(/\/approve\/oal_/);

    const requested = (await p.offers.journal(id)).find((e) => e.type === 'offer.rescind_requested')!;
    expect(requested.data).toMatchObject({ version: 1, reason: 'Budget frozen for the quarter', steps: expect.arrayContaining([expect.objectContaining({ stage: 'rescind_review', step: 'legal', outcome: 'run' })]) });

    // A second request while one waits is refused with words.
    const again = await p.offers.event(id, await rowVersionOf(id), 'rescind', 'Asking twice');
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().detail).toContain('already waiting for approval (Legal)');

    const approved = await api.approve(cookies.legal!, id, 'legal', 'Confirmed with the hiring manager');
    expect(approved.offer.status).toBe('rescinded');
    expect((await p.portal(token)).statusCode).toBe(404);

    const journal = await p.offers.journal(id);
    const types = journal.map((e) => e.type);
    const at = (type: string) => types.indexOf(type);
    expect(at('offer.rescind_requested')).toBeGreaterThan(-1);
    expect(at('approval.decided')).toBeGreaterThan(at('offer.rescind_requested'));
    expect(journal.find((e) => e.type === 'approval.decided')!.data).toMatchObject({ step: 'legal', decision: 'approve', approverId: p.fx.users.legal.id });
    expect(journal.find((e) => e.type === 'offer.rescind_approved')!.data).toEqual({ version: 1, approvedBy: [p.fx.users.legal.id] });
    const moved = journal.find((e) => e.type === 'offer.transitioned' && e.data.event === 'rescind')!;
    expect(moved.data).toMatchObject({ from: 'sent', to: 'rescinded', reason: 'Budget frozen for the quarter' });
    expect(moved.seq).toBeGreaterThan(journal.find((e) => e.type === 'approval.decided')!.seq);
    expect(types).toContain('offer.links_revoked');
    expect((await p.offers.verify(id)).ok).toBe(true);
    expect((await api.inbox(cookies.legal!)).some((i) => i.offer.id === id)).toBe(false);
  });

  it('a senior offer also needs the HR business partner; the rescind waits for both', async () => {
    const { id, token, rowVersion } = await p.sentOffer({ level: 'L7' });
    expect((await p.offers.event(id, rowVersion, 'rescind', 'Role eliminated')).statusCode).toBe(202);
    expect((await api.approve(cookies.legal!, id, 'legal')).offer.status).toBe('sent');
    expect((await p.portal(token)).statusCode).toBe(200);
    expect((await api.approve(cookies.hrbp!, id, 'hrbp')).offer.status).toBe('rescinded');
    expect((await p.portal(token)).statusCode).toBe(404);
    const approvedBy = (await p.offers.journal(id)).find((e) => e.type === 'offer.rescind_approved')!.data.approvedBy as string[];
    expect(approvedBy.sort()).toEqual([p.fx.users.legal.id, p.fx.users.hrbp.id].sort());
  });

  it('a rejection refuses the rescind: the offer stays sent, the refusal is journaled, and a new request can be made', async () => {
    const { id, token, rowVersion } = await p.sentOffer();
    const res = await p.offers.event(id, rowVersion, 'rescind', 'Changed our mind');
    expect(res.statusCode, res.body).toBe(202);
    const step = (await api.inbox(cookies.legal!)).find((i) => i.offer.id === id)!;
    const rejected = await api.decide(cookies.legal!, step.id, 'reject', 'We made a commitment to this candidate');
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ step: { status: 'rejected' }, offer: { status: 'sent' } });
    expect((await p.portal(token)).statusCode).toBe(200);
    const offer = (await p.offers.get(id)).json();
    expect(offer.status).toBe('sent');
    expect(offer.rowVersion).toBeGreaterThan(rowVersion);
    const refused = (await p.offers.journal(id)).find((e) => e.type === 'offer.rescind_refused')!;
    expect(refused.data).toEqual({
      version: 1,
      stage: 'rescind_review',
      step: 'legal',
      decision: 'reject',
      comment: 'We made a commitment to this candidate',
      reason: 'Changed our mind',
    });
    expect(await journalTypes(id)).not.toContain('offer.rescind_approved');

    // Asking again starts a fresh request; the refused one stays in the log as superseded.
    const second = await p.offers.event(id, offer.rowVersion, 'rescind', 'Position cancelled by finance');
    expect(second.statusCode, second.body).toBe(202);
    expect(await api.statuses(p.cookie, id, 1)).toEqual(['rescind_review/hrbp:not_needed', 'rescind_review/legal:pending']);
    expect((await api.approve(cookies.legal!, id, 'legal')).offer.status).toBe('rescinded');
    const moved = (await p.offers.journal(id)).find((e) => e.type === 'offer.transitioned' && e.data.event === 'rescind')!;
    expect(moved.data.reason).toBe('Position cancelled by finance');
    const log = await api.plan(p.cookie, id);
    expect(log.steps.filter((s) => s.stepKey === 'legal').map((s) => `${s.status}:${s.decisions.map((d) => d.decision).join(',')}`).sort()).toEqual([
      'approved:approve',
      'superseded:reject',
    ]);
  });

  it('a request lapses when the candidate declines meanwhile: the step leaves the inbox and a late decision is refused', async () => {
    const { id, token, rowVersion } = await p.sentOffer();
    expect((await p.offers.event(id, rowVersion, 'rescind', 'Headcount cut')).statusCode).toBe(202);
    const step = (await api.inbox(cookies.legal!)).find((i) => i.offer.id === id)!;
    const declined = await p.portal(token, 'decline', { reason: 'another_offer' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await api.inbox(cookies.legal!)).some((i) => i.offer.id === id)).toBe(false);

    const late = await api.decide(cookies.legal!, step.id, 'approve');
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().detail).toContain('cannot be rescinded, so the rescind request lapsed');
    expect((await p.offers.get(id)).json().status).toBe('declined');
    expect(await api.statuses(p.cookie, id, 1)).toEqual(['rescind_review/hrbp:not_needed']);
    const closed = (await p.offers.journal(id)).find((e) => e.type === 'approval.steps_closed')!;
    expect(closed.data).toEqual({ steps: ['rescind_review/legal'], reason: 'rescind_lapsed', status: 'declined' });
  });

  it('a withdraw while a rescind waits closes the rescind steps', async () => {
    const { id, rowVersion } = await p.sentOffer();
    const res = await p.offers.event(id, rowVersion, 'rescind', 'Req on hold');
    expect(res.statusCode).toBe(202);
    const withdrawn = await p.offers.event(id, res.json().rowVersion, 'withdraw', 'Candidate pool reset');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await api.statuses(p.cookie, id, 1)).toEqual(['rescind_review/hrbp:not_needed']);
    expect((await api.inbox(cookies.legal!)).some((i) => i.offer.id === id)).toBe(false);
  });

  // Saves a newer policy: keep this test last.
  it('the person asking to rescind is never an approver of their own request', async () => {
    await api.savePolicy(cookies.admin!, withRescind.replace('approvers: [{ role: legal }]', 'approvers: [{ role: recruiter }]'));
    const { id, rowVersion } = await p.sentOffer();
    const res = await p.offers.event(id, rowVersion, 'rescind', 'Asking myself');
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.stringify(res.json())).toContain('is the person who asked to rescind the offer, who cannot approve it');
    expect((await p.offers.get(id)).json()).toMatchObject({ status: 'sent', rowVersion });
  });
});
