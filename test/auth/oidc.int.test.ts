import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUserDisabled } from '../../src/auth/auth.repo';
import { fixedClock } from '../../src/core/clock';
import type { Database } from '../../src/db/client';
import { sessions, users } from '../../src/db/schema';
import { buildApp } from '../../src/server/app';
import { createOrgFixture, type OrgFixture } from '../helpers/factories';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { expectProblem } from '../helpers/problem';
import { createTestDatabase } from '../helpers/test-database';
import { TEST_NOW } from '../helpers/test-app';

const REDIRECT_URL = 'https://offers.example.test/api/v1/auth/oidc/callback';
const SSO_FAILED = '/sign-in?error=sso_failed';

let provider: TestOidcProvider;
let database: Database;
let app: FastifyInstance;
let fx: OrgFixture;
const clock = fixedClock(TEST_NOW);
/** The server's log lines, to check each refusal is logged once and why. */
const logs: { msg: string; reason?: string }[] = [];
const logStream = { write: (line: string) => void logs.push(JSON.parse(line)) };

beforeAll(async () => {
  provider = await startOidcProvider();
  database = await createTestDatabase();
  app = await buildApp({
    database,
    clock,
    logger: { level: 'info', stream: logStream },
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUrl: REDIRECT_URL, displayName: 'Acme SSO' },
  });
  await app.ready();
  fx = await createOrgFixture(database.db);
});
beforeEach(() => {
  clock.set(TEST_NOW);
  provider.misbehave = {};
  logs.length = 0;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await provider?.close();
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Callback {
  /** Path and query of the callback the provider sent the browser to. */
  path: string;
  /** The flow cookie set by /start, as a Cookie header. */
  flowCookie: string;
}

/** Start → the provider's authorize endpoint (a real HTTP request) → the callback URL it redirects to. */
async function throughProvider(): Promise<Callback> {
  const start = await app.inject({ url: '/api/v1/auth/oidc/start' });
  expect(start.statusCode, start.body).toBe(302);
  const authorize = new URL(String(start.headers.location));
  expect(authorize.origin).toBe(provider.issuer);
  const flow = start.cookies.find((c) => c.name === 'offerline_oidc')!;
  const answer = await fetch(authorize, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(REDIRECT_URL);
  return { path: back.pathname + back.search, flowCookie: `offerline_oidc=${flow.value}` };
}

function callback({ path, flowCookie }: Callback, extraCookie = '') {
  return app.inject({ url: path, headers: { cookie: [flowCookie, extraCookie].filter(Boolean).join('; ') } });
}

/** The whole flow; returns the callback's response. */
async function signInAs(person: TestOidcProvider['person']) {
  provider.person = person;
  return callback(await throughProvider());
}

function sessionOf(res: Awaited<ReturnType<typeof callback>>): string | null {
  return res.cookies.find((c) => c.name === 'offerline_session' && c.value)?.value ?? null;
}

const me = (session: string) => app.inject({ url: '/api/v1/me', headers: { cookie: `offerline_session=${session}` } });

async function identityOf(userId: string) {
  const [row] = await database.db.select({ issuer: users.oidcIssuer, subject: users.oidcSubject }).from(users).where(eq(users.id, userId));
  return row!;
}

/** Refused: back to the sign-in page without a session, logged once with a reason matching `why`. */
function expectRefused(res: Awaited<ReturnType<typeof callback>>, why: RegExp) {
  expect(res.statusCode, res.body).toBe(302);
  expect(res.headers.location).toBe(SSO_FAILED);
  expect(sessionOf(res)).toBeNull();
  const failures = logs.filter((l) => l.msg === 'single sign-on failed');
  expect(failures).toHaveLength(1);
  expect(failures[0]!.reason).toMatch(why);
  logs.length = 0;
}

describe('sign-in methods', () => {
  it('names the single sign-on button for the sign-in page, without a session', async () => {
    const res = await app.inject({ url: '/api/v1/auth/methods' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ password: true, oidc: { displayName: 'Acme SSO' } });
  });

  it('says password only, and start answers 404, when single sign-on is not configured', async () => {
    const plain = await buildApp({ database, clock });
    try {
      expect((await plain.inject({ url: '/api/v1/auth/methods' })).json()).toEqual({ password: true, oidc: null });
      expectProblem(await plain.inject({ url: '/api/v1/auth/oidc/start' }), 404, { code: 'not_found' });
    } finally {
      await plain.close();
    }
  });
});

describe('start', () => {
  it('redirects to the provider with PKCE S256, state and nonce, and keeps them in a short-lived HttpOnly cookie', async () => {
    const res = await app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(res.statusCode).toBe(302);
    const url = new URL(String(res.headers.location));
    expect(url.pathname).toBe('/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URL,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)?.length).toBeGreaterThanOrEqual(32);
    const cookie = res.cookies.find((c) => c.name === 'offerline_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: 600 });
  });
});

describe('callback', () => {
  it('links an existing user by a verified e-mail on first sign-in, opens an oidc session and redirects to /', async () => {
    const user = fx.users.finance;
    const res = await signInAs({ sub: 'finance-sub', email: user.email.toUpperCase(), email_verified: true });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = sessionOf(res)!;
    const cookie = res.cookies.find((c) => c.name === 'offerline_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.cookies.find((c) => c.name === 'offerline_oidc')?.value).toBe('');

    const who = await me(session);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { id: user.id }, organization: { id: fx.orgId } });
    const [row] = await database.db.select().from(sessions).where(eq(sessions.idHash, sha256(session)));
    expect(row).toMatchObject({ userId: user.id, authMethod: 'oidc' });
    expect(await identityOf(user.id)).toEqual({ issuer: provider.issuer, subject: 'finance-sub' });
  });

  it('finds a linked user by issuer and subject, whatever e-mail the provider now sends', async () => {
    const user = fx.users.legal;
    expect(sessionOf(await signInAs({ sub: 'legal-sub', email: user.email, email_verified: true }))).not.toBeNull();
    const again = await signInAs({ sub: 'legal-sub', email: 'renamed@elsewhere.test', email_verified: false });
    expect(again.headers.location).toBe('/');
    expect((await me(sessionOf(again)!)).json()).toMatchObject({ user: { id: user.id } });
  });

  it('ends the session the browser already had, so the id rotates', async () => {
    const first = sessionOf(await signInAs({ sub: 'it-sub', email: fx.users.it.email, email_verified: true }))!;
    provider.person = { sub: 'it-sub' };
    const second = await callback(await throughProvider(), `offerline_session=${first}`);
    expect(sessionOf(second)).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(sessionOf(second)!)).statusCode).toBe(200);
  });

  it('refuses an e-mail the provider has not verified, and links nothing', async () => {
    const user = fx.users.hrbp;
    expectRefused(await signInAs({ sub: 'hrbp-sub', email: user.email, email_verified: false }), /not verified/);
    expectRefused(await signInAs({ sub: 'hrbp-sub', email: user.email }), /not verified/);
    expect(await identityOf(user.id)).toEqual({ issuer: null, subject: null });
  });

  it('refuses a person who has no user here (no self sign-up)', async () => {
    const before = await database.db.select({ id: users.id }).from(users);
    expectRefused(await signInAs({ sub: 'stranger', email: `stranger@${fx.slug}.test`, email_verified: true }), /no user has its e-mail/);
    expectRefused(await signInAs({ sub: 'no-email' }), /carries no e-mail/);
    expect(await database.db.select({ id: users.id }).from(users)).toHaveLength(before.length);
  });

  it('refuses a disabled user, linked or not', async () => {
    const user = fx.users.admin;
    await setUserDisabled(database.db, user.id, TEST_NOW);
    try {
      expectRefused(await signInAs({ sub: 'admin-sub', email: user.email, email_verified: true }), /is disabled/);
    } finally {
      await setUserDisabled(database.db, user.id, null);
    }
    expect(sessionOf(await signInAs({ sub: 'admin-sub', email: user.email, email_verified: true }))).not.toBeNull();
    await setUserDisabled(database.db, user.id, TEST_NOW);
    try {
      expectRefused(await signInAs({ sub: 'admin-sub' }), /is disabled/);
    } finally {
      await setUserDisabled(database.db, user.id, null);
    }
  });

  it('does not move a user already linked to another identity', async () => {
    const user = fx.users.finance; // linked to finance-sub above
    expectRefused(await signInAs({ sub: 'someone-else', email: user.email, email_verified: true }), /already linked/);
    expect(await identityOf(user.id)).toEqual({ issuer: provider.issuer, subject: 'finance-sub' });
  });

  it('refuses a tampered state before the code reaches the token endpoint', async () => {
    provider.person = { sub: 'finance-sub' };
    const cb = await throughProvider();
    const url = new URL(cb.path, 'http://x');
    url.searchParams.set('state', 'x'.repeat(43));
    const tokenRequests = provider.tokenRequests;
    expectRefused(await callback({ ...cb, path: url.pathname + url.search }), /state/);
    expect(provider.tokenRequests).toBe(tokenRequests);
  });

  it('refuses a callback without the flow cookie, and one whose flow is older than 10 minutes', async () => {
    provider.person = { sub: 'finance-sub' };
    expectRefused(await callback({ ...(await throughProvider()), flowCookie: '' }), /flow cookie missing/);
    expectRefused(await callback({ ...(await throughProvider()), flowCookie: 'offerline_oidc=not-a-flow' }), /flow cookie missing/);
    const late = await throughProvider();
    clock.advance(10 * 60 * 1000 + 1);
    expectRefused(await callback(late), /10 minutes/);
  });

  it('refuses a replayed callback', async () => {
    const cb = await throughProvider();
    provider.person = { sub: 'finance-sub' };
    const first = await callback(cb);
    expect(sessionOf(first)).not.toBeNull();
    expectRefused(await callback(cb), /invalid_grant/);
  });

  it('refuses an error answer from the provider', async () => {
    provider.misbehave = { authorizeError: 'access_denied' };
    const cb = await throughProvider();
    expect(cb.path).toContain('error=access_denied');
    expectRefused(await callback(cb), /answered access_denied/);
  });

  it('refuses an ID token for another audience, with another nonce, or from another issuer', async () => {
    provider.person = { sub: 'finance-sub' };
    const cases = [
      { misbehave: { audience: 'another-client' }, why: /aud/ },
      { misbehave: { nonce: 'n'.repeat(43) }, why: /nonce/ },
      { misbehave: { issuer: 'http://127.0.0.1:1' }, why: /iss/ },
    ];
    for (const { misbehave, why } of cases) {
      provider.misbehave = misbehave;
      expectRefused(await callback(await throughProvider()), why);
    }
  });

  it('answers a callback with an absurd parameter as problem+json', async () => {
    expectProblem(await app.inject({ url: `/api/v1/auth/oidc/callback?code=${'a'.repeat(5000)}` }), 400, { code: 'invalid_request' });
  });
});
