import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCertificates } from '../../../src/db/schema';
import { insertOrganization } from '../../../src/directory/org-setup.repo';
import { generateSealCertificate } from '../../../src/flow/signing/org-certificate';
import { verifySeal } from '../../../src/flow/signing/seal';
import { ensureAllSealCertificates, ensureSealCertificate } from '../../../src/flow/signing/seal-certificates.service';
import { csrfHeader } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { TEST_NOW } from '../../helpers/test-app';
import { loadConfig } from '../../../src/server/config';
import { startServer } from '../../../src/server/server';
import { pdfTools, signingApi, signingWorld, type SigningWorld } from './signing-fixture';

describe('signing administration: seal certificate, signing settings, who countersigns', () => {
  let w: SigningWorld;
  let api: ReturnType<typeof signingApi>;
  const seal = (method: 'GET' | 'PUT', cookie: string, payload?: object) =>
    w.t.app.inject({ method, url: '/api/v1/admin/seal-certificate', headers: { cookie, ...csrfHeader }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    w = await signingWorld();
    api = signingApi(w);
  });
  afterAll(() => w.close());

  it('shows the generated seal certificate to admins only, never its key', async () => {
    const res = await seal('GET', w.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ subject: `Org ${w.fx.slug} document seal`, source: 'generated', fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.keys(res.json()).sort()).toEqual(['createdAt', 'fingerprintSha256', 'notAfter', 'source', 'subject']);
    expectProblem(await seal('GET', w.recruiter), 403);
    expectProblem(await seal('PUT', w.recruiter, { p12Base64: 'AAAA', passphrase: 'x' }), 403);
  });

  it('generates one certificate per organisation, at start and when two processes race', async () => {
    const db = w.t.database.db;
    const org = await insertOrganization(db, { name: 'Racing Co', slug: `race${randomUUID().slice(0, 8)}` });
    const [a, b] = await Promise.all([ensureSealCertificate(db, w.t.clock, org.id), ensureSealCertificate(db, w.t.clock, org.id)]);
    expect(a.id).toBe(b.id);
    expect(await db.select().from(sealCertificates).where(eq(sealCertificates.orgId, org.id))).toHaveLength(1);
    const later = await insertOrganization(db, { name: 'Later Co', slug: `later${randomUUID().slice(0, 8)}` });
    expect(await ensureAllSealCertificates(db, w.t.clock)).toBeGreaterThanOrEqual(1);
    expect(await ensureAllSealCertificates(db, w.t.clock)).toBe(0);
    expect((await db.select().from(sealCertificates).where(eq(sealCertificates.orgId, later.id)))[0]!.subject).toBe('Later Co document seal');
  });

  it('a starting server gives every organisation without one a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offerline-start-'));
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', database: { engine: 'embedded-memory' as const }, objectsDir: dir, s3: null, mail: null, logLevel: 'silent', webRoot: '/nonexistent' };
    const server = await startServer(config, { seedDemo: true });
    try {
      const rows = await server.database.db.select().from(sealCertificates);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.source === 'generated' && r.replacedAt === null)).toBe(true);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces the certificate with an uploaded one; a wrong passphrase or a file that is not a P12 is refused by name', async () => {
    const own = generateSealCertificate({ organizationName: 'Replaced Seal Co', now: TEST_NOW });
    const p12Base64 = own.p12.toString('base64');
    expectProblem(await seal('PUT', w.admin, { p12Base64, passphrase: 'not the passphrase' }), 422, { fields: ['passphrase'] });
    expectProblem(await seal('PUT', w.admin, { p12Base64: Buffer.from('not a certificate').toString('base64'), passphrase: own.passphrase }), 422, { fields: ['p12Base64'] });
    expectProblem(await seal('PUT', w.admin, { p12Base64: '%%%', passphrase: own.passphrase }), 422, { fields: ['p12Base64'] });

    const replaced = await seal('PUT', w.admin, { p12Base64, passphrase: own.passphrase });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ subject: 'Replaced Seal Co document seal', source: 'uploaded', fingerprintSha256: own.fingerprintSha256 });
    expect((await seal('GET', w.admin)).json().fingerprintSha256).toBe(own.fingerprintSha256);
    const rows = await w.t.database.db.select().from(sealCertificates).where(eq(sealCertificates.orgId, w.fx.orgId));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.replacedAt === null).map((r) => r.source)).toEqual(['uploaded']);
  });

  it('validates the signing settings: the signatory must be an active user of the organisation', async () => {
    const get = await w.t.app.inject({ url: '/api/v1/admin/signing-settings', headers: { cookie: w.admin } });
    expect(get.statusCode, get.body).toBe(200);
    expect(get.json()).toMatchObject({ countersignOrder: 'after', candidateReminderDays: [3, 1] });
    expectProblem(await api.settings({ signatoryUserId: randomUUID() }), 422, { fields: ['signatoryUserId'] });
    expectProblem(await api.settings({ countersignOrder: 'sometime' }), 400);
    expectProblem(await api.settings({ signatoryUserId: w.fx.users.admin.id }, w.recruiter), 403);
    const saved = await api.settings({ signatoryUserId: w.fx.users.admin.id, countersignOrder: 'after' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ signatoryUserId: w.fx.users.admin.id, signatory: { id: w.fx.users.admin.id, email: `admin@${w.fx.slug}.test` } });
  });

  it('only the signatory countersigns; the next completion is sealed with the uploaded certificate', async () => {
    const id = await api.approvedOffer();
    await api.candidateSigns(await api.sendOffer(id));
    const refused = expectProblem(await api.countersign(id, w.recruiter), 403);
    expect(refused.detail).toContain('admin person');
    expect((await api.countersign(id)).statusCode).toBe(200);
    await w.t.app.jobs.runDue();
    expect(await api.status(id)).toBe('accepted');
    const pdf = await api.download(id, (await api.signedDocuments(id))[0]!.finalSha256);
    expect(await verifySeal(pdf)).toBe('valid');
    expect(pdfTools(pdf).sig).toContain('Replaced Seal Co document seal');
  });
});
