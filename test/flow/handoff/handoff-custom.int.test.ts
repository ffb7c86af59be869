import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { webhookEvents } from '../../../src/db/schema';
import { costCenterField, defineField, retentionBonusField } from '../../helpers/custom-fields';
import { csrfHeader, signIn } from '../../helpers/factories';
import { TEST_NOW } from '../../helpers/test-app';
import { signingApi, signingWorld, type SigningWorld } from '../signing/signing-fixture';

const START = addDays(TEST_NOW.toISOString().slice(0, 10), 30);

describe('handoff: custom values in the record, its views, the export and the HRIS webhook', () => {
  let w: SigningWorld;
  let offerId: string;
  const cookies: Record<string, string> = {};
  const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object, ifMatch?: number) =>
    w.t.app.inject({ method, url, headers: { cookie, ...(method === 'GET' ? {} : csrfHeader), ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) }, ...(payload ? { payload } : {}) });
  const view = async (who: string) => {
    const res = await req('GET', `/api/v1/offers/${offerId}/handoff`, cookies[who]!);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { customFields: string[]; record: Record<string, unknown> & { custom?: Record<string, unknown> } };
  };

  beforeAll(async () => {
    w = await signingWorld();
    const api = signingApi(w);
    for (const role of ['it', 'payroll', 'hr_ops'] as const) cookies[role] = await signIn(w.t.app, w.fx.users[role].email);
    await defineField(w.t.app, w.admin, costCenterField);
    await defineField(w.t.app, w.admin, retentionBonusField);
    const draft = await w.offers.createDraft({ contingencies: [], custom: { cost_center: 'CC-100', retention_bonus: 7_500_00 } });
    expect((await w.offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await w.t.app.jobs.runDue();
    await api.candidateSigns(await api.sendOffer(draft.id));
    while ((await w.t.app.jobs.runDue()) > 0);
    offerId = draft.id;
    expect((await req('POST', `/api/v1/offers/${offerId}/start-date-confirmation`, w.recruiter, { startDate: START })).statusCode).toBe(200);
    expect((await req('POST', '/api/v1/webhooks/endpoints', w.admin, { url: 'http://127.0.0.1:9/hris', eventTypes: ['handoff.record'] })).statusCode).toBe(201);
    const handed = await req('POST', `/api/v1/offers/${offerId}/hand-off`, w.recruiter, undefined, await api.rowVersion(offerId));
    expect(handed.statusCode, handed.body).toBe(200);
  }, 240_000);
  afterAll(() => w.close());

  it('shows each role the custom values it reads; a sensitive one only to roles whose view shows pay', async () => {
    const it_ = await view('it');
    expect(it_.customFields).toEqual(['cost_center']);
    expect(it_.record.custom).toEqual({ cost_center: 'CC-100' });
    const payroll = await view('payroll');
    expect(payroll.customFields).toEqual(['cost_center', 'retention_bonus']);
    expect(payroll.record.custom).toEqual({ cost_center: 'CC-100', retention_bonus: 7_500_00 });
    // The sensitive value shown is audited like pay; IT's view showed none.
    const audit = (await req('GET', `/api/v1/audit/compensation-views?offerId=${offerId}`, w.admin)).json().items as { actorId: string; via: string; fields: string[] }[];
    expect(audit.some((v) => v.via === 'offer.handoff' && v.actorId === w.fx.users.payroll.id && v.fields.includes('terms.custom.retention_bonus'))).toBe(true);
    expect(audit.some((v) => v.via === 'offer.handoff' && v.actorId === w.fx.users.it.id)).toBe(false);
  });

  it('exports custom values as custom.<key> columns (CSV) and a custom object (JSON)', async () => {
    const day = w.t.clock.now().toISOString().slice(0, 10);
    const csv = await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${day}&format=csv`, cookies.hr_ops!);
    expect(csv.statusCode, csv.body).toBe(200);
    const [row] = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ offerId, 'custom.cost_center': 'CC-100', 'custom.retention_bonus': '750000' });
    const json = (await req('GET', `/api/v1/exports/handoffs?from=${day}&to=${day}`, cookies.payroll!)).json();
    expect(json.customFields).toEqual(['cost_center', 'retention_bonus']);
    expect(json.items[0].custom).toEqual({ cost_center: 'CC-100', retention_bonus: 7_500_00 });
  });

  it('sends the whole record, custom values included, to the opt-in handoff.record webhook', async () => {
    const [event] = await w.t.database.db.select().from(webhookEvents).where(and(eq(webhookEvents.offerId, offerId), eq(webhookEvents.type, 'handoff.record')));
    expect((event?.payload as { record: { custom: unknown } }).record.custom).toEqual({ cost_center: 'CC-100', retention_bonus: 7_500_00 });
  });
});
