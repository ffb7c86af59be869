import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { hashPassword } from '../../../src/auth/secrets';
import * as setup from '../../../src/directory/org-setup.repo';
import { createOrgFixture, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { createTestApp, type TestApp } from '../../helpers/test-app';

describe('approval flow: routing on submit, decisions, phases', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'hiring_manager', 'hrbp', 'legal', 'it'] as const) {
      cookies[role] = await signIn(t.app, fx.users[role].email);
    }
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
    await api.savePolicy(cookies.admin!, flowPolicy);
  });
  afterAll(() => t.close());

  async function submitted(overrides: Parameters<OfferApi['createDraft']>[0] = {}) {
    const draft = await offers.createDraft(overrides);
    const res = await offers.submit(draft.id, draft.rowVersion);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; status: string; rowVersion: number };
  }

  it('routes an above-band offer to finance with named approvers and an explanation, then through the packet phase to approved', async () => {
    const offer = await submitted({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
    expect(offer.status).toBe('comp_review');
    const plan = await api.plan(cookies.recruiter!, offer.id);
    const finance = plan.steps.find((s) => s.stepKey === 'finance')!;
    expect(finance.status).toBe('pending');
    expect(finance.approvers.map((a) => a.id)).toEqual([fx.users.finance.id]);
    expect(finance.explanation).toBe('Finance: base $224,000 is 112% of the band max $200,000');
    expect(finance.dueAt).not.toBeNull();
    expect((plan as unknown as { exceptions: { reason: string }[] }).exceptions.map((e) => e.reason)).toEqual(['out_of_band']);
    expect(plan.steps.find((s) => s.stepKey === 'hrbp')!.status).toBe('not_needed');
    expect(plan.steps.find((s) => s.stepKey === 'hiring_manager')!.status).toBe('waiting');
    expect(plan.steps.find((s) => s.stepKey === 'legal')!.status).toBe('not_needed');

    const inbox = await api.inbox(cookies.finance!);
    const item = inbox.find((i) => i.offer.id === offer.id)!;
    expect(item.band).toMatchObject({ minCents: 150_000_00, maxCents: 200_000_00, offeredCents: 224_000_00 });
    expect((await api.approve(cookies.finance!, offer.id, 'finance')).offer.status).toBe('drafting');

    const afterComp = (await offers.get(offer.id)).json();
    const ready = await offers.event(offer.id, afterComp.rowVersion, 'packet_ready');
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json().status).toBe('in_approval');
    expect((await api.approve(cookies.hiring_manager!, offer.id, 'hiring_manager', 'Good to go')).offer.status).toBe('approved');

    const log = await api.plan(cookies.recruiter!, offer.id);
    expect(log.steps.find((s) => s.stepKey === 'hiring_manager')!.decisions).toMatchObject([
      { approver: { id: fx.users.hiring_manager.id }, actedBy: { id: fx.users.hiring_manager.id }, decision: 'approve', comment: 'Good to go', via: 'app' },
    ]);
    const journal = await offers.journal(offer.id);
    const types = journal.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['approval.routed', 'approval.stage_started', 'approval.decided', 'approval.step_approved']));
    expect(journal.filter((e) => e.type === 'approval.decided')).toHaveLength(2);
    expect((await offers.verify(offer.id)).ok).toBe(true);
  });

  it('skips the compensation phase when no compensation step applies', async () => {
    const offer = await submitted();
    expect(offer.status).toBe('drafting');
  });

  it('hides explanations from roles that may not read pay', async () => {
    const offer = await submitted({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 210_000_00 } });
    await api.approve(cookies.finance!, offer.id, 'finance');
    const current = (await offers.get(offer.id)).json();
    await offers.event(offer.id, current.rowVersion, 'packet_ready');
    const forIt = await api.plan(cookies.it!, offer.id);
    expect(forIt.steps.every((s) => s.explanation === null)).toBe(true);
    expect((forIt as unknown as { exceptions: unknown }).exceptions).toBeNull();
  });

  it('a rejection needs a comment, sends the offer back to draft with its terms, and closes the other open steps', async () => {
    const offer = await submitted({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
    const step = (await api.inbox(cookies.finance!)).find((i) => i.offer.id === offer.id)!;
    const noComment = await api.decide(cookies.finance!, step.id, 'reject');
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().errors[0].field).toBe('comment');
    const res = await api.decide(cookies.finance!, step.id, 'reject', 'Too far above band');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().offer.status).toBe('draft');
    const back = (await offers.get(offer.id)).json();
    expect(back.terms.compensation.baseSalaryCents).toBe(230_000_00);
    expect(await api.statuses(cookies.recruiter!, offer.id, 1)).toContain('comp/finance:rejected');
    const again = await api.decide(cookies.finance!, step.id, 'approve');
    expect(again.statusCode).toBe(409);
  });

  it('refuses decisions from someone who is not an approver', async () => {
    const offer = await submitted({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 240_000_00 } });
    const step = (await api.inbox(cookies.finance!)).find((i) => i.offer.id === offer.id)!;
    const res = await api.decide(cookies.hrbp!, step.id, 'approve');
    expect(res.statusCode).toBe(403);
  });

  it('refuses to submit when a step that must run has nobody to approve it, naming the step', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 120_000_00 } });
    await t.database.db.execute(`update departments set hrbp_id = null where id = '${fx.departmentId}'` as never);
    try {
      const res = await offers.submit(draft.id, draft.rowVersion);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ field: 'policy.comp/hrbp' });
      expect(res.json().errors[0].message).toContain('the HRBP of the department');
      expect((await offers.get(draft.id)).json().status).toBe('draft');
    } finally {
      await t.database.db.execute(`update departments set hrbp_id = '${fx.users.hrbp.id}' where id = '${fx.departmentId}'` as never);
    }
  });

  it("routes to the hiring manager's manager, who then sees the offer they are asked to approve", async () => {
    const vp = await setup.insertUser(t.database.db, { orgId: fx.orgId, email: `vp@${fx.slug}.test`, name: 'Vice President', passwordHash: await hashPassword(TEST_PASSWORD) });
    await setup.grantRole(t.database.db, fx.orgId, vp.id, 'hiring_manager');
    await setup.setManager(t.database.db, fx.orgId, fx.users.hiring_manager.id, vp.id);
    const skipLevel = flowPolicy.replace(
      '      - key: hrbp',
      `      - key: skip_level
        name: Hiring manager's manager
        approvers: [{ relation: hiring_manager_manager }]
        covers: [compensation]
      - key: hrbp`,
    );
    await api.savePolicy(cookies.admin!, skipLevel);
    const vpCookie = await signIn(t.app, vp.email);
    const draft = await offers.createDraft();
    expect((await t.app.inject({ url: `/api/v1/offers/${draft.id}`, headers: { cookie: vpCookie } })).statusCode).toBe(404);
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('comp_review');
    const seen = await t.app.inject({ url: `/api/v1/offers/${draft.id}`, headers: { cookie: vpCookie } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().terms.compensation.baseSalaryCents).toBe(180_000_00);
    const item = (await api.inbox(vpCookie)).find((i) => i.offer.id === draft.id)!;
    expect(item.band).not.toBeNull();
    expect((await api.approve(vpCookie, draft.id, 'skip_level')).offer.status).toBe('drafting');
  });
});
