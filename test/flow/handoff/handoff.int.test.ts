import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../src/db/schema';
import { addDays } from '../../../src/core/dates';
import * as setup from '../../../src/directory/org-setup.repo';
import type { OfferTermsInput } from '../../../src/flow/intake/offer-terms.schema';
import { handoffFieldsOf, handoffViews } from '../../../src/flow/handoff/handoff-fields';
import { createOrgFixture, csrfHeader, signIn } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { TEST_NOW } from '../../helpers/test-app';
import { MINUTE, signingApi, signingWorld, type SigningWorld } from '../signing/signing-fixture';

const START = addDays(TEST_NOW.toISOString().slice(0, 10), 30);
const payKeys = ['payBasis', 'currency', 'baseSalaryCents', 'hourlyRateCents', 'bonusTargetPercent', 'signOnBonusCents', 'relocationCents', 'equityKind', 'equityUnits', 'equityVestingSchedule'];

describe('closeout and handoff', () => {
  let w: SigningWorld;
  let api: ReturnType<typeof signingApi>;
  const cookies = {} as Record<'it' | 'payroll' | 'hr_ops' | 'finance' | 'hiring_manager', string>;
  let mainId: string;
  let failId: string;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object, ifMatch?: number) =>
    w.t.app.inject({ method, url, headers: { cookie, ...(method === 'GET' ? {} : csrfHeader), ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) }, ...(payload ? { payload } : {}) });

  /** Draft, submit, send, the candidate signs, the completion job runs: an accepted offer. */
  async function acceptedOffer(overrides: Partial<OfferTermsInput>): Promise<string> {
    w.t.clock.advance(60 * MINUTE);
    const draft = await w.offers.createDraft(overrides);
    expect((await w.offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await w.t.app.jobs.runDue();
    const token = await api.sendOffer(draft.id);
    await api.candidateSigns(token);
    while ((await w.t.app.jobs.runDue()) > 0);
    expect(await api.status(draft.id)).toBe('accepted');
    return draft.id;
  }

  beforeAll(async () => {
    w = await signingWorld();
    api = signingApi(w);
    for (const role of Object.keys({ it: 1, payroll: 1, hr_ops: 1, finance: 1, hiring_manager: 1 }) as (keyof typeof cookies)[]) cookies[role] = await signIn(w.t.app, w.fx.users[role].email);
    const otherUnit = await setup.insertBusinessUnit(w.t.database.db, { orgId: w.fx.orgId, name: 'Sales' });
    const templates = [
      { key: 'it_laptop', title: 'Laptop and accounts', ownerRole: 'it', dueOffsetDays: -5 },
      { key: 'payroll_setup', title: 'Payroll set-up', ownerRole: 'payroll', dueOffsetDays: -3, employmentTypes: ['full_time', 'part_time'] },
      { key: 'hr_i9', title: 'I-9 and policies', ownerRole: 'hr_ops', dueOffsetDays: 3 },
      { key: 'manager_plan', title: 'First-day plan', ownerRole: 'hiring_manager', dueOffsetDays: -7 },
      { key: 'contractor_badge', title: 'Contractor badge', ownerRole: 'it', dueOffsetDays: -1, employmentTypes: ['contract_1099'] },
      { key: 'sales_kit', title: 'Sales kit', ownerRole: 'hr_ops', dueOffsetDays: 0, businessUnitId: otherUnit.id },
      { key: 'old_task', title: 'Retired', ownerRole: 'hr_ops', dueOffsetDays: 0 },
    ];
    for (const t of templates) expect((await req('POST', '/api/v1/admin/onboarding-task-templates', w.admin, t)).statusCode).toBe(201);
    expectProblem(await req('POST', '/api/v1/admin/onboarding-task-templates', w.admin, templates[0]!), 409);
    expectProblem(await req('POST', '/api/v1/admin/onboarding-task-templates', w.recruiter, { ...templates[0]!, key: 'x' }), 403);
    const list = (await req('GET', '/api/v1/admin/onboarding-task-templates', w.admin)).json() as { id: string; key: string }[];
    const retire = await req('PATCH', `/api/v1/admin/onboarding-task-templates/${list.find((t) => t.key === 'old_task')!.id}`, w.admin, { retired: true });
    expect(retire.json().retiredAt).not.toBeNull();

    mainId = await acceptedOffer({ contingencies: ['background_check', 'references'], compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 180_000_00, equity: { kind: 'rsu', units: 1000, vestingSchedule: '4y/1y cliff' } } });
    failId = await acceptedOffer({ employmentType: 'contract_1099', contingencies: ['drug_screen'] });
  }, 240_000);
  afterAll(() => w.close());

  it('generates onboarding tasks on acceptance from the templates for its employment type and business unit, due relative to the start date', async () => {
    const tasks = (await req('GET', `/api/v1/offers/${mainId}/onboarding-tasks`, w.recruiter)).json() as { templateKey: string; dueDate: string; ownerRole: string; assigneeId: string | null; status: string }[];
    expect(tasks.map((t) => [t.templateKey, t.dueDate]).sort()).toEqual(
      [
        ['hr_i9', addDays(START, 3)],
        ['it_laptop', addDays(START, -5)],
        ['manager_plan', addDays(START, -7)],
        ['payroll_setup', addDays(START, -3)],
      ].sort(),
    );
    expect(tasks.every((t) => t.status === 'open')).toBe(true);
    expect(tasks.find((t) => t.templateKey === 'manager_plan')!.assigneeId).toBe(w.fx.users.hiring_manager.id);
    const contractor = (await req('GET', `/api/v1/offers/${failId}/onboarding-tasks`, w.recruiter)).json() as { templateKey: string }[];
    expect(contractor.map((t) => t.templateKey).sort()).toEqual(['contractor_badge', 'hr_i9', 'it_laptop', 'manager_plan']);
    const journal = await w.offers.journal(mainId);
    expect(journal.filter((e) => e.type === 'contingency.added').map((e) => e.data.kind)).toEqual(['background_check', 'references']);
  });

  it('blocks the handoff while a contingency is pending (409 naming it) and until the start date is confirmed; a waiver needs a reason', async () => {
    const before = (await req('GET', `/api/v1/offers/${mainId}/contingencies`, w.recruiter)).json();
    expect(before.items.map((c: { kind: string; status: string }) => [c.kind, c.status])).toEqual([['background_check', 'pending'], ['references', 'pending']]);
    expect(before.nextAction).toBe('clear_contingencies');
    const [bg, refs] = before.items as { id: string }[];

    let rv = await api.rowVersion(mainId);
    const blocked = expectProblem(await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter, undefined, rv), 409);
    expect(blocked.detail).toContain('Background check');
    expect(blocked.detail).toContain('References');
    expect(blocked.detail).toContain(bg!.id);

    // A custom contingency, its owner and due date changed, then cleared.
    const custom = await req('POST', `/api/v1/offers/${mainId}/contingencies`, cookies.hr_ops, { label: 'Professional licence', dueDate: addDays(START, -10) });
    expect(custom.statusCode, custom.body).toBe(201);
    expect(custom.json()).toMatchObject({ kind: 'custom', status: 'pending', label: 'Professional licence' });
    const patched = await req('PATCH', `/api/v1/offers/${mainId}/contingencies/${custom.json().id}`, cookies.hr_ops, { ownerUserId: w.fx.users.hr_ops.id, dueDate: addDays(START, -8) });
    expect(patched.json()).toMatchObject({ ownerUserId: w.fx.users.hr_ops.id, dueDate: addDays(START, -8) });
    expectProblem(await req('POST', `/api/v1/offers/${mainId}/contingencies`, cookies.it, { label: 'x' }), 403);
    // An owner or business unit of another organisation is refused by name.
    const stranger = await createOrgFixture(w.t.database.db);
    expectProblem(await req('PATCH', `/api/v1/offers/${mainId}/contingencies/${custom.json().id}`, cookies.hr_ops, { ownerUserId: stranger.users.hr_ops.id }), 422, { fields: ['ownerUserId'] });
    expectProblem(await req('POST', '/api/v1/admin/onboarding-task-templates', w.admin, { key: 'foreign', title: 'x', ownerRole: 'it', dueOffsetDays: 0, businessUnitId: stranger.businessUnitId }), 422, { fields: ['businessUnitId'] });

    expectProblem(await req('POST', `/api/v1/offers/${mainId}/contingencies/${refs!.id}/decision`, cookies.hr_ops, { status: 'waived' }), 422, { fields: ['reason'] });
    expectProblem(await req('POST', `/api/v1/offers/${mainId}/contingencies/${refs!.id}/decision`, cookies.hr_ops, { status: 'waived', reason: '  ' }), 422, { fields: ['reason'] });
    expect((await req('POST', `/api/v1/offers/${mainId}/contingencies/${bg!.id}/decision`, cookies.hr_ops, { status: 'cleared' })).json().status).toBe('cleared');
    rv = await api.rowVersion(mainId);
    const stillBlocked = expectProblem(await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter, undefined, rv), 409);
    expect(stillBlocked.detail).toContain('References');
    expect(stillBlocked.detail).not.toContain('Background check');
    const waived = await req('POST', `/api/v1/offers/${mainId}/contingencies/${refs!.id}/decision`, cookies.hr_ops, { status: 'waived', reason: 'Known to the team from a previous contract' });
    expect(waived.json()).toMatchObject({ status: 'waived', reason: 'Known to the team from a previous contract', decidedBy: w.fx.users.hr_ops.id });
    await req('POST', `/api/v1/offers/${mainId}/contingencies/${custom.json().id}/decision`, cookies.hr_ops, { status: 'cleared' });

    rv = await api.rowVersion(mainId);
    expect(expectProblem(await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter, undefined, rv), 409).detail).toContain('start date');
    expect((await req('GET', `/api/v1/offers/${mainId}/contingencies`, w.recruiter)).json().nextAction).toBe('confirm_start_date');
    expectProblem(await req('POST', `/api/v1/offers/${mainId}/start-date-confirmation`, w.recruiter, { startDate: '2020-01-01' }), 422, { fields: ['startDate'] });
    const confirmed = await req('POST', `/api/v1/offers/${mainId}/start-date-confirmation`, cookies.hr_ops, { startDate: addDays(START, 7) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ startDateConfirmed: addDays(START, 7), nextAction: 'hand_off', handedOff: false });
    // Open tasks moved with the start date.
    const tasks = (await req('GET', `/api/v1/offers/${mainId}/onboarding-tasks`, w.recruiter)).json() as { templateKey: string; dueDate: string }[];
    expect(tasks.find((t) => t.templateKey === 'it_laptop')!.dueDate).toBe(addDays(START, 2));

    // The HRIS gets the record on completion through the opt-in webhook event handoff.record.
    const hook = await req('POST', '/api/v1/webhooks/endpoints', w.admin, { url: 'http://127.0.0.1:9/hris', eventTypes: ['handoff.record'] });
    expect(hook.statusCode, hook.body).toBe(201);
    rv = await api.rowVersion(mainId);
    expectProblem(await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter, undefined, rv - 1), 409);
    expectProblem(await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter), 428);
    const handed = await req('POST', `/api/v1/offers/${mainId}/hand-off`, w.recruiter, undefined, rv);
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ status: 'handed_off', handedOff: true, nextAction: null });
    expect(handed.json().record).toMatchObject({ startDate: addDays(START, 7), candidateName: 'Ada Lovelace', baseSalaryCents: 180_000_00, contingencies: 'background_check:cleared;references:waived;custom:cleared' });
    expect(await api.status(mainId)).toBe('handed_off');
    const [event] = await w.t.database.db.select().from(webhookEvents).where(and(eq(webhookEvents.offerId, mainId), eq(webhookEvents.type, 'handoff.record')));
    expect((event?.payload as { record: Record<string, unknown> }).record).toMatchObject({ offerId: mainId, baseSalaryCents: 180_000_00, startDate: addDays(START, 7) });

    const journal = await w.offers.journal(mainId);
    const decided = journal.filter((e) => e.type === 'contingency.decided');
    expect(decided.map((e) => e.data.status)).toEqual(['cleared', 'waived', 'cleared']);
    // The journal holds ids and kinds, never the reason (free text).
    expect(JSON.stringify(journal)).not.toContain('previous contract');
    expect(journal.some((e) => e.type === 'offer.handed_off')).toBe(true);
    expect(journal.find((e) => e.type === 'offer.transitioned' && e.data.event === 'hand_off')).toBeTruthy();
    expect((await w.offers.verify(mainId)).ok).toBe(true);
  });

  it('a failed contingency notifies the recruiter and makes rescind the next action; the handoff stays blocked', async () => {
    const [drug] = (await req('GET', `/api/v1/offers/${failId}/contingencies`, w.recruiter)).json().items as { id: string }[];
    expectProblem(await req('POST', `/api/v1/offers/${failId}/contingencies/${drug!.id}/decision`, cookies.hr_ops, { status: 'failed' }), 422, { fields: ['reason'] });
    const failed = await req('POST', `/api/v1/offers/${failId}/contingencies/${drug!.id}/decision`, cookies.hr_ops, { status: 'failed', reason: 'Result did not meet the policy' });
    expect(failed.json().status).toBe('failed');
    const state = (await req('GET', `/api/v1/offers/${failId}/contingencies`, w.recruiter)).json();
    expect(state.nextAction).toBe('rescind');
    expect(state.items[0].reason).toBe('Result did not meet the policy');
    // IT sees the checklist but not why a check failed.
    expect((await req('GET', `/api/v1/offers/${failId}/contingencies`, cookies.it)).json().items[0]).toMatchObject({ status: 'failed', reason: null });
    expect(state.blocking).toEqual([expect.objectContaining({ id: drug!.id, kind: 'drug_screen', status: 'failed' })]);
    const inbox = (await req('GET', '/api/v1/notifications', w.recruiter)).json().items as { kind: string; offerId: string; body: string }[];
    const notice = inbox.find((n) => n.kind === 'contingency.failed' && n.offerId === failId);
    expect(notice?.body).toContain('Rescind');
    expect((await req('GET', `/api/v1/offers/${failId}/handoff`, w.recruiter)).json().nextAction).toBe('rescind');
    await req('POST', `/api/v1/offers/${failId}/start-date-confirmation`, w.recruiter, { startDate: START });
    const blocked = expectProblem(await req('POST', `/api/v1/offers/${failId}/hand-off`, w.recruiter, undefined, await api.rowVersion(failId)), 409);
    expect(blocked.detail).toContain('Drug screen');
    // The suggested action is the ordinary rescind (approval applies when the policy asks for it).
    const rescind = await w.offers.event(failId, await api.rowVersion(failId), 'rescind', 'Drug screen failed');
    expect([200, 202]).toContain(rescind.statusCode);
  });

  it('IT, payroll and HR ops each see exactly their handoff fields; IT never sees pay', async () => {
    const view = async (cookie: string) => (await req('GET', `/api/v1/offers/${mainId}/handoff`, cookie)).json() as { fields: string[]; record: Record<string, unknown> };
    const it_ = await view(cookies.it);
    expect(Object.keys(it_.record).sort()).toEqual([...handoffViews.it].sort());
    expect(Object.keys(it_.record).sort()).toEqual(['candidateName', 'locationCity', 'locationRemote', 'locationState', 'managerId', 'managerName', 'offerId', 'startDate', 'title']);
    expect(Object.keys(it_.record).filter((k) => payKeys.includes(k))).toEqual([]);
    expect(it_.record).toMatchObject({ candidateName: 'Ada Lovelace', title: 'Backend Engineer', startDate: addDays(START, 7), locationCity: 'San Francisco', managerName: 'hiring_manager person' });

    const payroll = await view(cookies.payroll);
    expect(Object.keys(payroll.record).sort()).toEqual(['baseSalaryCents', 'candidateName', 'currency', 'employmentType', 'flsaStatus', 'hourlyRateCents', 'locationState', 'offerId', 'payBasis', 'startDate']);
    expect(payroll.record).toMatchObject({ baseSalaryCents: 180_000_00, payBasis: 'salary', flsaStatus: 'exempt', employmentType: 'full_time', locationState: 'CA', hourlyRateCents: null });

    const hrOps = await view(cookies.hr_ops);
    expect(Object.keys(hrOps.record)).toContain('candidateEmail');
    expect(Object.keys(hrOps.record).filter((k) => k.startsWith('equity'))).toEqual([]);
    expect((await view(w.admin)).record).toMatchObject({ equityKind: 'rsu', equityUnits: 1000 });
    expectProblem(await req('GET', `/api/v1/offers/${mainId}/handoff`, cookies.finance), 403);
    // Pay shown in a handoff view is audited like pay shown on an offer; IT's view shows none.
    const audit = (await req('GET', `/api/v1/audit/compensation-views?offerId=${mainId}`, w.admin)).json().items as { actorId: string; via: string; fields: string[] }[];
    const handoffReads = audit.filter((v) => v.via === 'offer.handoff');
    expect(handoffReads.some((v) => v.actorId === w.fx.users.payroll.id && v.fields.includes('terms.compensation.baseSalaryCents'))).toBe(true);
    expect(handoffReads.some((v) => v.actorId === w.fx.users.it.id)).toBe(false);
  });

  it("a role's queue holds its tasks with only its handoff fields; only the owner role completes, reopens or skips them", async () => {
    const queue = await req('GET', '/api/v1/onboarding-tasks?role=it&status=open', cookies.it);
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json().items as { id: string; templateKey: string; offerId: string; offer: Record<string, unknown> }[];
    // The contractor's offer was rescinded: its tasks left the queue.
    expect(await api.status(failId)).toBe('rescinded');
    expect(items.map((t) => [t.templateKey, t.offerId])).toEqual([['it_laptop', mainId]]);
    for (const t of items) expect(Object.keys(t.offer).sort()).toEqual([...handoffViews.it].sort());
    expectProblem(await req('GET', '/api/v1/onboarding-tasks?role=payroll', cookies.it), 403);

    const laptop = items.find((t) => t.templateKey === 'it_laptop' && t.offerId === mainId)!;
    expectProblem(await req('POST', `/api/v1/onboarding-tasks/${laptop.id}/complete`, cookies.payroll, {}), 404);
    const done = await req('POST', `/api/v1/onboarding-tasks/${laptop.id}/complete`, cookies.it, { note: 'Laptop shipped' });
    expect(done.json()).toMatchObject({ status: 'done', doneBy: w.fx.users.it.id, note: 'Laptop shipped' });
    expect((await req('GET', '/api/v1/onboarding-tasks?role=it&status=open', cookies.it)).json().items).toHaveLength(0);
    expect((await req('GET', '/api/v1/onboarding-tasks?role=it&status=done', cookies.it)).json().items.map((t: { id: string }) => t.id)).toEqual([laptop.id]);
    expect((await req('POST', `/api/v1/onboarding-tasks/${laptop.id}/reopen`, cookies.it, {})).json()).toMatchObject({ status: 'open', doneBy: null });
    expectProblem(await req('POST', `/api/v1/onboarding-tasks/${laptop.id}/skip`, cookies.it, {}), 422, { fields: ['note'] });
    expect((await req('POST', `/api/v1/onboarding-tasks/${laptop.id}/skip`, cookies.it, { note: 'Brings own device' })).json().status).toBe('skipped');
    const plan = ((await req('GET', `/api/v1/offers/${mainId}/onboarding-tasks`, w.recruiter)).json() as { id: string; templateKey: string }[]).find((t) => t.templateKey === 'manager_plan')!;
    const planDone = await req('POST', `/api/v1/onboarding-tasks/${plan.id}/complete`, cookies.hiring_manager);
    expect(planDone.json().status, planDone.body).toBe('done');
    const journal = await w.offers.journal(mainId);
    expect(journal.filter((e) => e.type.startsWith('onboarding_task.')).map((e) => e.type)).toEqual([
      'onboarding_task.completed',
      'onboarding_task.reopened',
      'onboarding_task.skipped',
      'onboarding_task.completed',
    ]);
  });

  it('exports handoff records by date range as JSON and CSV, with the fields of the caller', async () => {
    const day = w.t.clock.now().toISOString().slice(0, 10);
    const json = await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${day}&format=json`, cookies.payroll);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().fields).toEqual(handoffFieldsOf(['payroll']));
    expect(json.json().items).toEqual([expect.objectContaining({ offerId: mainId, baseSalaryCents: 180_000_00 })]);
    expect(Object.keys(json.json().items[0]).sort()).toEqual([...handoffViews.payroll].sort());

    const csv = await req('GET', `/api/v1/exports/handoffs?from=${addDays(day, -3)}&to=${day}&format=csv`, cookies.hr_ops);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual(handoffFieldsOf(['hr_ops']));
    expect(rows[0]).toMatchObject({ offerId: mainId, candidateName: 'Ada Lovelace', baseSalaryCents: String(180_000_00), startDate: addDays(START, 7), contingencies: 'background_check:cleared;references:waived;custom:cleared' });

    expect((await req('GET', `/api/v1/exports/handoffs?from=${addDays(day, 1)}&to=${addDays(day, 9)}`, w.admin)).json().items).toEqual([]);
    expectProblem(await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${addDays(day, -1)}`, w.admin), 422, { fields: ['to'] });
    expectProblem(await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${day}`, cookies.it), 403);
    expectProblem(await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${day}`, cookies.finance), 403);
  });
});
