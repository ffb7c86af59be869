import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations } from '../../../src/db/schema';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import type { OfferTermsInput } from '../../../src/flow/intake/offer-terms.schema';
import { createOrgFixture, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary, packetsOf, pdfText } from '../../helpers/packets';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const salary = (base: number, extra: Partial<OfferTermsInput['compensation']> = {}) => ({ currency: 'USD' as const, payBasis: 'salary' as const, baseSalaryCents: base, ...extra });
const hourly = (rate: number) => ({ currency: 'USD' as const, payBasis: 'hourly' as const, hourlyRateCents: rate });
const at = (city: string, state: string) => ({ location: { city, state, remote: false } }) as Partial<OfferTermsInput>;

interface Case {
  name: string;
  terms: Partial<OfferTermsInput>;
  documents: string[];
  /** Text each document must hold, by template key. */
  says: Record<string, string[]>;
  /** Text a document must not hold. */
  never?: Record<string, string[]>;
}

/** Ten offers across states, employment types, FLSA status and pay, with the documents the sample rules choose. */
const cases: Case[] = [
  {
    name: 'California, full-time exempt, with equity and bonus',
    terms: { ...at('San Francisco', 'CA'), compensation: salary(180_000_00, { bonusTargetPercent: 10, equity: { kind: 'rsu', units: 4000, vestingSchedule: '4 years, 1-year cliff' } }) },
    documents: ['offer_letter_exempt', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { offer_letter_exempt: ['Ada Lovelace', '$180,000.00', '4000', '4 years, 1-year cliff', 'Page 1 of'], addendum_at_will: ['at will'] },
  },
  {
    name: 'California, part-time non-exempt hourly',
    terms: { ...at('Oakland', 'CA'), employmentType: 'part_time', flsaStatus: 'non_exempt', compensation: hourly(26_50) },
    documents: ['offer_letter_hourly', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies', 'notice_ca_wage'],
    says: { offer_letter_hourly: ['$26.50 per hour', 'overtime'], notice_ca_wage: ['$26.50 per hour', 'Ada Lovelace'] },
  },
  {
    name: 'Montana, full-time exempt',
    terms: { ...at('Bozeman', 'MT') },
    documents: ['offer_letter_exempt', 'addendum_at_will_montana', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { addendum_at_will_montana: ['probationary period', 'Montana'] },
  },
  {
    name: 'New York, full-time exempt',
    terms: { ...at('New York', 'NY'), compensation: salary(165_000_00) },
    documents: ['offer_letter_exempt', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies', 'notice_ny_pay_ack'],
    says: { notice_ny_pay_ack: ['$165,000.00 per year', 'Ada Lovelace'] },
  },
  {
    name: 'Texas, full-time exempt, no equity',
    terms: { ...at('Austin', 'TX'), compensation: salary(150_000_00) },
    documents: ['offer_letter_exempt', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { offer_letter_exempt: ['$150,000.00', 'Austin'] },
    never: { offer_letter_exempt: ['RSU', 'vest'] },
  },
  {
    name: '1099 contractor',
    terms: { ...at('Denver', 'CO'), employmentType: 'contract_1099', compensation: hourly(95_00), flsaStatus: 'non_exempt', contingencies: [] },
    documents: ['contractor_engagement', 'addendum_confidentiality'],
    says: { contractor_engagement: ['$95.00 per hour'] },
  },
  {
    name: 'corp-to-corp on a client assignment',
    terms: { ...at('Chicago', 'IL'), employmentType: 'corp_to_corp', flsaStatus: 'non_exempt', compensation: hourly(110_00), staffing: { clientName: 'Acme Logistics', payRateCents: 110_00, billRateCents: 150_00 } },
    documents: ['contractor_engagement', 'addendum_confidentiality'],
    says: { contractor_engagement: ['Acme Logistics', '$110.00 per hour'] },
  },
  {
    name: 'Washington, temp-to-hire non-exempt hourly',
    terms: { ...at('Seattle', 'WA'), employmentType: 'temp_to_hire', flsaStatus: 'non_exempt', compensation: hourly(31_00) },
    documents: ['offer_letter_hourly', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { offer_letter_hourly: ['$31.00 per hour', 'Washington'] },
  },
  {
    name: 'New York, non-exempt hourly',
    terms: { ...at('Buffalo', 'NY'), employmentType: 'full_time', flsaStatus: 'non_exempt', compensation: hourly(24_00) },
    documents: ['offer_letter_hourly', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies', 'notice_ny_pay_ack'],
    says: { notice_ny_pay_ack: ['$24.00 per hour'] },
    never: { offer_letter_hourly: ['California'] },
  },
  {
    name: 'Colorado, W-2 contract exempt with a sign-on bonus',
    terms: { ...at('Boulder', 'CO'), employmentType: 'contract_w2', compensation: salary(140_000_00, { signOnBonusCents: 15_000_00 }) },
    documents: ['offer_letter_exempt', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { offer_letter_exempt: ['$140,000.00', '$15,000.00'] },
  },
  {
    name: 'a clause edited away from the library: its own text in the letter, marked non-standard',
    terms: { ...at('Portland', 'OR'), clauses: [{ key: 'confidentiality', text: 'A shorter confidentiality promise written for this hire.', standard: true }] },
    documents: ['offer_letter_exempt', 'addendum_at_will', 'addendum_confidentiality', 'addendum_contingencies'],
    says: { offer_letter_exempt: ['Additional terms', 'A shorter confidentiality promise written for this hire.'] },
  },
];

describe('offer packets: the right documents with the right values', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let cookie: string;

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-packets-')));
    t = await createTestApp({ objectStore: store });
    fx = await createOrgFixture(t.database.db);
    await t.database.db.update(organizations).set({ letterhead: { addressLines: ['1 Market Street', 'San Francisco, CA 94105'], signatoryName: 'Avery Stone', signatoryTitle: 'Chief People Officer' } }).where(eq(organizations.id, fx.orgId));
    await installLibrary(t.database.db, t.clock, store, fx);
    cookie = await signIn(t.app, fx.users.recruiter.email);
    offers = offerApi(t.app, cookie, fx);
  });
  afterAll(() => t.close());

  it.each(cases)('$name', async (c) => {
    const draft = await offers.createDraft(c.terms);
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('drafting');
    await t.app.jobs.runDue();
    expect((await offers.get(draft.id)).json().status).toBe('approved');
    const [packet] = await packetsOf(t.app, cookie, draft.id);
    expect(packet!.documents.map((d) => d.templateKey)).toEqual(c.documents);
    for (const doc of packet!.documents) {
      const text = await pdfText(t.app, cookie, draft.id, 1, doc.sha256);
      // Every document carries the letterhead.
      expect(text).toContain(`Org ${fx.slug}`);
      expect(text).toContain('1 Market Street');
      for (const expected of c.says[doc.templateKey] ?? []) expect(text, `${doc.templateKey} should say "${expected}"`).toContain(expected);
      for (const absent of c.never?.[doc.templateKey] ?? []) expect(text, `${doc.templateKey} should not say "${absent}"`).not.toContain(absent);
    }
  });

  it('records the rule behind each document and judges an edited clause non-standard', async () => {
    const draft = await offers.createDraft({ clauses: [{ key: 'confidentiality', text: 'Edited wording.', standard: true }, { key: 'at_will', standard: false }] });
    const judged = (await offers.get(draft.id)).json().terms.clauses;
    expect(judged).toEqual([
      { key: 'confidentiality', text: 'Edited wording.', standard: false },
      { key: 'at_will', standard: true },
    ]);
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const [packet] = await packetsOf(t.app, cookie, draft.id);
    expect(packet!.documents[0]).toMatchObject({ templateKey: 'offer_letter_exempt', ruleDescription: 'Salaried letter for exempt W-2 hires' });
    const journal = await offers.journal(draft.id);
    expect(journal.map((e) => e.type)).toContain('packet.generated');
    expect((await offers.verify(draft.id)).ok).toBe(true);
  });

  it('refuses marking the packet ready by hand when the library generates it', async () => {
    const draft = await offers.createDraft();
    const submitted = (await offers.submit(draft.id, draft.rowVersion)).json();
    const res = await offers.event(draft.id, submitted.rowVersion, 'packet_ready');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('generated from the template library');
  });

  it('keeps packets from roles that may not read pay', async () => {
    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const it = await signIn(t.app, fx.users.it.email);
    expect((await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets`, headers: { cookie: it } })).statusCode).toBe(403);
  });
});
