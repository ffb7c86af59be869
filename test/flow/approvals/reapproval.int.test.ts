import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDate } from '../../../src/core/dates';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * Field-scoped re-approval through the API: a new version re-runs only the steps that cover a
 * changed field or whose condition now holds; the rest carry over, and the journal says so.
 */
describe('field-scoped re-approval', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};
  const aboveBand = { currency: 'USD' as const, payBasis: 'salary' as const, baseSalaryCents: 224_000_00 };

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'hiring_manager', 'legal'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
    await api.savePolicy(cookies.admin!, flowPolicy);
  });
  afterAll(() => t.close());

  /** An offer with finance approved and the hiring manager asking for changes: back in draft, ready for version 2. */
  async function approvedThenSentBack(terms = { compensation: aboveBand }) {
    const draft = await offers.createDraft(terms);
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await api.approve(cookies.finance!, draft.id, 'finance');
    const drafting = (await offers.get(draft.id)).json();
    expect((await offers.event(draft.id, drafting.rowVersion, 'packet_ready')).json().status).toBe('in_approval');
    const step = (await api.inbox(cookies.hiring_manager!)).find((i) => i.offer.id === draft.id)!;
    const back = await api.decide(cookies.hiring_manager!, step.id, 'request_changes', 'Start a week later, please');
    expect(back.json().offer.status).toBe('draft');
    return (await offers.get(draft.id)).json() as { id: string; rowVersion: number };
  }

  async function resubmit(id: string, rowVersion: number, overrides: Parameters<OfferApi['putDraft']>[2]) {
    const put = await offers.putDraft(id, rowVersion, overrides);
    expect(put.statusCode, put.body).toBe(200);
    const res = await offers.submit(id, put.json().rowVersion);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { status: string };
  }

  it('changing only the start date re-runs only the steps covering it; finance carries over and the journal says why', async () => {
    const offer = await approvedThenSentBack();
    const later = addDays(isoDate(TEST_NOW), 37);
    const v2 = await resubmit(offer.id, offer.rowVersion, { compensation: aboveBand, startDate: later });
    // Finance carried over, so the compensation phase is empty and the offer goes straight to drafting.
    expect(v2.status).toBe('drafting');
    expect(await api.statuses(cookies.recruiter!, offer.id, 2)).toEqual([
      'comp/finance:carried_over',
      'comp/hrbp:not_needed',
      'packet/hiring_manager:waiting',
      'packet/legal:not_needed',
    ]);
    const plan = await api.plan(cookies.recruiter!, offer.id);
    expect(plan.steps.find((s) => s.versionNumber === 2 && s.stepKey === 'finance')!.carriedFromVersion).toBe(1);
    const routed = (await offers.journal(offer.id)).filter((e) => e.type === 'approval.routed').at(-1)!;
    expect(routed.data.changedFields).toEqual(['startDate']);
    expect(routed.data.steps).toContainEqual(
      expect.objectContaining({ stage: 'comp', step: 'finance', outcome: 'carry_over', fromVersion: 1, note: 'carried over from version 1: no covered field changed' }),
    );
  });

  it('changing only base re-runs finance (it covers compensation) and the hiring manager not for that reason', async () => {
    const offer = await approvedThenSentBack();
    const v2 = await resubmit(offer.id, offer.rowVersion, { compensation: { ...aboveBand, baseSalaryCents: 226_000_00 } });
    expect(v2.status).toBe('comp_review');
    expect(await api.statuses(cookies.recruiter!, offer.id, 2)).toEqual([
      'comp/finance:pending',
      'comp/hrbp:not_needed',
      'packet/hiring_manager:waiting',
      'packet/legal:not_needed',
    ]);
    const item = (await api.inbox(cookies.finance!)).find((i) => i.offer.id === offer.id)!;
    expect(item.changedSinceApproval).toEqual(['compensation.baseSalaryCents']);
  });

  it('lowering base below the finance threshold marks finance not needed', async () => {
    const offer = await approvedThenSentBack();
    const v2 = await resubmit(offer.id, offer.rowVersion, { compensation: { ...aboveBand, baseSalaryCents: 190_000_00 } });
    expect(v2.status).toBe('drafting');
    expect(await api.statuses(cookies.recruiter!, offer.id, 2)).toContain('comp/finance:not_needed');
  });

  it('adding a non-standard clause adds legal to the packet phase', async () => {
    const offer = await approvedThenSentBack();
    await resubmit(offer.id, offer.rowVersion, { compensation: aboveBand, clauses: [{ key: 'remote_stipend', text: 'A $100 monthly home-office stipend.', standard: false }] });
    expect(await api.statuses(cookies.recruiter!, offer.id, 2)).toContain('packet/legal:waiting');
  });
});
