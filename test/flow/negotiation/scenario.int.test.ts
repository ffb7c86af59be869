import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { changeRequests } from '../../../src/db/schema';
import { CONSENT_VERSION } from '../../../src/flow/signing/consent';
import { packetsOf, pdfText } from '../../helpers/packets';
import { expectProblem } from '../../helpers/problem';
import { pdfTools } from '../signing/signing-fixture';
import { negotiationWorld, type NegotiationWorld } from './negotiation-fixture';

/**
 * The scenario: the candidate asks for base +$10,000 and a start two weeks later; the
 * recruiter accepts the base and proposes one week later; only the steps covering base and start
 * date run again; version 2's packet is generated and sent; the version 1 link is dead; the
 * candidate signs version 2 and the sealed PDF holds version 2's values.
 */
describe('a negotiation from the candidate to a signed version 2', () => {
  let w: NegotiationWorld;

  beforeAll(async () => {
    w = await negotiationWorld();
  });
  afterAll(() => w.close());

  it('answers the candidate with version 2, re-runs only the covering steps, resends, and the candidate signs version 2', async () => {
    const { id, token: v1Token } = await w.sentOffer();
    const start = w.offers.terms().startDate;
    const asked = { base: 190_000_00, start: addDays(start, 14) };
    const proposedStart = addDays(start, 7);

    // The candidate asks.
    const ask = await w.askPortal(v1Token, {
      changes: [
        { field: 'compensation.baseSalaryCents', asked: asked.base },
        { field: 'startDate', asked: asked.start },
      ],
      comment: 'I need a bit more, and two more weeks at my current job.',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    const requestId = ask.json().id as string;
    expect(await w.sign.status(id)).toBe('negotiating');

    // The recruiter accepts base, adjusts the start date: version 2 as a draft.
    const answered = await w.newVersion(id, {
      answers: [
        {
          requestId,
          deltas: [
            { field: 'compensation.baseSalaryCents', decision: 'accept' },
            { field: 'startDate', decision: 'adjust', value: proposedStart },
          ],
        },
      ],
      note: 'Base accepted; one week later is the latest we can do.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ id, status: 'draft', draftVersion: 2, changedFields: ['compensation.baseSalaryCents', 'startDate'] });
    expect(answered.headers.etag).toBe(`"${answered.json().rowVersion}"`);
    const draft = (await w.offers.get(id)).json();
    expect(draft.terms).toMatchObject({ startDate: proposedStart, compensation: { baseSalaryCents: asked.base } });

    // The request records its answer; the journal names fields and decisions, not values.
    const [row] = await w.t.database.db.select().from(changeRequests).where(eq(changeRequests.id, requestId));
    expect(row).toMatchObject({ status: 'answered', answeredByVersion: 2 });
    let journal = await w.offers.journal(id);
    expect(journal.find((e) => e.type === 'offer.change_request_answered')!.data).toEqual({
      requestId,
      answeredByVersion: 2,
      status: 'answered',
      decisions: [
        { field: 'compensation.baseSalaryCents', decision: 'accept' },
        { field: 'startDate', decision: 'adjust' },
      ],
    });
    expect(journal.find((e) => e.type === 'offer.counter_proposed')!.data).toEqual({ fromVersion: 1, toVersion: 2, fields: ['compensation.baseSalaryCents', 'startDate'], answers: [requestId] });
    expect(journal.find((e) => e.type === 'offer.links_revoked')!.data).toEqual({ count: 1, reason: 'draft' });
    expect(JSON.stringify(journal)).not.toContain(String(asked.base));

    // The version 1 link is dead: it neither opens nor signs.
    expectProblem(await w.portalGet(v1Token), 404);
    expectProblem(await w.t.app.inject({ method: 'POST', url: `/api/v1/portal/${v1Token}/code` }), 404);
    expectProblem(
      await w.t.app.inject({ method: 'POST', url: `/api/v1/portal/${v1Token}/sign`, payload: { code: '123456', consentVersion: CONSENT_VERSION, adopt: true, signature: { kind: 'typed', name: 'Ada Lovelace' } } }),
      404,
    );

    // Submitting: finance (base) and the hiring manager (start date) run again; the HR business partner (title) carries over.
    const submitted = await w.offers.submit(id, draft.rowVersion);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('comp_review');
    expect(await w.approvals.statuses(w.recruiter, id, 2)).toEqual(['comp/finance:pending', 'packet/hiring_manager:waiting', 'packet/hrbp:carried_over']);
    const routed = (await w.offers.journal(id)).filter((e) => e.type === 'approval.routed').at(-1)!;
    expect(routed.data.changedFields).toEqual(['compensation.baseSalaryCents', 'startDate']);
    expect(routed.data.steps).toContainEqual(expect.objectContaining({ step: 'hrbp', outcome: 'carry_over', fromVersion: 1, note: 'carried over from version 1: no covered field changed' }));
    expect((await w.approvals.plan(w.recruiter, id)).steps.find((s) => s.versionNumber === 2 && s.stepKey === 'hrbp')!.carriedFromVersion).toBe(1);

    // No send while approvals are pending.
    expectProblem(await w.sign.send(id), 409);

    await w.approveAll(id);
    const packets = await packetsOf(w.t.app, w.recruiter, id);
    const v2 = packets.find((p) => p.versionNumber === 2)!;
    expect(v2).toBeDefined();
    const letter = v2.documents.find((d) => d.templateKey.startsWith('offer_letter'))!;
    const v2Text = await pdfText(w.t.app, w.recruiter, id, 2, letter.sha256);
    expect(v2Text).toContain('190,000');

    // Version 2 goes out; the candidate sees what changed since version 1.
    const v2Token = await w.sign.sendOffer(id);
    const opened = (await w.portalGet(v2Token)).json();
    expect(opened).toMatchObject({ version: 2, previousVersion: 1, status: 'sent' });
    expect(opened.changesFromPrevious).toEqual([
      { field: 'compensation.baseSalaryCents', label: 'Base salary', before: 180_000_00, after: asked.base },
      { field: 'startDate', label: 'Start date', before: start, after: proposedStart },
    ]);
    const delivery = await w.t.app.inject({ url: `/api/v1/offers/${id}/delivery`, headers: { cookie: w.recruiter } });
    expect(delivery.json()).toMatchObject({ version: 2, versionsSent: 2, linkState: 'live' });

    // The candidate signs version 2; completion seals it, and the final PDF holds version 2's values.
    expect((await w.sign.candidateSigns(v2Token)).status).toBe('signed');
    await w.t.app.jobs.runDue();
    expect(await w.sign.status(id)).toBe('accepted');
    journal = await w.offers.journal(id);
    expect(journal.find((e) => e.type === 'offer.completed')!.data.version).toBe(2);
    const finalLetter = (await w.sign.signedDocuments(id)).find((d) => d.templateKey.startsWith('offer_letter'))!;
    expect(finalLetter.versionNumber).toBe(2);
    const finalText = pdfTools(await w.sign.download(id, finalLetter.finalSha256)).all.replace(/\s+/g, ' ');
    expect(finalText).toContain('190,000');
    expect(finalText).not.toContain('180,000');
    expect(finalText).toContain(longDate(proposedStart));
    expect((await w.offers.verify(id)).ok).toBe(true);
  });
});

/** How the letter writes a date: "March 15, 2027". */
function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
