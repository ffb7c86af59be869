import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalsApi } from '../../helpers/approvals';
import { createOrgFixture, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * A step that needs every approver: once one has approved, the board's words wait on the others
 * only, and the one who approved no longer finds the offer waiting on them.
 */
const allOfPolicy = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: fpa
        name: Finance and legal
        when: { field: facts.aboveBandMax, op: eq, value: true }
        approvers: [{ role: finance }, { role: legal }]
        quorum: all
        covers: [compensation]
`;

interface BoardItem {
  offerId: string;
  line: { text: string; waitingOn: { kind: string; names: string[] }; nextAction: { owner: string | null } };
}

describe('status board: a step that needs every approver', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offerId = '';
  const cookies: Record<string, string> = {};

  async function board(who: string, query = ''): Promise<BoardItem[]> {
    const res = await t.app.inject({ url: `/api/v1/board${query ? `?${query}` : ''}`, headers: { cookie: cookies[who]! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-board-quorum-')));
    t = await createTestApp({ objectStore: store });
    const db = t.database.db;
    fx = await createOrgFixture(db);
    await installLibrary(db, t.clock, store, fx);
    t.clock.set(TEST_NOW);
    for (const role of ['admin', 'recruiter', 'finance', 'legal'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    await approvalsApi(t.app).savePolicy(cookies.admin!, allOfPolicy);
    const riley = offerApi(t.app, cookies.recruiter!, fx);
    const offer = await riley.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
    expect((await riley.submit(offer.id, offer.rowVersion)).json().status).toBe('comp_review');
    offerId = offer.id;
  });
  afterAll(() => t.close());

  it('waits on both approvers, then only on the one who has not approved', async () => {
    const [before] = await board('admin');
    expect(before!.line.waitingOn).toMatchObject({ kind: 'people', names: ['finance person', 'legal person'] });
    expect((await board('finance', 'view=waiting_on_me')).map((i) => i.offerId)).toEqual([offerId]);

    await approvalsApi(t.app).approve(cookies.finance!, offerId, 'fpa');
    const [after] = await board('admin');
    expect(after!.offerId).toBe(offerId);
    expect(after!.line.waitingOn).toMatchObject({ kind: 'people', names: ['legal person'] });
    expect(after!.line.text).not.toMatch(/finance person/);
    expect((await board('finance', 'view=waiting_on_me')).map((i) => i.offerId)).toEqual([]);
  });
});
