import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDecisions, outboundEmails } from '../../../src/db/schema';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

describe('approval e-mail links and delegation', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ publicUrl: 'https://offers.example.com' });
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'hrbp'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
    await api.savePolicy(cookies.admin!, flowPolicy);
  });
  afterAll(() => t.close());

  async function aboveBandOffer() {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('comp_review');
    return draft.id;
  }

  /** The token in the newest approval e-mail to finance. */
  async function latestLinkToken(): Promise<string> {
    const mails = await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, fx.users.finance.email)));
    const text = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!.textBody;
    const match = /https:\/\/offers\.example\.com\/approve\/([\w-]+)/.exec(text);
    expect(match, text).not.toBeNull();
    return match![1]!;
  }

  it('the e-mail holds a link that shows the step without deciding, then decides once on confirmation', async () => {
    const id = await aboveBandOffer();
    const token = await latestLinkToken();
    const mail = (await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, fx.users.finance.email))).at(-1)!;
    expect(mail.status).toBe('held');
    expect(mail.textBody).not.toContain('230,000');

    const opened = await t.app.inject({ url: `/api/v1/approval-links/${token}` });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ approver: { name: 'finance person' }, step: { stepName: 'Finance', status: 'pending' } });
    expect((await api.plan(cookies.recruiter!, id)).steps.find((s) => s.stepKey === 'finance')!.status).toBe('pending');

    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/approval-links/${token}/decision`, payload: { decision: 'approve', comment: 'From my phone' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().offer.status).toBe('drafting');
    const log = (await api.plan(cookies.recruiter!, id)).steps.find((s) => s.stepKey === 'finance')!.decisions;
    expect(log).toMatchObject([{ approver: { id: fx.users.finance.id }, via: 'email_link', comment: 'From my phone' }]);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/approval-links/${token}/decision`, payload: { decision: 'approve' } });
    expect(again.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/approval-links/${token}` })).statusCode).toBe(404);
  });

  it('refuses an expired link and an unknown one alike', async () => {
    await aboveBandOffer();
    const token = await latestLinkToken();
    t.clock.advance(8 * 24 * 3600_000);
    try {
      expect((await t.app.inject({ url: `/api/v1/approval-links/${token}` })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/api/v1/approval-links/oal_not-a-real-token-000000000000' })).statusCode).toBe(404);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('a delegate approves for someone away; the log and the journal name both', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/delegation',
      headers: { cookie: cookies.finance!, ...csrfHeader },
      payload: { delegateId: fx.users.hrbp.id, endsAt: '2027-03-10T00:00:00Z' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().delegations[0].delegate.id).toBe(fx.users.hrbp.id);
    try {
      const id = await aboveBandOffer();
      const item = (await api.inbox(cookies.hrbp!)).find((i) => i.offer.id === id)!;
      expect(item.onBehalfOf).toMatchObject({ id: fx.users.finance.id });
      const res = await api.decide(cookies.hrbp!, item.id, 'approve', 'Covering for finance');
      expect(res.statusCode, res.body).toBe(200);
      const [row] = await t.database.db.select().from(approvalDecisions).where(eq(approvalDecisions.stepId, item.id));
      expect(row).toMatchObject({ approverId: fx.users.finance.id, actedById: fx.users.hrbp.id });
      const entry = (await offers.journal(id)).find((e) => e.type === 'approval.decided')!;
      expect(entry.data).toMatchObject({ approverId: fx.users.finance.id, onBehalfOf: fx.users.finance.id, delegateId: fx.users.hrbp.id });
    } finally {
      await t.app.inject({ method: 'DELETE', url: '/api/v1/me/delegation', headers: { cookie: cookies.finance!, ...csrfHeader } });
    }
  });

  it('refuses a delegation to oneself, to an unknown user, or ending before it starts', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/delegation',
      headers: { cookie: cookies.finance!, ...csrfHeader },
      payload: { delegateId: fx.users.finance.id, startsAt: '2027-03-05T00:00:00Z', endsAt: '2027-03-04T00:00:00Z' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['delegateId', 'endsAt']);
  });
});
