import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costCenterField, defineField, retentionBonusField } from '../../helpers/custom-fields';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi } from '../../helpers/offer-api';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { startReceiver } from './receiver';

describe('webhooks: offer events carry the custom values that are not sensitive', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ webhookTimeoutMs: 2_000 });
    fx = await createOrgFixture(t.database.db);
    receiver = await startReceiver(t.clock);
    admin = await signIn(t.app, fx.users.admin.email);
    await defineField(t.app, admin, costCenterField);
    await defineField(t.app, admin, retentionBonusField);
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('sends data.custom (stored values) and data.version with offer.created and each status change, never a sensitive value', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks/endpoints', headers: { cookie: admin, ...csrfHeader }, payload: { url: receiver.url('/all'), eventTypes: ['*'] } });
    expect(res.statusCode, res.body).toBe(201);
    receiver.setSecrets('/all', [res.json().secret]);

    const offers = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    const draft = await offers.createDraft({ custom: { cost_center: 'CC-100', retention_bonus: 9_000_00 } });
    const submitted = await offers.submit(draft.id, draft.rowVersion);
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (let i = 0; i < 20 && (await t.app.jobs.runDue()) > 0; i++);

    expect(receiver.verifyFailures).toEqual([]);
    const got = receiver.accepted.filter((r) => r.parsed.data.offerId === draft.id).map((r) => r.parsed);
    const created = got.find((e) => e.type === 'offer.created');
    expect(created?.data).toMatchObject({ status: 'draft', version: 0, custom: { cost_center: 'CC-100' } });
    const submit = got.find((e) => e.type === 'offer.status_changed' && e.data.event === 'submit');
    expect(submit?.data).toMatchObject({ from: 'draft', version: 1, custom: { cost_center: 'CC-100' } });
    for (const e of got.filter((x) => x.type.startsWith('offer.'))) expect(e.data.custom).toEqual({ cost_center: 'CC-100' });
    expect(JSON.stringify(got)).not.toContain('900000');
  });
});
