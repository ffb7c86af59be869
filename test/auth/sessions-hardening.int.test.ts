import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/auth/auth.service';
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

const MINUTE = 60_000;

function signInRequest(email: string, password: string, opts: { cookie?: string; headers?: Record<string, string>; ip?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

async function session(email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await signInRequest(email, password);
  expect(res.statusCode, res.body).toBe(200);
  return `offerline_session=${res.cookies.find((c) => c.name === 'offerline_session')!.value}`;
}

const me = (cookie: string) => t.app.inject({ url: '/api/v1/me', headers: { cookie } });
const createToken = (cookie: string, headers: Record<string, string> = csrfHeader) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie, ...headers }, payload: { name: 'probe' } });

describe('session fixation', () => {
  it('a session id planted before sign-in is not the one issued, and does not work afterwards', async () => {
    const planted = 'offerline_session=attacker-chosen-value-0123456789abcdef';
    const res = await signInRequest(fx.users.recruiter.email, TEST_PASSWORD, { cookie: planted });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'offerline_session')!.value;
    expect(`offerline_session=${issued}`).not.toBe(planted);
    expectProblem(await me(planted), 401, { code: 'unauthenticated' });
    expect((await me(`offerline_session=${issued}`)).statusCode).toBe(200);
  });

  it('a real earlier session is ended by the next sign-in through it', async () => {
    const first = await session(fx.users.recruiter.email);
    const res = await signInRequest(fx.users.recruiter.email, TEST_PASSWORD, { cookie: first });
    expect(res.statusCode).toBe(200);
    expectProblem(await me(first), 401);
  });
});

