import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, offerSignatures, sealCertificates, signedDocuments } from '../../../src/db/schema';
import { verifySeal } from '../../../src/flow/signing/seal';
import { signIn } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { CANDIDATE, SIGNATORY, pdfTools, signingApi, signingWorld, type SigningWorld } from './signing-fixture';

describe('countersignature and completion', () => {
  let w: SigningWorld;
  let api: ReturnType<typeof signingApi>;

  beforeAll(async () => {
    w = await signingWorld();
    api = signingApi(w);
  });
  afterAll(() => w.close());

  it('candidate signs, the signatory countersigns after, the job seals the documents and the offer is accepted', async () => {
    expect((await api.settings({ signatoryUserId: w.fx.users.admin.id, countersignOrder: 'after' })).statusCode).toBe(200);
    const id = await api.approvedOffer();
    const token = await api.sendOffer(id);
    expect((await api.candidateSigns(token)).status).toBe('signed');
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('signed');

    const waiting = await api.signing(id, w.admin);
    expect(waiting).toMatchObject({ countersignOrder: 'after', signatory: { id: w.fx.users.admin.id }, awaitingCountersignature: true, canCountersign: true, completed: false });
    expect((await api.signing(id)).canCountersign).toBe(false);
    const inbox = await w.t.app.inject({ url: '/api/v1/notifications', headers: { cookie: w.admin } });
    expect(inbox.json().items.map((n: { kind: string }) => n.kind)).toContain('offer.countersign_requested');

    const countersigned = await api.countersign(id);
    expect(countersigned.statusCode, countersigned.body).toBe(200);
    expectProblem(await api.countersign(id), 409);
    const [company] = await w.t.database.db.select().from(offerSignatures).where(eq(offerSignatures.offerId, id)).then((rows) => rows.filter((r) => r.signer === 'company'));
    expect(company).toMatchObject({ signerName: 'Grace Hopper', userId: w.fx.users.admin.id, authMethod: 'session', ipAddress: SIGNATORY.ip, userAgent: SIGNATORY.ua });

    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('accepted');
    const journal = await w.offers.journal(id);
    const completed = journal.find((e) => e.type === 'offer.completed')!;
    expect(journal.some((e) => e.type === 'offer.countersigned')).toBe(true);
    expect((await w.offers.verify(id)).ok).toBe(true);
    const state = await api.signing(id);
    expect(state).toMatchObject({ completed: true, awaitingCountersignature: false, canCountersign: false });
    expect(state.signatures.map((s: { signer: string }) => s.signer)).toEqual(['candidate', 'company']);

    const docs = await api.signedDocuments(id);
    expect(docs.length).toBeGreaterThan(0);
    const byKey = <T extends { templateKey: string }>(list: T[]) => [...list].sort((a, b) => a.templateKey.localeCompare(b.templateKey));
    expect(completed.data.version).toBe(1);
    expect(byKey(completed.data.documents as { templateKey: string }[])).toMatchObject(byKey(docs).map((d) => ({ templateKey: d.templateKey, originalSha256: d.originalSha256, finalSha256: d.finalSha256 })));
    const letter = docs.find((d) => d.templateKey.startsWith('offer_letter'))!;
    const pdf = await api.download(id, letter.finalSha256);
    // The sealed letter states pay: IT, who sees the offer but not its pay, may not read it.
    const it = await signIn(w.t.app, w.fx.users.it.email);
    expectProblem(await w.t.app.inject({ url: `/api/v1/offers/${id}/signed-documents`, headers: { cookie: it } }), 403);
    expectProblem(await w.t.app.inject({ url: `/api/v1/offers/${id}/signed-documents/${letter.finalSha256}`, headers: { cookie: it } }), 403);
    expect(await verifySeal(pdf)).toBe('valid');
    const tools = pdfTools(pdf);
    expect(tools.sig).toContain('Signature is Valid');
    expect(tools.all).toContain('Signed electronically by Ada Lovelace');
    expect(tools.all).toContain('Signed electronically by Grace Hopper');

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('\n') + 2;
    tampered[at] = tampered[at]! ^ 0x01;
    expect(await verifySeal(tampered)).toBe('tampered');
    expect(pdfTools(tampered).sig).not.toContain('Signature is Valid');

    // The certificate of completion: every audit item, as a reader copies it.
    const [row] = await w.t.database.db.select().from(signedDocuments).where(eq(signedDocuments.finalSha256, letter.finalSha256));
    const page = tools.lastPage;
    const flat = page.replace(/\s+/g, '');
    expect(page).toContain('Certificate of completion');
    expect(page).toContain(row!.id);
    expect(page).toContain(letter.originalSha256);
    const signedHash = /SHA-256 of the signed document\s+([0-9a-f]{64})/.exec(page)?.[1];
    expect(signedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(signedHash).not.toBe(letter.originalSha256);
    for (const text of ['Ada Lovelace - Candidate', 'Grace Hopper - Company signatory', `ada@${w.fx.slug}.test`, `admin@${w.fx.slug}.test`, CANDIDATE.ip, SIGNATORY.ip]) expect(page).toContain(text);
    expect(flat).toContain(`E-maillinkandone-timecodesenttoada@${w.fx.slug}.test`);
    expect(page).toContain('Offerline sign-in (session)');
    expect(flat).toContain(CANDIDATE.ua.replace(/\s+/g, ''));
    expect(flat).toContain(SIGNATORY.ua.replace(/\s+/g, ''));
    // Sent at 11:00, opened 11:05, code 11:08, consented and signed 11:10, countersigned 11:40, completed 12:10 (New York time).
    expect(page).toMatch(/Sent\s+Mar 1, 2027, 11:00:00 AM EST\s+recruiter person/);
    expect(page).toMatch(/Opened\s+Mar 1, 2027, 11:05:00 AM EST\s+Ada Lovelace/);
    expect(page).toMatch(/Consented\s+Mar 1, 2027, 11:10:00 AM EST\s+Ada Lovelace\s+203\.0\.113\.7/);
    expect(page).toMatch(/Signed\s+Mar 1, 2027, 11:10:00 AM EST\s+Ada Lovelace\s+203\.0\.113\.7/);
    expect(page).toMatch(/Signed\s+Mar 1, 2027, 11:40:00 AM EST\s+Grace Hopper\s+198\.51\.100\.7/);
    // The refused second countersignature moved the clock on half an hour before the job ran.
    expect(page).toMatch(/Completed\s+Mar 1, 2027, 12:10:00 PM EST\s+Offerline/);
    expect(page).toContain('Times are shown in America/New_York');

    // Running the queue again changes nothing.
    const rowVersion = await api.rowVersion(id);
    await w.t.app.jobs.runDue();
    expect(await api.rowVersion(id)).toBe(rowVersion);
  });

  it('countersigning before: the offer is not sent until the company signed; then the candidate signature completes it', async () => {
    expect((await api.settings({ signatoryUserId: w.fx.users.admin.id, countersignOrder: 'before' })).statusCode).toBe(200);
    const id = await api.approvedOffer();
    const refused = expectProblem(await api.send(id), 409);
    expect(refused.detail).toContain('countersigns before sending');
    expect(await api.signing(id, w.admin)).toMatchObject({ awaitingCountersignature: true, canCountersign: true });
    const countersigned = await api.countersign(id);
    expect(countersigned.statusCode, countersigned.body).toBe(200);
    expect(countersigned.json().status).toBe('approved');
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('approved');

    const token = await api.sendOffer(id);
    await api.candidateSigns(token);
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('accepted');
    const docs = await api.signedDocuments(id);
    const pdf = await api.download(id, docs[0]!.finalSha256);
    expect(await verifySeal(pdf)).toBe('valid');
    expect(pdfTools(pdf).all).toContain('Signed electronically by Grace Hopper');
  });

  it('without a signatory the candidate signature alone completes the offer', async () => {
    expect((await api.settings({ signatoryUserId: null })).statusCode).toBe(200);
    const id = await api.approvedOffer();
    expectProblem(await api.countersign(id), 409);
    const token = await api.sendOffer(id);
    await api.candidateSigns(token);
    expect(await api.signing(id)).toMatchObject({ signatory: null, awaitingCountersignature: false, canCountersign: false });
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('accepted');
    const docs = await api.signedDocuments(id);
    expect(docs.length).toBeGreaterThan(0);
    const tools = pdfTools(await api.download(id, docs[0]!.finalSha256));
    expect(tools.sig).toContain('Signature is Valid');
    expect(tools.lastPage).toContain('Ada Lovelace - Candidate');
    expect(tools.lastPage).not.toContain('Company signatory');
  });

  it('a completion that fails is retried by the queue, and completes once', async () => {
    const db = w.t.database.db;
    const active = and(eq(sealCertificates.orgId, w.fx.orgId), isNull(sealCertificates.replacedAt));
    const [cert] = await db.select().from(sealCertificates).where(active);
    // The stored passphrase no longer opens the certificate: sealing fails.
    await db.update(sealCertificates).set({ passphrase: 'not the passphrase' }).where(active);
    const id = await api.approvedOffer();
    await api.candidateSigns(await api.sendOffer(id));
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('signed');
    const [job] = await db.select().from(jobs).where(eq(jobs.dedupeKey, `offer.complete:${id}:1`));
    expect(job).toMatchObject({ state: 'queued', attempts: 1 });
    expect(job!.lastError).toContain('passphrase');
    expect(await api.signedDocuments(id)).toEqual([]);

    await db.update(sealCertificates).set({ passphrase: cert!.passphrase }).where(active);
    w.t.clock.advance(60_000);
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('accepted');
    expect((await w.offers.journal(id)).filter((e) => e.type === 'offer.completed')).toHaveLength(1);
  });
});
