import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineField } from '../../helpers/custom-fields';
import { csrfHeader } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { negotiationWorld, type NegotiationWorld } from '../negotiation/negotiation-fixture';

/**
 * Approval policies naming custom fields, through the API: refused at save time when a field is
 * unknown, retired or tested with an operator that does not fit it; routing by the version's
 * custom values; and a negotiated new version that changed only a covered custom field re-running
 * only the steps that cover it.
 */

/** Finance for two cost centers, the HR business partner for visa sponsorship, the hiring manager always. */
const customPolicy = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: finance
        name: Finance
        when: { field: custom.cost_center, op: in, value: [CC-200, CC-300] }
        approvers: [{ role: finance }]
        covers: [compensation, custom.cost_center]
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
        covers: [startDate]
      - key: hrbp
        name: HR business partner
        when: { field: custom.visa_sponsorship, op: eq, value: true }
        approvers: [{ relation: department_hrbp }]
        covers: [custom.visa_sponsorship]
`;

const fields = [
  {
    key: 'cost_center',
    label: 'Cost center',
    type: 'single_select',
    options: [
      { value: 'CC-100', label: 'Platform' },
      { value: 'CC-200', label: 'Data' },
      { value: 'CC-300', label: 'Research' },
    ],
  },
  { key: 'visa_sponsorship', label: 'Visa sponsorship', type: 'boolean' },
  { key: 'remote_stipend', label: 'Remote stipend', type: 'money' },
  { key: 'union_code', label: 'Union code', type: 'text' },
];

describe('approval policies on custom fields', () => {
  let w: NegotiationWorld;
  const post = (url: string, payload: object, cookie = w.admin) => w.t.app.inject({ method: 'POST', url, headers: { cookie, ...csrfHeader }, payload });

  beforeAll(async () => {
    w = await negotiationWorld();
    for (const f of fields) await defineField(w.t.app, w.admin, f);
    const retired = await post('/api/v1/admin/fields/union_code/retire', {});
    expect(retired.statusCode, retired.body).toBe(200);
    await w.approvals.savePolicy(w.admin, customPolicy);
  });
  afterAll(() => w.close());

  async function submitted(custom: Record<string, unknown> | undefined) {
    w.t.clock.advance(60 * 60_000);
    const draft = await w.offers.createDraft(custom ? { custom } : {});
    const res = await w.offers.submit(draft.id, draft.rowVersion);
    expect(res.statusCode, res.body).toBe(200);
    return { id: draft.id, status: res.json().status as string };
  }

  it('routes an offer with the custom value through the steps conditioned on it, and one without it past them', async () => {
    const withValues = await submitted({ cost_center: 'CC-200', visa_sponsorship: true });
    expect(withValues.status).toBe('comp_review');
    expect(await w.approvals.statuses(w.recruiter, withValues.id, 1)).toEqual(['comp/finance:pending', 'packet/hiring_manager:waiting', 'packet/hrbp:waiting']);
    const steps = (await w.approvals.plan(w.recruiter, withValues.id)).steps;
    expect(steps.find((s) => s.stepKey === 'finance')!.explanation).toBe('Finance: Cost center is Data (CC-200)');
    expect(steps.find((s) => s.stepKey === 'hrbp')!.explanation).toBe('HR business partner: Visa sponsorship: yes');

    const other = await submitted({ cost_center: 'CC-100' });
    expect(other.status).toBe('drafting');
    expect(await w.approvals.statuses(w.recruiter, other.id, 1)).toEqual(['comp/finance:not_needed', 'packet/hiring_manager:waiting', 'packet/hrbp:not_needed']);

    const without = await submitted(undefined);
    expect(without.status).toBe('drafting');
    const explained = (await w.approvals.plan(w.recruiter, without.id)).steps.map((s) => s.explanation);
    expect(explained).toEqual(['Finance: not needed: Cost center is not set', 'Hiring manager: always required by the policy', 'HR business partner: not needed: Visa sponsorship is not set']);
  });

  it('a negotiated new version that changes only a covered custom field re-runs only the steps covering it', async () => {
    w.t.clock.advance(60 * 60_000);
    const draft = await w.offers.createDraft({ custom: { cost_center: 'CC-200', visa_sponsorship: true } });
    expect((await w.offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await w.approveAll(draft.id);
    await w.sign.sendOffer(draft.id);
    const asked = await w.askInternal(draft.id, { changes: [{ field: 'title', asked: 'Staff Engineer' }], reason: 'Moving to the research group' }, 'hiring_manager');
    expect(asked.statusCode, asked.body).toBe(201);
    // The title stays: the request is declined, and the new version changes only the cost center.
    const back = await w.newVersion(draft.id, { answers: [{ requestId: asked.json().id, deltas: [{ field: 'title', decision: 'reject' }] }] });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'draft', changedFields: [] });

    const put = await w.offers.putDraft(draft.id, back.json().rowVersion, { custom: { cost_center: 'CC-300', visa_sponsorship: true } });
    expect(put.statusCode, put.body).toBe(200);
    const v2 = await w.offers.submit(draft.id, put.json().rowVersion);
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().status).toBe('comp_review');
    expect(await w.approvals.statuses(w.recruiter, draft.id, 2)).toEqual(['comp/finance:pending', 'packet/hiring_manager:carried_over', 'packet/hrbp:carried_over']);

    const routed = (await w.offers.journal(draft.id)).filter((e) => e.type === 'approval.routed').at(-1)!;
    expect(routed.data.changedFields).toEqual(['custom.cost_center']);
    expect(routed.data.steps).toContainEqual(expect.objectContaining({ stage: 'packet', step: 'hrbp', outcome: 'carry_over', fromVersion: 1 }));
    const item = (await w.approvals.inbox(w.cookies.finance)).find((i) => i.offer.id === draft.id)!;
    expect(item.changedSinceApproval).toEqual(['custom.cost_center']);
  });

  it('refuses a policy naming an unknown or retired custom field, or testing one with an operator that does not fit, naming the path', async () => {
    const save = (source: string) => post('/api/v1/policies/versions', { format: 'yaml', source, businessUnitId: null });
    const cases: [string, string, string, RegExp][] = [
      ['an unknown key', 'custom.cost_center, op: in', 'custom.cost_centre, op: in', /unknown custom field "custom.cost_centre"/],
      ['a retired field', '{ field: custom.visa_sponsorship, op: eq, value: true }', '{ field: custom.union_code, op: exists }', /"custom.union_code" \(Union code\) is retired/],
      ['gt on a select', 'custom.cost_center, op: in, value: [CC-200, CC-300]', 'custom.cost_center, op: gt, value: CC-200', /"gt" does not apply to custom.cost_center \(Cost center, enum\)/],
      ['a value that is not an option', 'value: [CC-200, CC-300]', 'value: [CC-200, CC-999]', /"CC-999" is not a value of custom.cost_center/],
      ['contains on a boolean', 'custom.visa_sponsorship, op: eq, value: true', 'custom.visa_sponsorship, op: contains, value: true', /"contains" does not apply to custom.visa_sponsorship/],
    ];
    const paths = ['policy.stages[0].steps[0].when.field', 'policy.stages[1].steps[1].when.field', 'policy.stages[0].steps[0].when.op', 'policy.stages[0].steps[0].when.value[1]', 'policy.stages[1].steps[1].when.op'];
    for (const [i, [kind, from, to, message]] of cases.entries()) {
      const source = customPolicy.replace(from, to);
      expect(source, kind).not.toBe(customPolicy);
      const problem = expectProblem(await save(source), 422);
      expect(problem.errors, kind).toContainEqual({ field: paths[i], message: expect.stringMatching(message) });
    }
    const badCover = expectProblem(await save(customPolicy.replace('covers: [custom.visa_sponsorship]', 'covers: [custom.union_code]')), 422);
    expect(badCover.errors).toEqual([{ field: 'policy.stages[1].steps[1].covers[0]', message: expect.stringContaining('is retired') }]);
    // Checking without saving says the same.
    const checked = await post('/api/v1/policies/validate', { format: 'yaml', source: customPolicy.replace('custom.cost_center, op: in', 'custom.nope, op: in') }, w.recruiter);
    expect(checked.json()).toEqual({ ok: false, problems: [{ path: 'stages[0].steps[0].when.field', message: expect.stringContaining('unknown custom field "custom.nope"') }] });
  });

  it('simulates a draft against a policy naming custom fields, explaining by label', async () => {
    const sim = await post('/api/v1/policies/simulate', { draft: { requisitionId: w.fx.requisitionId, terms: w.offers.terms({ custom: { cost_center: 'CC-300' } }) } }, w.recruiter);
    expect(sim.statusCode, sim.body).toBe(200);
    expect(sim.json().steps.map((s: { explanation: string }) => s.explanation)).toEqual([
      'Finance: Cost center is Research (CC-300)',
      'Hiring manager: always required by the policy',
      'HR business partner: not needed: Visa sponsorship is not set',
    ]);
  });

  it('a field a saved policy names cannot be retired without forcing it', async () => {
    const res = await post('/api/v1/admin/fields/cost_center/retire', {});
    expect(res.statusCode, res.body).toBe(409);
  });
});