describe('expiry', () => {
  it('ends a session after 8 hours idle', async () => {
    const cookie = await session(fx.users.finance.email);
    t.clock.advance(SESSION_IDLE_MS + 1);
    expectProblem(await me(cookie), 401, { code: 'unauthenticated' });
  });

  it('ends an active session after 7 days in all', async () => {
    const cookie = await session(fx.users.finance.email);
    for (let spent = 0; spent < SESSION_ABSOLUTE_MS - 6 * 60 * MINUTE; spent += 6 * 60 * MINUTE) {
      t.clock.advance(6 * 60 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    t.clock.set(new Date(TEST_NOW.getTime() + SESSION_ABSOLUTE_MS + 1));
    expectProblem(await me(cookie), 401);
  });
});

describe('sign-out', () => {
  it('sign-out ends the session', async () => {
    const cookie = await session(fx.users.legal.email);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie, ...csrfHeader } })).statusCode).toBe(204);
    expectProblem(await me(cookie), 401);
  });

  it('sign out everywhere ends every session of the user, and no one else’s', async () => {
    const laptop = await session(fx.users.hr_ops.email);
    const phone = await session(fx.users.hr_ops.email);
    const other = await session(fx.users.it.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: { cookie: phone, ...csrfHeader } });
    expect(res.statusCode).toBe(204);
    expectProblem(await me(laptop), 401);
    expectProblem(await me(phone), 401);
    expect((await me(other)).statusCode).toBe(200);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('refuses a write without X-Requested-With', async () => {
    const cookie = await session(fx.users.admin.email);
    expectProblem(await createToken(cookie, {}), 403, { code: 'csrf_failed' });
    expectProblem(await createToken(cookie, { 'x-requested-with': 'XMLHttpRequest' }), 403, { code: 'csrf_failed' });
  });

  it('refuses a cross-site request and a foreign Origin even with the header', async () => {
    const cookie = await session(fx.users.admin.email);
    expectProblem(await createToken(cookie, { ...csrfHeader, 'sec-fetch-site': 'cross-site' }), 403, { code: 'csrf_failed' });
    expectProblem(await createToken(cookie, { ...csrfHeader, origin: 'https://evil.example' }), 403, { code: 'csrf_failed' });
  });

  it('accepts the header, from the same origin too', async () => {
    const cookie = await session(fx.users.admin.email);
    expect((await createToken(cookie)).statusCode).toBe(201);
    expect((await createToken(cookie, { ...csrfHeader, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
  });

  it('reads need no header', async () => {
    const cookie = await session(fx.users.admin.email);
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('a Bearer-token write needs no header', async () => {
    const cookie = await session(fx.users.admin.email);
    const { token } = (await createToken(cookie)).json();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { authorization: `Bearer ${token}` }, payload: { name: 'from a script' } });
    expect(res.statusCode).toBe(201);
  });

  it('sign-in from another site is refused (login CSRF)', async () => {
    expectProblem(await signInRequest(fx.users.admin.email, TEST_PASSWORD, { headers: { origin: 'https://evil.example' } }), 403, { code: 'csrf_failed' });
    expectProblem(await signInRequest(fx.users.admin.email, TEST_PASSWORD, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, { code: 'csrf_failed' });
  });
});

describe('sign-in lockout', () => {
  it('locks an e-mail after 5 failures for 15 minutes, even with the right password, then releases it', async () => {
    const email = fx.users.payroll.email;
    for (let i = 0; i < 5; i++) expectProblem(await signInRequest(email, `wrong ${i}`, { ip: '10.0.0.1' }), 401);
    const locked = expectProblem(await signInRequest(email, TEST_PASSWORD, { ip: '10.0.0.2' }), 429, { code: 'too_many_requests' });
    expect(locked.detail).toMatch(/Try again in 15 minutes/);
    const again = await signInRequest(email.toUpperCase(), TEST_PASSWORD, { ip: '10.0.0.3' });
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(15 * 60);

    t.clock.advance(14 * MINUTE);
    expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(429);
    t.clock.advance(MINUTE);
    expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a success resets the count; failures spread beyond the window do not lock', async () => {
    const email = fx.users.client_approver.email;
    for (let i = 0; i < 4; i++) await signInRequest(email, 'wrong', { ip: '10.0.1.1' });
    expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await signInRequest(email, 'wrong', { ip: '10.0.1.1' });
    t.clock.advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) await signInRequest(email, 'wrong', { ip: '10.0.1.1' });
    expect((await signInRequest(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown e-mail exactly as a known one, locked or not', async () => {
    const known = fx.users.hiring_manager.email;
    const unknown = `nobody@${fx.slug}.test`;
    for (let i = 0; i < 5; i++) {
      const a = await signInRequest(known, 'wrong', { ip: '10.0.2.1' });
      const b = await signInRequest(unknown, 'wrong', { ip: '10.0.2.2' });
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.json()).toEqual(a.json());
    }
    const a = await signInRequest(known, 'wrong', { ip: '10.0.2.1' });
    const b = await signInRequest(unknown, 'wrong', { ip: '10.0.2.2' });
    expect(a.statusCode).toBe(429);
    expect(b.statusCode).toBe(429);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['retry-after']).toBe(a.headers['retry-after']);
  });

  it('locks a client address that fails across many e-mails', async () => {
    for (let i = 0; i < 50; i++) await signInRequest(`spray${i}@${fx.slug}.test`, 'wrong', { ip: '10.0.3.1' });
    expectProblem(await signInRequest(fx.users.recruiter.email, TEST_PASSWORD, { ip: '10.0.3.1' }), 429);
    expect((await signInRequest(fx.users.recruiter.email, TEST_PASSWORD, { ip: '10.0.3.2' })).statusCode).toBe(200);
  });
});

describe('passwords', () => {
  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie, ...csrfHeader }, payload: { currentPassword, newPassword } });

  it('refuses too short, too long and common passwords, naming the field', async () => {
    const cookie = await session(fx.users.hrbp.email);
    expectProblem(await change(cookie, TEST_PASSWORD, 'short'), 422, { fields: ['newPassword'] });
    expectProblem(await change(cookie, TEST_PASSWORD, 'x'.repeat(129)), 422, { fields: ['newPassword'] });
    for (const common of ['password123', 'iloveyou', 'Qwertyuiop', 'baseball1']) {
      expectProblem(await change(cookie, TEST_PASSWORD, common), 422, { fields: ['newPassword'] });
    }
    expectProblem(await change(cookie, 'not my password', 'a perfectly fine passphrase'), 422, { fields: ['currentPassword'] });
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('wrong current passwords count towards the lockout, so a stolen session cannot guess at speed', async () => {
    const cookie = await session(fx.users.it.email);
    for (let i = 0; i < 5; i++) expectProblem(await change(cookie, `guess ${i}`, 'a perfectly fine passphrase'), 422, { fields: ['currentPassword'] });
    expectProblem(await change(cookie, TEST_PASSWORD, 'a perfectly fine passphrase'), 429, { code: 'too_many_requests' });
    expectProblem(await signInRequest(fx.users.it.email, TEST_PASSWORD), 429);
    t.clock.advance(15 * MINUTE);
    expect((await signInRequest(fx.users.it.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a change renews this session, ends the others, and the new password works', async () => {
    const here = await session(fx.users.hrbp.email);
    const elsewhere = await session(fx.users.hrbp.email);
    const res = await change(here, TEST_PASSWORD, 'offerline-demo');
    expect(res.statusCode, res.body).toBe(204);
    const renewed = `offerline_session=${res.cookies.find((c) => c.name === 'offerline_session')!.value}`;
    expect(renewed).not.toBe(here);
    expectProblem(await me(here), 401);
    expectProblem(await me(elsewhere), 401);
    expect((await me(renewed)).statusCode).toBe(200);
    expect((await signInRequest(fx.users.hrbp.email, 'offerline-demo')).statusCode).toBe(200);
    expect((await signInRequest(fx.users.hrbp.email, TEST_PASSWORD)).statusCode).toBe(401);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('gives the API docs page a CSP that lets Swagger UI run', async () => {
    const res = await t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/img-src 'self' data: validator.swagger.io/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
  });

  it('does not allow a CORS preflight from a foreign origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/offers',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-requested-with' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('refuses a body over 256 KiB', async () => {
    const cookie = await session(fx.users.admin.email);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie, ...csrfHeader, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(300 * 1024) }) });
    expectProblem(res, 413, { code: 'body_too_large' });
  });
});
