import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSendable } from '../../../src/flow/documents/packet-guard';
import { findPacket } from '../../../src/flow/documents/packets.repo';
import { findOffer } from '../../../src/offers/offers.repo';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { approvalsApi } from '../../helpers/approvals';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary, packetsOf, pdfText } from '../../helpers/packets';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/** The hiring manager approves each packet, so a version can be sent back and replaced. */
const packetPolicy = `
stages:
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
        covers: [compensation, startDate]
`;

describe('packets bound to their version', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-packets-')));
    t = await createTestApp({ objectStore: store });
    fx = await createOrgFixture(t.database.db);
    await installLibrary(t.database.db, t.clock, store, fx);
    for (const role of ['admin', 'recruiter', 'hiring_manager'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
    await api.savePolicy(cookies.admin!, packetPolicy);
  });
  afterAll(() => t.close());

  it('a new version gets a new packet; the old one can never be sent, and the two compare as a text diff', async () => {
    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('drafting');
    await t.app.jobs.runDue();
    expect((await offers.get(draft.id)).json().status).toBe('in_approval');

    // The hiring manager asks for more pay: version 1 goes back to draft, version 2 is submitted.
    const step = (await api.inbox(cookies.hiring_manager!)).find((i) => i.offer.id === draft.id)!;
    expect((await api.decide(cookies.hiring_manager!, step.id, 'request_changes', 'Match the competing offer')).json().offer.status).toBe('draft');
    const back = (await offers.get(draft.id)).json();
    const put = await offers.putDraft(draft.id, back.rowVersion, { compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 195_000_00, bonusTargetPercent: 10 } });
    expect((await offers.submit(draft.id, put.json().rowVersion)).json().status).toBe('drafting');
    await t.app.jobs.runDue();
    await api.approve(cookies.hiring_manager!, draft.id, 'hiring_manager');
    expect((await offers.get(draft.id)).json().status).toBe('approved');

    const listed = await packetsOf(t.app, cookies.recruiter!, draft.id);
    expect(listed.map((p) => p.versionNumber)).toEqual([1, 2]);
    const letter = (v: number) => listed[v - 1]!.documents.find((d) => d.templateKey === 'offer_letter_exempt')!;
    expect(letter(1).sha256).not.toBe(letter(2).sha256);
    expect(await pdfText(t.app, cookies.recruiter!, draft.id, 2, letter(2).sha256)).toContain('$195,000.00');
    expect(await pdfText(t.app, cookies.recruiter!, draft.id, 1, letter(1).sha256)).toContain('$180,000.00');

    const offer = (await findOffer(t.database.db, fx.orgId, draft.id))!;
    const v1 = await findPacket(t.database.db, fx.orgId, draft.id, 1);
    const v2 = await findPacket(t.database.db, fx.orgId, draft.id, 2);
    expect(() => assertSendable(offer, v1)).toThrow(/version 1, which version 2 has replaced/);
    expect(() => assertSendable(offer, v2)).not.toThrow();
    expect(() => assertSendable({ ...offer, status: 'in_approval' }, v2)).toThrow(/Only an approved offer/);
    expect(() => assertSendable(offer, null)).toThrow(/no packet yet/);

    const diff = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/diff`, headers: { cookie: cookies.recruiter! } });
    expect(diff.statusCode, diff.body).toBe(200);
    const letterDiff = diff.json().documents.find((d: { templateKey: string }) => d.templateKey === 'offer_letter_exempt');
    const changed = letterDiff.lines.filter((l: { op: string }) => l.op !== 'same');
    expect(changed.some((l: { op: string; text: string }) => l.op === 'removed' && l.text.includes('$180,000.00'))).toBe(true);
    expect(changed.some((l: { op: string; text: string }) => l.op === 'added' && l.text.includes('$195,000.00'))).toBe(true);
    const confidentiality = diff.json().documents.find((d: { templateKey: string }) => d.templateKey === 'addendum_confidentiality');
    expect(confidentiality.lines.every((l: { op: string }) => l.op === 'same')).toBe(true);
  });

  it('a packet whose version was superseded before it was generated is not generated at all', async () => {
    const draft = await offers.createDraft();
    const submitted = (await offers.submit(draft.id, draft.rowVersion)).json();
    // Withdrawn before the job runs: the queued packet job finds the offer moved on and does nothing.
    expect((await offers.event(draft.id, submitted.rowVersion, 'withdraw', 'Candidate took another offer')).statusCode).toBe(200);
    await t.app.jobs.runDue();
    expect(await packetsOf(t.app, cookies.recruiter!, draft.id)).toEqual([]);
  });

  it('previews a version as HTML with every value escaped', async () => {
    const draft = await offers.createDraft({ title: 'Engineer <b>Lead</b>' });
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const res = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/1/preview`, headers: { cookie: cookies.recruiter! } });
    expect(res.statusCode, res.body).toBe(200);
    const html = res.json().documents[0].html as string;
    expect(html).toContain('Engineer &lt;b&gt;Lead&lt;/b&gt;');
    expect(html).not.toContain('<b>Lead</b>');
    expect(html).not.toMatch(/<script/i);
  });

  it('fills a Word template with no tag left, and refuses one with an unknown placeholder', async () => {
    const { makeDocx, docxText } = await import('./docx-fixture');
    const put = (file: Buffer) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/templates/word_letter/docx',
        headers: { cookie: cookies.admin!, ...csrfHeader },
        payload: { name: 'Word letter', kind: 'letter', fileBase64: file.toString('base64') },
      });
    const bad = await put(makeDocx(['Dear {candidate.firstName},', 'Your salary: {offer.salary}']));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].message).toContain('offer.salary');
    const good = await put(makeDocx(['Dear {candidate.firstName},', ['Your base salary is ', '{offer.baseSalary}', ' a year.']]));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ format: 'docx', fields: ['candidate.firstName', 'offer.baseSalary'] });
    const rules = await t.app.inject({ url: '/api/v1/packet-rules', headers: { cookie: cookies.admin! } });
    const replaced = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/packet-rules',
      headers: { cookie: cookies.admin!, ...csrfHeader },
      payload: { rules: [{ templateKey: 'word_letter', description: 'The Word letter for everyone', match: {} }] },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    try {
      const draft = await offers.createDraft();
      expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
      await t.app.jobs.runDue();
      const [packet] = await packetsOf(t.app, cookies.recruiter!, draft.id);
      const doc = packet!.documents[0]!;
      expect(doc.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const file = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/1/documents/${doc.sha256}`, headers: { cookie: cookies.recruiter! } });
      const text = docxText(file.rawPayload);
      expect(text).toContain('Dear Ada,');
      expect(text).toContain('Your base salary is $180,000.00 a year.');
      expect(text).not.toMatch(/[{}]/);
    } finally {
      const restore = rules.json().map((r: { templateKey: string; description: string; match: object }) => ({ templateKey: r.templateKey, description: r.description, match: r.match }));
      await t.app.inject({ method: 'PUT', url: '/api/v1/packet-rules', headers: { cookie: cookies.admin!, ...csrfHeader }, payload: { rules: restore } });
    }
  });

  it('prints the letterhead logo an admin uploads on the next packet', async () => {
    const { makePng } = await import('./pdf-fixtures');
    const asAdmin = { cookie: cookies.admin!, ...csrfHeader };
    const notPng = await t.app.inject({ method: 'PUT', url: '/api/v1/letterhead', headers: asAdmin, payload: { addressLines: [], signatoryName: 'A', signatoryTitle: 'B', logoPngBase64: Buffer.from('GIF89a').toString('base64') } });
    expect(notPng.statusCode).toBe(422);
    expect(notPng.json().errors[0].field).toBe('logoPngBase64');
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/letterhead',
      headers: asAdmin,
      payload: { addressLines: ['1 Logo Lane', 'Springfield, IL 62701'], signatoryName: 'Pat Doe', signatoryTitle: 'Head of People', logoPngBase64: makePng(600, 120).toString('base64') },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ hasLogo: true, signatoryName: 'Pat Doe' });
    const recruiterTries = await t.app.inject({ method: 'PUT', url: '/api/v1/letterhead', headers: { cookie: cookies.recruiter!, ...csrfHeader }, payload: { addressLines: [], signatoryName: 'X', signatoryTitle: 'Y' } });
    expect(recruiterTries.statusCode).toBe(403);

    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const [packet] = await packetsOf(t.app, cookies.recruiter!, draft.id);
    const letter = packet!.documents.find((d) => d.templateKey === 'offer_letter_exempt')!;
    const text = await pdfText(t.app, cookies.recruiter!, draft.id, 1, letter.sha256);
    expect(text).toContain('1 Logo Lane');
    expect(text).toContain('Pat Doe');
    const file = await t.app.inject({ url: `/api/v1/offers/${draft.id}/packets/1/documents/${letter.sha256}`, headers: { cookie: cookies.recruiter! } });
    const { PdfTools } = await import('./pdf-fixtures');
    const tools = new PdfTools();
    const images = execFileSync('pdfimages', ['-list', tools.write(file.rawPayload)], { encoding: 'utf8' });
    expect(images).toMatch(/\s600\s+120\s/);
  });
});
