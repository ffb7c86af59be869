import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outboundEmails } from '../../../src/db/schema';
import { CONSENT_VERSION } from '../../../src/flow/signing/consent';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import type { AppOptions } from '../../../src/server/app';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { createTestApp, type TestApp } from '../../helpers/test-app';

export const CANDIDATE = { ip: '203.0.113.7', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile Safari/604.1' };
export const SIGNATORY = { ip: '198.51.100.7', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0' };
export const MINUTE = 60_000;

export interface SigningWorld {
  t: TestApp;
  fx: OrgFixture;
  offers: OfferApi;
  recruiter: string;
  admin: string;
  close(): Promise<void>;
}

/** An app with an organisation whose sample library makes a letter packet on submit. */
export async function signingWorld(options: Partial<AppOptions> = {}): Promise<SigningWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'offerline-signing-'));
  const store = createLocalObjectStore(dir);
  const t = await createTestApp({ objectStore: store, publicUrl: 'https://offers.example.com', trustProxy: true, ...options });
  const fx = await createOrgFixture(t.database.db);
  await installLibrary(t.database.db, t.clock, store, fx);
  const recruiter = await signIn(t.app, fx.users.recruiter.email);
  const admin = await signIn(t.app, fx.users.admin.email);
  return {
    t,
    fx,
    offers: offerApi(t.app, recruiter, fx),
    recruiter,
    admin,
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function signingApi(w: SigningWorld) {
  const { t, fx } = w;
  const candidateMail = async () =>
    (await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, `ada@${fx.slug}.test`)))).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.subject.localeCompare(b.subject),
    );
  const rowVersion = async (id: string): Promise<number> => (await w.offers.get(id)).json().rowVersion;
  const portal = (token: string, what: string, payload?: object, who = CANDIDATE) =>
    t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/${what}`, headers: { 'user-agent': who.ua, 'x-forwarded-for': who.ip }, ...(payload ? { payload } : {}) });

  const api = {
    candidateMail,
    rowVersion,
    settings: (body: object, cookie = w.admin) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/admin/signing-settings', headers: { cookie, ...csrfHeader }, payload: body }),

    /** A new offer, submitted and through its packet to approved, an hour after the previous step. */
    async approvedOffer(): Promise<string> {
      // Time only moves on (never back), so "the latest e-mail" is always the newest one.
      t.clock.advance(60 * MINUTE);
      const draft = await w.offers.createDraft();
      expect((await w.offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
      await t.app.jobs.runDue();
      expect((await w.offers.get(draft.id)).json().status).toBe('approved');
      return draft.id;
    },

    send: async (id: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/send`, headers: { cookie: w.recruiter, ...csrfHeader, 'if-match': `"${await rowVersion(id)}"` } }),

    /** Sends the offer and returns the portal token from the candidate's e-mail. */
    async sendOffer(id: string): Promise<string> {
      const sent = await api.send(id);
      expect(sent.statusCode, sent.body).toBe(200);
      const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your offer from')).at(-1)!;
      return /\/portal\/(ocl_[\w-]+)/.exec(mail.textBody)![1]!;
    },

    /** The candidate opens the link, asks for a code, and signs with it, a few minutes apart. */
    async candidateSigns(token: string, name = 'Ada Lovelace') {
      t.clock.advance(5 * MINUTE);
      expect((await t.app.inject({ url: `/api/v1/portal/${token}`, headers: { 'user-agent': CANDIDATE.ua, 'x-forwarded-for': CANDIDATE.ip } })).statusCode).toBe(200);
      t.clock.advance(3 * MINUTE);
      expect((await portal(token, 'code')).statusCode).toBe(200);
      const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your signing code')).at(-1)!;
      const code = /(\d{6})$/.exec(mail.subject)![1]!;
      t.clock.advance(2 * MINUTE);
      const signed = await portal(token, 'sign', { code, consentVersion: CONSENT_VERSION, adopt: true, signature: { kind: 'typed', name } });
      expect(signed.statusCode, signed.body).toBe(200);
      return signed.json();
    },

    countersign: async (id: string, cookie = w.admin, signature: object = { kind: 'typed', name: 'Grace Hopper' }) => {
      t.clock.advance(30 * MINUTE);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/offers/${id}/countersign`,
        headers: { cookie, ...csrfHeader, 'if-match': `"${await rowVersion(id)}"`, 'user-agent': SIGNATORY.ua, 'x-forwarded-for': SIGNATORY.ip },
        payload: { adopt: true, signature },
      });
    },

    signing: async (id: string, cookie = w.recruiter) => {
      const res = await t.app.inject({ url: `/api/v1/offers/${id}/signing`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },

    signedDocuments: async (id: string): Promise<{ name: string; templateKey: string; versionNumber: number; originalSha256: string; finalSha256: string; completedAt: string }[]> => {
      const res = await t.app.inject({ url: `/api/v1/offers/${id}/signed-documents`, headers: { cookie: w.recruiter } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },

    async download(id: string, sha256: string): Promise<Buffer> {
      const res = await t.app.inject({ url: `/api/v1/offers/${id}/signed-documents/${sha256}`, headers: { cookie: w.recruiter } });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      return res.rawPayload;
    },

    status: async (id: string): Promise<string> => (await w.offers.get(id)).json().status,
  };
  return api;
}

/** poppler's view of a PDF: pdfsig's report, and the text of one page (the last by default). */
export function pdfTools(pdf: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'offerline-signed-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  try {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    let sig: string;
    try {
      sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e) {
      sig = String((e as { stdout?: string }).stdout ?? '');
    }
    const lastPage = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-'], { encoding: 'utf8' });
    const all = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    return { pages, sig, lastPage, all };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
