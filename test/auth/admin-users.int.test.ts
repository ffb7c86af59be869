import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../helpers/factories';
import { expectProblem } from '../helpers/problem';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let other: OrgFixture;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  other = await createOrgFixture(t.database.db);
  admin = await signIn(t.app, fx.users.admin.email);
});
afterAll(() => t.close());

const NEW_PASSWORD = 'a long and unusual passphrase';

function call(method: 'GET' | 'POST', url: string, payload?: object, cookie = admin) {
  return t.app.inject({ method, url, headers: { cookie, ...(method === 'GET' ? {} : csrfHeader) }, ...(payload ? { payload } : {}) });
}
const me = (cookie: string) => t.app.inject({ url: '/api/v1/me', headers: { cookie } });

async function addUser(email: string, roles: object[] = [{ role: 'recruiter' }], password: string | undefined = NEW_PASSWORD) {
  const res = await call('POST', '/api/v1/admin/users', { name: 'New Person', email, roles, ...(password ? { password } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; roles: { role: string; businessUnitId: string | null; businessUnitName: string | null }[] };
}

describe('admin users API', () => {
  it('lists the organisation’s users with their roles, and nobody else’s', async () => {
    const res = await call('GET', '/api/v1/admin/users');
    expect(res.statusCode).toBe(200);
    const users = res.json() as { email: string; roles: { role: string }[]; disabledAt: string | null }[];
    expect(users.map((u) => u.email)).toContain(fx.users.finance.email);
    expect(users.map((u) => u.email)).not.toContain(other.users.finance.email);
    expect(users.find((u) => u.email === fx.users.finance.email)).toMatchObject({ roles: [{ role: 'finance', businessUnitId: null }], disabledAt: null, hasPassword: true, sso: false });
  });

  it('adds a user who can then sign in with the roles given, one of them scoped to a business unit', async () => {
    const email = `new1@${fx.slug}.test`;
    const created = await addUser(email, [{ role: 'recruiter' }, { role: 'finance', businessUnitId: fx.businessUnitId }]);
    expect(created.roles).toEqual(
      expect.arrayContaining([
        { role: 'recruiter', businessUnitId: null, businessUnitName: null },
        { role: 'finance', businessUnitId: fx.businessUnitId, businessUnitName: 'Engineering' },
      ]),
    );
    const cookie = await signIn(t.app, email, NEW_PASSWORD);
    expect((await me(cookie)).json().roles).toEqual(expect.arrayContaining(['recruiter', 'finance']));
  });

  it('adds an SSO-only user without a password, who cannot sign in with one', async () => {
    const email = `sso@${fx.slug}.test`;
    const res = await call('POST', '/api/v1/admin/users', { name: 'SSO Person', email, roles: [{ role: 'it' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ hasPassword: false });
    const signInRes = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: 'anything at all' } });
    expectProblem(signInRes, 401);
  });

  it('refuses bad input naming the field', async () => {
    expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: `x@${fx.slug}.test`, roles: [], password: 'password1' }), 422, { fields: ['password'] });
    expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: `x@${fx.slug}.test`, roles: [], password: 'short' }), 422, { fields: ['password'] });
    expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: fx.users.finance.email.toUpperCase(), roles: [] }), 422, { fields: ['email'] });
    expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: `x@${fx.slug}.test`, roles: [{ role: 'wizard' }] }), 400, { fields: ['roles.0.role'] });
    expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: 'not-an-email', roles: [] }), 400, { fields: ['email'] });
    expectProblem(
      await call('POST', '/api/v1/admin/users', { name: 'X', email: `x@${fx.slug}.test`, roles: [{ role: 'finance', businessUnitId: other.businessUnitId }] }),
      422,
      { fields: ['roles.0.businessUnitId'] },
    );
  });

  it('granting and revoking a role ends the user’s sessions; the next sign-in carries the new roles', async () => {
    const email = `new2@${fx.slug}.test`;
    const { id } = await addUser(email);
    const before = await signIn(t.app, email, NEW_PASSWORD);

    const granted = await call('POST', `/api/v1/admin/users/${id}/roles`, { role: 'legal' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().roles.map((r: { role: string }) => r.role).sort()).toEqual(['legal', 'recruiter']);
    expectProblem(await me(before), 401);

    const after = await signIn(t.app, email, NEW_PASSWORD);
    expect((await me(after)).json().roles.sort()).toEqual(['legal', 'recruiter']);
    const revoked = await call('POST', `/api/v1/admin/users/${id}/roles/revoke`, { role: 'legal' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().roles.map((r: { role: string }) => r.role)).toEqual(['recruiter']);
    expectProblem(await me(after), 401);
    expectProblem(await call('POST', `/api/v1/admin/users/${id}/roles/revoke`, { role: 'legal' }), 404);
  });

  it('disabling ends sessions and API tokens at once; enabling lets the user back in', async () => {
    const email = `new3@${fx.slug}.test`;
    const { id } = await addUser(email);
    const cookie = await signIn(t.app, email, NEW_PASSWORD);
    const { token } = (await call('POST', '/api/v1/me/tokens', { name: 'sync' }, cookie)).json();

    const disabled = await call('POST', `/api/v1/admin/users/${id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabledAt).not.toBeNull();
    expectProblem(await me(cookie), 401);
    expectProblem(await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }), 401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: NEW_PASSWORD } })).statusCode).toBe(401);

    expect((await call('POST', `/api/v1/admin/users/${id}/enable`)).json().disabledAt).toBeNull();
    expect((await me(await signIn(t.app, email, NEW_PASSWORD))).statusCode).toBe(200);
  });

  it('an admin cannot disable themselves or drop their own admin role', async () => {
    expectProblem(await call('POST', `/api/v1/admin/users/${fx.users.admin.id}/disable`), 409);
    expectProblem(await call('POST', `/api/v1/admin/users/${fx.users.admin.id}/roles/revoke`, { role: 'admin' }), 409);
  });

  it('another organisation’s user is not found, and nothing changes', async () => {
    const id = other.users.finance.id;
    expectProblem(await call('POST', `/api/v1/admin/users/${id}/roles`, { role: 'admin' }), 404, { code: 'not_found' });
    expectProblem(await call('POST', `/api/v1/admin/users/${id}/roles/revoke`, { role: 'finance' }), 404);
    expectProblem(await call('POST', `/api/v1/admin/users/${id}/disable`), 404);
    expectProblem(await call('POST', `/api/v1/admin/users/${id}/enable`), 404);
    const otherAdmin = await signIn(t.app, other.users.admin.email);
    const theirs = (await call('GET', '/api/v1/admin/users', undefined, otherAdmin)).json() as { id: string; roles: { role: string }[]; disabledAt: string | null }[];
    expect(theirs.find((u) => u.id === id)).toMatchObject({ roles: [{ role: 'finance' }], disabledAt: null });
  });

  it('is for organisation admins only', async () => {
    for (const role of ['recruiter', 'finance', 'hr_ops'] as const) {
      const cookie = await signIn(t.app, fx.users[role].email);
      expectProblem(await call('GET', '/api/v1/admin/users', undefined, cookie), 403, { code: 'forbidden' });
      expectProblem(await call('POST', '/api/v1/admin/users', { name: 'X', email: `y@${fx.slug}.test`, roles: [] }, cookie), 403);
      expectProblem(await call('POST', `/api/v1/admin/users/${fx.users.it.id}/disable`, undefined, cookie), 403);
      // Another organisation's user is not found for everyone, admin or not.
      expectProblem(await call('POST', `/api/v1/admin/users/${other.users.it.id}/disable`, undefined, cookie), 404);
      expectProblem(await call('POST', `/api/v1/admin/users/${other.users.it.id}/roles`, { role: 'admin' }, cookie), 404);
    }
  });
});
