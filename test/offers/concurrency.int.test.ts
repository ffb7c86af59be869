import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOfferRows } from '../helpers/db-counts';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi, type OfferApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let api: OfferApi;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  api = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
});
afterAll(() => t.close());

/** Splits concurrent responses into the one that won and the ones refused with 409 problem+json. */
function oneWinner(responses: LightMyRequestResponse[]) {
  const statuses = responses.map((r) => r.statusCode).sort();
  expect(statuses, responses.map((r) => r.body.slice(0, 200)).join('\n')).toEqual([200, ...Array(responses.length - 1).fill(409)]);
  const winner = responses.findIndex((r) => r.statusCode === 200);
  for (const loser of responses.filter((r) => r.statusCode === 409)) {
    const p = expectProblem(loser, 409);
    expect(['conflict', 'transition_not_allowed']).toContain(p.code);
  }
  return { winner, body: responses[winner]!.json() };
}

describe('concurrent writes to one offer', () => {
  it('two draft edits with the same If-Match: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 3; round++) {
      const offer = await api.createDraft();
      const titles = ['Platform Engineer', 'Infrastructure Engineer'];
      const responses = await Promise.all(titles.map((title) => api.putDraft(offer.id, 1, { title })));

      const { winner, body } = oneWinner(responses);
      expect(body).toMatchObject({ rowVersion: 2, title: titles[winner] });
      expect(responses[winner]!.headers.etag).toBe('"2"');
      expect(expectProblem(responses[1 - winner]!, 409, { code: 'conflict' }).detail).toContain('you sent version 1');

      const now = (await api.get(offer.id)).json();
      expect(now).toMatchObject({ rowVersion: 2, title: titles[winner], terms: { title: titles[winner] } });
      const journal = await api.journal(offer.id);
      expect(journal.map((e) => e.type)).toEqual(['offer.created', 'offer.draft_updated']);
      expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 2 });
    }
  });

  it('five simultaneous edits: one wins, four get 409, one journal entry is added', async () => {
    const offer = await api.createDraft();
    const titles = ['A Engineer', 'B Engineer', 'C Engineer', 'D Engineer', 'E Engineer'];
    const { winner, body } = oneWinner(await Promise.all(titles.map((title) => api.putDraft(offer.id, 1, { title }))));
    expect(body.title).toBe(titles[winner]);
    expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 2 });
  });

  it('submit racing an edit: exactly one wins and the offer matches the winner', async () => {
    const offer = await api.createDraft();
    const [submit, edit] = await Promise.all([api.submit(offer.id, 1), api.putDraft(offer.id, 1, { title: 'Edited Engineer' })]);
    const { winner } = oneWinner([submit, edit]);

    const now = (await api.get(offer.id)).json();
    const versions = await api.versions(offer.id);
    if (winner === 0) {
      expect(now).toMatchObject({ status: 'drafting', currentVersion: 1, rowVersion: 2, title: 'Backend Engineer' });
      expect(versions).toHaveLength(1);
      expect(expectProblem(edit, 409).detail).toMatch(/you sent version 1/);
      expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 3 });
    } else {
      expect(now).toMatchObject({ status: 'draft', currentVersion: 0, rowVersion: 2, title: 'Edited Engineer' });
      expect(versions).toHaveLength(0);
      expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 2 });
    }
  });

  it('cancel racing withdraw: exactly one event is applied and journalled', async () => {
    const offer = await api.createDraft();
    const events = ['cancel', 'withdraw'] as const;
    const responses = await Promise.all(events.map((e) => api.event(offer.id, 1, e, `${e} by recruiter`)));
    const { winner, body } = oneWinner(responses);
    const status = winner === 0 ? 'cancelled' : 'withdrawn';
    expect(body).toMatchObject({ status, rowVersion: 2 });

    const journal = await api.journal(offer.id);
    expect(journal).toHaveLength(2);
    expect(journal[1]).toMatchObject({ type: 'offer.transitioned', data: { event: events[winner], from: 'draft', to: status } });
    expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 2 });
  });

  it('a stale If-Match ("1" when the offer is at 2) gets 409 and changes nothing', async () => {
    const offer = await api.createDraft();
    expect((await api.putDraft(offer.id, 1, { title: 'Second Title' })).statusCode).toBe(200);
    const before = (await api.get(offer.id)).json();
    const counts = await countOfferRows(t.database.db);

    const stale = [
      await api.putDraft(offer.id, 1, { title: 'Stale Title' }),
      await api.submit(offer.id, 1),
      await api.event(offer.id, 1, 'cancel'),
    ];
    for (const res of stale) {
      const p = expectProblem(res, 409, { code: 'conflict' });
      expect(p.detail).toContain('you sent version 1, it is now at version 2');
    }

    expect((await api.get(offer.id)).json()).toEqual(before);
    expect(await countOfferRows(t.database.db)).toEqual(counts);
    expect(await api.verify(offer.id)).toMatchObject({ ok: true, length: 2 });
  });

  it('a write based on a version from the future is refused too', async () => {
    const offer = await api.createDraft();
    expectProblem(await api.putDraft(offer.id, 7), 409, { code: 'conflict' });
    expect((await api.get(offer.id)).json()).toMatchObject({ rowVersion: 1, title: 'Backend Engineer' });
  });
});
