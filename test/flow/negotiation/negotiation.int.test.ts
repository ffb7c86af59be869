import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { changeRequests, compensationViews } from '../../../src/db/schema';
import { expectProblem } from '../../helpers/problem';
import { negotiationWorld, titleUncoveredPolicy, type NegotiationWorld } from './negotiation-fixture';

const reason = 'The team agreed on a more senior title.';

/** Asks inside, answers with a new version, submits it: what the approvals engine does with version 2. */
async function titleOnlyVersion2(w: NegotiationWorld) {
  const { id, token } = await w.sentOffer();
  const asked = await w.askInternal(id, { changes: [{ field: 'title', asked: 'Senior Backend Engineer' }], reason }, 'hiring_manager');
  expect(asked.statusCode, asked.body).toBe(201);
  const answered = await w.newVersion(id, { answers: [{ requestId: asked.json().id, deltas: [{ field: 'title', decision: 'accept' }] }] });
  expect(answered.statusCode, answered.body).toBe(200);
  expect(answered.json().changedFields).toEqual(['title']);
  const submitted = await w.offers.submit(id, answered.json().rowVersion);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { id, token, requestId: asked.json().id as string };
}

describe('negotiation: internal requests, new versions, guards, counts and diffs', () => {
  let w: NegotiationWorld;

  beforeAll(async () => {
    w = await negotiationWorld();
  });
  afterAll(() => w.close());

  it('only the title changes: only the step covering the title runs again', async () => {
    const { id } = await titleOnlyVersion2(w);
    expect(await w.approvals.statuses(w.recruiter, id, 2)).toEqual(['comp/finance:carried_over', 'packet/hiring_manager:carried_over', 'packet/hrbp:waiting']);
    await w.t.app.jobs.runDue();
    expect(await w.approvals.statuses(w.recruiter, id, 2)).toEqual(['comp/finance:carried_over', 'packet/hiring_manager:carried_over', 'packet/hrbp:pending']);
    const routed = (await w.offers.journal(id)).filter((e) => e.type === 'approval.routed').at(-1)!;
    expect(routed.data.changedFields).toEqual(['title']);
    await w.approveAll(id);
    expect(await w.sign.status(id)).toBe('approved');
  });

  it('an internal request is stored with who asked and why, journaled without values, and moves the offer to negotiating', async () => {
    const { id } = await w.sentOffer();
    const res = await w.askInternal(id, { changes: [{ field: 'compensation.signOnBonusCents', asked: 15_000_00 }], reason: 'Matches the competing offer', comment: 'Finance agreed in principle.' }, 'finance');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'negotiating' });
    const [row] = await w.t.database.db.select().from(changeRequests).where(eq(changeRequests.id, res.json().id));
    expect(row).toMatchObject({ source: 'internal', requestedBy: w.fx.users.finance.id, reason: 'Matches the competing offer', comment: 'Finance agreed in principle.', status: 'open', versionNumber: 1 });
    expect(row!.deltas).toEqual([{ field: 'compensation.signOnBonusCents', current: null, asked: 15_000_00 }]);
    const journal = await w.offers.journal(id);
    expect(journal.find((e) => e.type === 'offer.change_requested')!.data).toEqual({ version: 1, requestId: res.json().id, source: 'internal', fields: ['compensation.signOnBonusCents'] });
    expect(journal.at(-1)!.data).toMatchObject({ event: 'change_requested', from: 'sent', to: 'negotiating' });
    expect(JSON.stringify(journal)).not.toMatch(/1500000|competing/);
    const notices = (await w.t.app.inject({ url: '/api/v1/notifications', headers: { cookie: w.recruiter } })).json().items as { kind: string; offerId: string; body: string }[];
    expect(notices.find((n) => n.kind === 'offer.change_requested' && n.offerId === id)!.body).toContain('Sign-on bonus');

    // A second request while negotiating keeps the offer negotiating; both must be answered.
    const second = await w.askInternal(id, { changes: [{ field: 'location.remote', asked: true }], reason: 'Team is remote-first' });
    expect(second.statusCode, second.body).toBe(201);
    const partial = await w.newVersion(id, { answers: [{ requestId: res.json().id, deltas: [{ field: 'compensation.signOnBonusCents', decision: 'reject' }] }] });
    expect(expectProblem(partial, 422, { fields: ['answers'] }).detail).toContain(second.json().id);
    const both = await w.newVersion(id, {
      answers: [
        { requestId: res.json().id, deltas: [{ field: 'compensation.signOnBonusCents', decision: 'reject' }] },
        { requestId: second.json().id, deltas: [{ field: 'location.remote', decision: 'accept' }] },
      ],
      changes: [{ field: 'compensation.relocationCents', value: 5_000_00 }],
    });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().changedFields).toEqual(['compensation.relocationCents', 'location.remote']);
    const rows = await w.requests(id);
    expect(rows.find((r) => r.id === res.json().id)).toMatchObject({ status: 'rejected', answeredByVersion: 2 });
    expect(rows.find((r) => r.id === second.json().id)).toMatchObject({ status: 'answered', answeredByVersion: 2 });
  });

  it('two change requests at once (the candidate and a colleague) are both kept, journaled and handled in order', async () => {
    const { id, token } = await w.sentOffer();
    const [portal, internal] = await Promise.all([
      w.askPortal(token, { changes: [{ field: 'compensation.baseSalaryCents', asked: 185_000_00 }], comment: '' }),
      w.askInternal(id, { changes: [{ field: 'startDate', asked: addDays(w.offers.terms().startDate, 3) }], reason: 'Onboarding cohort starts then' }),
    ]);
    expect(portal.statusCode, portal.body).toBe(200);
    expect(internal.statusCode, internal.body).toBe(201);
    const rows = await w.t.database.db.select().from(changeRequests).where(eq(changeRequests.offerId, id));
    expect(rows.map((r) => r.source).sort()).toEqual(['candidate', 'internal']);
    const journal = await w.offers.journal(id);
    const asked = journal.filter((e) => e.type === 'offer.change_requested');
    expect(asked.map((e) => e.data.requestId).sort()).toEqual([portal.json().id, internal.json().id].sort());
    // One moved the offer, the other found it negotiating already; the journal's order is the order they were handled in.
    expect(journal.filter((e) => e.type === 'offer.transitioned' && e.data.event === 'change_requested')).toHaveLength(1);
    expect(asked[0]!.seq).toBeLessThan(asked[1]!.seq);
    expect(await w.sign.status(id)).toBe('negotiating');
    expect((await w.offers.verify(id)).ok).toBe(true);

    // And two colleagues at once.
    const [a, b] = await Promise.all([
      w.askInternal(id, { changes: [{ field: 'title', asked: 'Staff Engineer' }], reason: 'Scope' }, 'hiring_manager'),
      w.askInternal(id, { changes: [{ field: 'compensation.bonusTargetPercent', asked: 15 }], reason: 'Band' }, 'finance'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(await w.requests(id)).toHaveLength(4);
  });

  it('an internal edit while the candidate holds a link goes only through a new version', async () => {
    const { id } = await w.sentOffer();
    const offer = (await w.offers.get(id)).json();
    expectProblem(await w.offers.putDraft(id, offer.rowVersion, { title: 'Quietly changed' }), 409);
    // A new version needs a negotiation first.
    expect(expectProblem(await w.newVersion(id, { changes: [{ field: 'title', value: 'Quietly changed' }] }), 409).detail).toContain('"sent"');
    expectProblem(await w.t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/versions`, headers: { cookie: w.recruiter, 'x-requested-with': 'offerline' }, payload: {} }), 428);
  });

  it('counts the versions sent: the delivery revisions match the versions that reached the candidate', async () => {
    const delivery = async (id: string) => (await w.t.app.inject({ url: `/api/v1/offers/${id}/delivery`, headers: { cookie: w.recruiter } })).json();
    expect((await delivery((await w.offers.createDraft()).id)).versionsSent).toBe(0);
    const { id, token } = await w.sentOffer();
    expect(await delivery(id)).toMatchObject({ versionsSent: 1, version: 1 });
    let current = token;
    for (const [version, value] of [[2, 3], [3, 5]] as const) {
      const asked = await w.askPortal(current, { changes: [{ field: 'compensation.bonusTargetPercent', asked: 10 + value }] });
      expect(asked.statusCode, asked.body).toBe(200);
      const answered = await w.newVersion(id, { answers: [{ requestId: asked.json().id, deltas: [{ field: 'compensation.bonusTargetPercent', decision: 'accept' }] }] });
      expect(answered.statusCode, answered.body).toBe(200);
      // Made but not sent yet: still the earlier count.
      expect((await delivery(id)).versionsSent).toBe(version - 1);
      expect((await w.offers.submit(id, answered.json().rowVersion)).statusCode).toBe(200);
      await w.approveAll(id);
      current = await w.sign.sendOffer(id);
      expect(await delivery(id)).toMatchObject({ versionsSent: version, version });
      expect((await w.portalGet(current)).json().changesFromPrevious).toEqual([{ field: 'compensation.bonusTargetPercent', label: 'Bonus target', before: version === 2 ? 10 : 13, after: 10 + value }]);
    }
    const sent = (await w.offers.journal(id)).filter((e) => e.type === 'offer.sent');
    expect(sent).toHaveLength(3);
    expect((await w.portalGet(token)).statusCode).toBe(404);
  });

  it('the version diff shows values to roles that read them and masks them for the others', async () => {
    const { id, token } = await w.sentOffer();
    const start = w.offers.terms().startDate;
    const asked = await w.askPortal(token, { changes: [{ field: 'compensation.baseSalaryCents', asked: 195_000_00 }, { field: 'startDate', asked: addDays(start, 7) }] });
    const answered = await w.newVersion(id, {
      answers: [{ requestId: asked.json().id, deltas: [{ field: 'compensation.baseSalaryCents', decision: 'adjust', value: 188_000_00 }, { field: 'startDate', decision: 'accept' }] }],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await w.offers.submit(id, answered.json().rowVersion)).statusCode).toBe(200);

    const before = await w.t.database.db.select().from(compensationViews).where(and(eq(compensationViews.offerId, id), eq(compensationViews.via, 'offer.versions_diff')));
    const finance = await w.diff(id, '?from=1&to=2', 'finance');
    expect(finance.statusCode, finance.body).toBe(200);
    expect(finance.json()).toEqual({
      from: 1,
      to: 2,
      fields: [
        { path: 'compensation.baseSalaryCents', label: 'Base salary', before: 180_000_00, after: 188_000_00, masked: false },
        { path: 'startDate', label: 'Start date', before: start, after: addDays(start, 7), masked: false },
      ],
    });
    const it_ = await w.diff(id, '?from=1&to=2', 'it');
    expect(it_.json().fields).toEqual([
      { path: 'compensation.baseSalaryCents', label: 'Base salary', before: null, after: null, masked: true },
      { path: 'startDate', label: 'Start date', before: start, after: addDays(start, 7), masked: false },
    ]);
    expect(it_.body).not.toContain('18800000');
    // Reading pay in a diff is audited like any other read; IT's masked diff is not.
    const after = await w.t.database.db.select().from(compensationViews).where(and(eq(compensationViews.offerId, id), eq(compensationViews.via, 'offer.versions_diff')));
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)).toMatchObject({ actorId: w.fx.users.finance.id, fields: ['terms.compensation.baseSalaryCents'] });

    // By default: the current version against the one before.
    expect((await w.diff(id, '')).json()).toMatchObject({ from: 1, to: 2 });
    expect((await w.diff(id, '?from=2&to=2')).json().fields).toEqual([]);
    expectProblem(await w.diff(id, '?from=1&to=3'), 404);
    expectProblem(await w.diff(id, '?from=abc&to=0'), 422, { fields: ['from', 'to'] });
    // Legal does not see this offer (no non-standard clause): not found, as for an unknown one.
    expectProblem(await w.diff(id, '?from=1&to=2', 'legal'), 404);
  });

  it('refuses bad requests with words naming the field', async () => {
    const { id, token } = await w.sentOffer();
    const ask = (body: unknown, role?: Parameters<NegotiationWorld['askInternal']>[2]) => w.askInternal(id, body, role);
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }] }), 422, { fields: ['reason'] });
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }], reason: '   ' }), 422, { fields: ['reason'] });
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }], reason: 'x'.repeat(501) }), 422, { fields: ['reason'] });
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }], reason, comment: 'x'.repeat(2001) }), 422, { fields: ['comment'] });
    expectProblem(await ask({ changes: [], reason }), 422, { fields: ['changes'] });
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'A' }, { field: 'title', asked: 'B' }], reason }), 422, { fields: ['changes.1.field'] });
    expectProblem(await ask({ changes: [{ field: 'compensation.baseSalaryCents', asked: -5 }], reason }), 422, { fields: ['changes.0.asked'] });
    expectProblem(await ask({ changes: [{ field: 'terms.level', asked: 'L5' }], reason }), 422, { fields: ['changes.0.field'] });
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Backend Engineer' }], reason }), 422, { fields: ['changes.0.asked'] });
    // Roles: IT may not read pay (403 naming the field), and may not ask at all.
    const pay = expectProblem(await ask({ changes: [{ field: 'compensation.baseSalaryCents', asked: 200_000_00 }], reason }, 'it'), 403, { fields: ['changes.0.field'] });
    expect(pay.detail).toContain('compensation.baseSalaryCents');
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }], reason }, 'it'), 403);
    expectProblem(await ask({ changes: [{ field: 'title', asked: 'Lead' }], reason }, 'legal'), 404);
    // Not while the offer is a draft.
    const draft = await w.offers.createDraft();
    expect(expectProblem(await w.askInternal(draft.id, { changes: [{ field: 'title', asked: 'Lead' }], reason }), 409).detail).toContain('"draft"');

    const requestId = (await w.askPortal(token, { changes: [{ field: 'compensation.baseSalaryCents', asked: 190_000_00 }, { field: 'title', asked: 'Lead Engineer' }] })).json().id as string;
    const answer = (deltas: unknown[], extra: object = {}) => w.newVersion(id, { answers: [{ requestId, deltas }], ...extra });
    const base = { field: 'compensation.baseSalaryCents', decision: 'accept' };
    const title = { field: 'title', decision: 'reject' };
    expectProblem(await w.newVersion(id, {}), 422, { fields: ['answers'] });
    expectProblem(await answer([base]), 422, { fields: ['answers.0.deltas'] });
    expectProblem(await answer([base, { field: 'title', decision: 'adjust' }]), 422, { fields: ['answers.0.deltas.1.value'] });
    expectProblem(await answer([base, { field: 'title', decision: 'adjust', value: '' }]), 422, { fields: ['answers.0.deltas.1.value'] });
    expectProblem(await answer([base, { field: 'title', decision: 'maybe' }]), 422, { fields: ['answers.0.deltas.1.decision'] });
    expectProblem(await answer([base, title, { field: 'startDate', decision: 'accept' }]), 422, { fields: ['answers.0.deltas.2.field'] });
    expectProblem(await answer([base, title], { changes: [{ field: 'compensation.bonusTargetPercent', value: 900 }] }), 422, { fields: ['changes.0.value'] });
    expectProblem(await answer([base, title], { changes: [{ field: 'title', value: 'Own title' }] }), 422, { fields: ['changes.0.field'] });
    expectProblem(await answer([base, title], { changes: [{ field: 'location.city', value: 'Austin' }, { field: 'location.city', value: 'Reno' }] }), 422, { fields: ['changes.1.field'] });
    expectProblem(await answer([base, title], { note: 'x'.repeat(501) }), 422, { fields: ['note'] });
    expectProblem(await w.newVersion(id, { answers: [{ requestId: '00000000-0000-4000-8000-000000000000', deltas: [base] }] }), 422, { fields: ['answers.0.requestId', 'answers'] });
    // The resulting terms must hold together: a start date on or before the offer's expiry is refused.
    expectProblem(await answer([base, title], { changes: [{ field: 'startDate', value: w.offers.terms().expiresOn }] }), 422, { fields: ['terms.expiresOn'] });
    // A stale If-Match is refused; the request is still open.
    expectProblem(await w.newVersion(id, { answers: [{ requestId, deltas: [base, title] }] }, 1), 409);
    expect((await w.requests(id)).find((r) => r.id === requestId)!.status).toBe('open');
    // IT may not make versions.
    const asIt = await w.t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/versions`, headers: { cookie: w.cookies.it, 'x-requested-with': 'offerline', 'if-match': `"${await w.sign.rowVersion(id)}"` }, payload: {} });
    expectProblem(asIt, 403);
    const ok = await answer([base, title]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await w.requests(id)).find((r) => r.id === requestId)).toMatchObject({ status: 'answered', answeredByVersion: 2 });
    expectProblem(await w.newVersion(id, { answers: [{ requestId, deltas: [base, title] }] }), 409);
  });
});

describe('negotiation: a title change under a policy where no step covers the title', () => {
  let w: NegotiationWorld;

  beforeAll(async () => {
    w = await negotiationWorld(titleUncoveredPolicy);
  });
  afterAll(() => w.close());

  it('re-runs no step: every approval carries over and version 2 is approved once its packet exists', async () => {
    const { id } = await titleOnlyVersion2(w);
    expect(await w.approvals.statuses(w.recruiter, id, 2)).toEqual(['comp/finance:carried_over', 'packet/hiring_manager:carried_over', 'packet/hrbp:carried_over']);
    await w.t.app.jobs.runDue();
    expect(await w.sign.status(id)).toBe('approved');
    const v2Token = await w.sign.sendOffer(id);
    expect((await w.portalGet(v2Token)).json().changesFromPrevious).toEqual([{ field: 'title', label: 'Title', before: 'Backend Engineer', after: 'Senior Backend Engineer' }]);
  });
});
