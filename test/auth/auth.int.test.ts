import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/auth/auth.service';
import { apiTokens, sessions } from '../../src/db/schema';
import { setUserDisabled, updatePasswordHash } from '../../src/auth/auth.repo';
import { hashPassword } from '../../src/auth/secrets';
import { createOrgFixture, csrfHeader, TEST_PASSWORD, type OrgFixture } from '../helpers/factories';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
});
beforeEach(() => t.clock.set(TEST_NOW));
afterAll(() => t.close());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function signInRequest(email: string, password: string, cookie?: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, headers: cookie ? { cookie } : {} });
}

/** Signs in and returns the session cookie's value. */
async function signInValue(email = fx.users.recruiter.email, previous?: string): Promise<string> {
  const res = await signInRequest(email, TEST_PASSWORD, previous && `offerline_session=${previous}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.cookies.find((c) => c.name === 'offerline_session')!.value;
}

const me = (session: string) => t.app.inject({ url: '/api/v1/me', headers: { cookie: `offerline_session=${session}` } });
const withToken = (token: string) => t.app.inject({ url: '/api/v1/offers', headers: { authorization: `Bearer ${token}` } });

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and says who signed in', async () => {
    const res = await signInRequest(fx.users.recruiter.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'offerline_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(40);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Lax/);
    expect(res.json()).toMatchObject({ user: { id: fx.users.recruiter.id, email: fx.users.recruiter.email }, organization: { id: fx.orgId }, roles: ['recruiter'] });
    expect((await me(cookie.value)).statusCode).toBe(200);
  });

  it('accepts the e-mail in another case', async () => {
    expect((await signInRequest(fx.users.recruiter.email.toUpperCase(), TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrong = await signInRequest(fx.users.recruiter.email, 'not the password');
    const unknown = await signInRequest(`nobody@${fx.slug}.test`, TEST_PASSWORD);
    const a = expectProblem(wrong, 401, { code: 'unauthenticated' });
    const b = expectProblem(unknown, 401, { code: 'unauthenticated' });
    expect(a).toEqual(b);
    expect(a.detail).toBe('The e-mail or password is not right.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('issues a new session id on each sign-in; the old cookie stops working', async () => {
    const first = await signInValue();
    const second = await signInValue(fx.users.recruiter.email, first);
    expect(second).not.toBe(first);
    expectProblem(await me(first), 401, { code: 'unauthenticated' });
    expect((await me(second)).statusCode).toBe(200);
  });

  it('sign-out ends the session and clears the cookie', async () => {
    const session = await signInValue();
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: `offerline_session=${session}`, ...csrfHeader } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'offerline_session');
    expect(cleared?.value).toBe('');
    expectProblem(await me(session), 401);
    expectProblem(await t.app.inject({ url: '/api/v1/offers', headers: { cookie: `offerline_session=${session}` } }), 401);
  });

  it('refuses the API without a session, or with a made-up one', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/offers' }), 401, { code: 'unauthenticated' });
    // Turned away before the body is looked at: no field-level feedback for an anonymous caller.
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/offers', payload: {} }), 401, { code: 'unauthenticated' });
    expectProblem(await t.app.inject({ method: 'PUT', url: `/api/v1/offers/${fx.candidateId}/draft`, payload: '{', headers: { 'content-type': 'application/json' } }), 401);
    expectProblem(await me('made-up-session-id'), 401, { code: 'unauthenticated' });
  });

  it('ends a session idle for more than 8 hours, and keeps an active one alive', async () => {
    const active = await signInValue();
    const idle = await signInValue(fx.users.finance.email);
    for (let hour = 0; hour < 3; hour++) {
      t.clock.advance(SESSION_IDLE_MS - 60 * 60 * 1000);
      expect((await me(active)).statusCode).toBe(200);
    }
    expectProblem(await me(idle), 401, { code: 'unauthenticated' });

    t.clock.advance(SESSION_IDLE_MS + 1);
    expectProblem(await me(active), 401, { code: 'unauthenticated' });
  });

  it('ends even an active session 7 days after sign-in', async () => {
    const session = await signInValue(fx.users.hrbp.email);
    const step = SESSION_IDLE_MS - 60 * 60 * 1000;
    let elapsed = 0;
    while (elapsed + step < SESSION_ABSOLUTE_MS) {
      t.clock.advance(step);
      elapsed += step;
      expect((await me(session)).statusCode).toBe(200);
    }
    t.clock.advance(SESSION_ABSOLUTE_MS - elapsed);
    expectProblem(await me(session), 401, { code: 'unauthenticated' });
  });

  it('stores sessions hashed: the sessions table never holds the cookie value', async () => {
    const session = await signInValue(fx.users.legal.email);
    const rows = await t.database.db.select().from(sessions);
    expect(rows.map((r) => r.idHash)).toContain(sha256(session));
    expect(JSON.stringify(rows)).not.toContain(session);
  });
});

describe('disabled users and password changes', () => {
  it("a disabled user's live session and API token stop working at once, and sign-in is refused", async () => {
    const session = await signInValue(fx.users.payroll.email);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: `offerline_session=${session}`, ...csrfHeader }, payload: { name: 'payroll sync' } });
    const token = created.json().token as string;
    expect((await withToken(token)).statusCode).toBe(200);

    await setUserDisabled(t.database.db, fx.users.payroll.id, TEST_NOW);
    expectProblem(await me(session), 401, { code: 'unauthenticated' });
    expectProblem(await withToken(token), 401, { code: 'unauthenticated' });
    expectProblem(await signInRequest(fx.users.payroll.email, TEST_PASSWORD), 401, { code: 'unauthenticated' });
    await setUserDisabled(t.database.db, fx.users.payroll.id, null);
  });

  it('a new password ends every session the user had', async () => {
    const session = await signInValue(fx.users.it.email);
    expect((await me(session)).statusCode).toBe(200);
    await updatePasswordHash(t.database.db, fx.users.it.id, await hashPassword('a brand new passphrase'));
    expectProblem(await me(session), 401, { code: 'unauthenticated' });
  });
});

describe('personal API tokens', () => {
  it('are shown once, work as a Bearer token, are listed without the secret, and stop working when revoked', async () => {
    const session = `offerline_session=${await signInValue(fx.users.admin.email)}`;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: session, ...csrfHeader }, payload: { name: 'CI export' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^olt_[\w-]{40,}$/);

    const used = await withToken(token);
    expect(used.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json()).toMatchObject({ user: { id: fx.users.admin.id } });

    const list = await t.app.inject({ url: '/api/v1/me/tokens', headers: { cookie: session } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ id, name: 'CI export', revokedAt: null, lastUsedAt: TEST_NOW.toISOString() })]);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(token.slice(4));
    const stored = await t.database.db.select().from(apiTokens);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((r) => r.tokenHash)).toContain(sha256(token));

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: { cookie: session, ...csrfHeader } });
    expect(revoked.statusCode).toBe(204);
    expectProblem(await withToken(token), 401, { code: 'unauthenticated' });
    expect((await t.app.inject({ url: '/api/v1/me/tokens', headers: { cookie: session } })).json()[0].revokedAt).toBe(TEST_NOW.toISOString());
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: { cookie: session, ...csrfHeader } }), 404);
  });

  it('stop working when they expire', async () => {
    const session = `offerline_session=${await signInValue(fx.users.admin.email)}`;
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: session, ...csrfHeader }, payload: { name: 'short', expiresInDays: 1 } })).json();
    expect((await withToken(token)).statusCode).toBe(200);
    t.clock.advance(24 * 60 * 60 * 1000 + 1);
    expectProblem(await withToken(token), 401, { code: 'unauthenticated' });
  });

  it("cannot be revoked by another user, and an unknown Bearer token is refused", async () => {
    const owner = `offerline_session=${await signInValue(fx.users.admin.email)}`;
    const { id, token } = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: owner, ...csrfHeader }, payload: { name: 'mine' } })).json();
    const stranger = `offerline_session=${await signInValue(fx.users.recruiter.email)}`;
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: { cookie: stranger, ...csrfHeader } }), 404);
    expect((await withToken(token)).statusCode).toBe(200);
    expectProblem(await withToken('olt_not-a-real-token'), 401, { code: 'unauthenticated' });
  });
});
