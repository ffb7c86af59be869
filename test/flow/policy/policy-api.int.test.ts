import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalSteps, jobs, notifications } from '../../../src/db/schema';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/** The flow policy without the finance step: what a newer policy version might say. */
const withoutFinance = flowPolicy.replace(/      - key: finance[\s\S]*?covers: \[compensation\]\n/, '');

describe('approval policies: versions, validation, simulation, moving offers', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};
  const post = (role: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: cookies[role]!, ...csrfHeader }, payload });

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'it'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
  });
  afterAll(() => t.close());

  it('without a policy, submit skips both approval phases', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 250_000_00 } });
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('drafting');
  });

  it('saves versions with their history; only admins save, readers check', async () => {
    expect(withoutFinance).not.toContain('key: finance');
    const v1 = await api.savePolicy(cookies.admin!, flowPolicy);
    expect(v1.number).toBe(1);
    const forbidden = await post('recruiter', '/api/v1/policies/versions', { format: 'yaml', source: flowPolicy });
    expect(forbidden.statusCode).toBe(403);
    const checked = await post('recruiter', '/api/v1/policies/validate', { format: 'yaml', source: flowPolicy });
    expect(checked.json()).toEqual({ ok: true, problems: [] });
    const list = await t.app.inject({ url: '/api/v1/policies', headers: { cookie: cookies.finance! } });
    expect(list.json()).toMatchObject([{ id: v1.policyId, businessUnitId: null, currentVersion: 1, versions: [{ number: 1 }] }]);
    const one = await t.app.inject({ url: `/api/v1/policies/${v1.policyId}/versions/1`, headers: { cookie: cookies.recruiter! } });
    expect(one.json()).toMatchObject({ number: 1, format: 'yaml', source: flowPolicy });
    expect((await t.app.inject({ url: `/api/v1/policies/${v1.policyId}/versions/1`, headers: { cookie: cookies.it! } })).statusCode).toBe(403);
  });

  it('refuses an invalid policy at save time with the path of the problem, in YAML and JSON', async () => {
    const badRole = flowPolicy.replace('{ role: finance }', '{ role: treasurer }');
    const res = await post('admin', '/api/v1/policies/versions', { format: 'yaml', source: badRole });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0]).toMatchObject({ field: 'policy.stages[0].steps[0].approvers[0].role' });
    const json = JSON.stringify({ stages: [{ key: 'comp', name: 'Comp', phase: 'compensation', steps: [{ key: 'f', name: 'F', approvers: [{ role: 'finance' }], covers: ['compensation.salary'] }] }] });
    const badJson = await post('admin', '/api/v1/policies/versions', { format: 'json', source: json });
    expect(badJson.statusCode).toBe(422);
    expect(badJson.json().errors[0].field).toBe('policy.stages[0].steps[0].covers[0]');
    const checked = await post('admin', '/api/v1/policies/validate', { format: 'yaml', source: 'stages: [' });
    expect(checked.json().ok).toBe(false);
  });

  it('simulates an offer or a draft and creates nothing', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
    const stepsBefore = (await t.database.db.select({ n: count() }).from(approvalSteps))[0]!.n;
    const jobsBefore = (await t.database.db.select({ n: count() }).from(jobs))[0]!.n;
    const notesBefore = (await t.database.db.select({ n: count() }).from(notifications))[0]!.n;
    const sim = await post('recruiter', '/api/v1/policies/simulate', { offerId: draft.id });
    expect(sim.statusCode, sim.body).toBe(200);
    const body = sim.json();
    expect(body.policy).toEqual({ from: 'active', versionNumber: 1 });
    expect(body.exceptions).toEqual([expect.objectContaining({ reason: 'out_of_band' })]);
    expect(body.steps.find((s: { stepKey: string }) => s.stepKey === 'finance')).toMatchObject({
      outcome: 'run',
      explanation: 'Finance: base $224,000 is 112% of the band max $200,000',
      approvers: [{ id: fx.users.finance.id }],
    });
    const asDraft = await post('recruiter', '/api/v1/policies/simulate', { draft: { requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW) }, policy: { format: 'yaml', source: withoutFinance } });
    expect(asDraft.statusCode, asDraft.body).toBe(200);
    expect(asDraft.json().policy.from).toBe('given');
    expect(asDraft.json().steps.map((s: { stepKey: string }) => s.stepKey)).not.toContain('finance');
    expect((await post('it', '/api/v1/policies/simulate', { offerId: draft.id })).statusCode).toBe(404);
    expect((await t.database.db.select({ n: count() }).from(approvalSteps))[0]!.n).toBe(stepsBefore);
    expect((await t.database.db.select({ n: count() }).from(jobs))[0]!.n).toBe(jobsBefore);
    expect((await t.database.db.select({ n: count() }).from(notifications))[0]!.n).toBe(notesBefore);
  });

  it('in-flight offers keep their policy version; an admin may move one, journaled and re-routed', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
    const submitted = (await offers.submit(draft.id, draft.rowVersion)).json();
    expect(submitted.status).toBe('comp_review');
    const v2 = await api.savePolicy(cookies.admin!, withoutFinance);
    expect(v2.number).toBe(2);
    // A new offer follows version 2; the one in flight stays on version 1.
    const fresh = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
    expect((await offers.submit(fresh.id, fresh.rowVersion)).json().status).toBe('drafting');
    expect((await api.plan(cookies.recruiter!, draft.id)).policyVersion!.number).toBe(1);

    const move = (role: string, rowVersion: number) =>
      t.app.inject({ method: 'POST', url: `/api/v1/offers/${draft.id}/policy-migration`, headers: { cookie: cookies[role]!, ...csrfHeader, 'if-match': `"${rowVersion}"` }, payload: { policyVersionId: v2.id } });
    expect((await move('recruiter', submitted.rowVersion)).statusCode).toBe(403);
    const moved = await move('admin', submitted.rowVersion);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'drafting', policyVersionId: v2.id });
    const plan = await api.plan(cookies.recruiter!, draft.id);
    expect(plan.policyVersion!.number).toBe(2);
    expect(plan.steps.filter((s) => s.stepKey === 'finance').map((s) => s.status)).toEqual(['superseded']);
    const types = (await offers.journal(draft.id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['approval.policy_changed', 'approval.routed', 'offer.transitioned']);
    expect((await offers.verify(draft.id)).ok).toBe(true);
  });

  it('a business unit policy takes precedence over the organisation policy for its offers', async () => {
    const unitOnly = flowPolicy.replace('when: { field: facts.aboveBandMax, op: eq, value: true }', 'when: { field: facts.firstYearCashCents, op: gt, value: 1 }');
    const saved = await api.savePolicy(cookies.admin!, unitOnly, fx.businessUnitId);
    expect(saved.number).toBe(1);
    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('comp_review');
    expect((await t.database.db.select().from(approvalSteps).where(eq(approvalSteps.offerId, draft.id))).map((s) => s.stepKey)).toContain('finance');
  });
});
