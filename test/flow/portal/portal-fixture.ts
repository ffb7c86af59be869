import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outboundEmails } from '../../../src/db/schema';
import type { AppOptions } from '../../../src/server/app';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

export interface PortalFixture {
  t: TestApp;
  fx: OrgFixture;
  offers: OfferApi;
  cookie: string;
  /** An approved offer sent to the candidate: its id, the portal token from the e-mail, and its row version. */
  sentOffer(overrides?: Parameters<OfferApi['createDraft']>[0]): Promise<{ id: string; token: string; rowVersion: number }>;
  /** A portal request, from `ip` when the app trusts the proxy header. */
  portal(token: string, what?: string, payload?: object, ip?: string): Promise<Awaited<ReturnType<TestApp['app']['inject']>>>;
  candidateMail(): Promise<(typeof outboundEmails.$inferSelect)[]>;
  latestCode(): Promise<string>;
  /** Signs the recruiter in again (after the clock moved past the session's life); `cookie` and `offers` follow. */
  signInAgain(): Promise<void>;
}

/** An app with a document library and a signed-in recruiter, for tests of the candidate portal. */
export async function portalFixture(options: Partial<Omit<AppOptions, 'database' | 'clock'>> = {}): Promise<PortalFixture> {
  const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-portal-')));
  const t = await createTestApp({ objectStore: store, publicUrl: 'https://offers.example.com', ...options });
  const fx = await createOrgFixture(t.database.db);
  await installLibrary(t.database.db, t.clock, store, fx);
  let cookie = await signIn(t.app, fx.users.recruiter.email);
  let offers = offerApi(t.app, cookie, fx);

  const candidateMail = async () =>
    (await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, `ada@${fx.slug}.test`)))).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.subject.localeCompare(b.subject),
    );

  async function sentOffer(overrides: Parameters<OfferApi['createDraft']>[0] = {}) {
    t.clock.set(TEST_NOW);
    const draft = await offers.createDraft(overrides);
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const approved = (await offers.get(draft.id)).json();
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/offers/${draft.id}/send`, headers: { cookie, ...csrfHeader, 'if-match': `"${approved.rowVersion}"` } });
    expect(sent.statusCode, sent.body).toBe(200);
    const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your offer from')).at(-1)!;
    return { id: draft.id, token: /\/portal\/(ocl_[\w-]+)/.exec(mail.textBody)![1]!, rowVersion: sent.json().rowVersion as number };
  }

  const portal = (token: string, what?: string, payload?: object, ip?: string) =>
    t.app.inject({
      method: what ? 'POST' : 'GET',
      url: `/api/v1/portal/${token}${what ? `/${what}` : ''}`,
      headers: ip ? { 'x-forwarded-for': ip } : {},
      ...(payload ? { payload } : {}),
    });

  async function latestCode(): Promise<string> {
    const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your signing code')).at(-1)!;
    return /(\d{6})$/.exec(mail.subject)![1]!;
  }

  return {
    t,
    fx,
    get offers() {
      return offers;
    },
    get cookie() {
      return cookie;
    },
    sentOffer,
    portal,
    candidateMail,
    latestCode,
    async signInAgain() {
      cookie = await signIn(t.app, fx.users.recruiter.email);
      offers = offerApi(t.app, cookie, fx);
    },
  };
}

export const typedSignature = (code: string, consentVersion: string) => ({ code, consentVersion, adopt: true, signature: { kind: 'typed', name: 'Ada Lovelace' } });
