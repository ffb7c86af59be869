import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyUser } from '../../src/notify/notifications.service';
import { queueEmail } from '../../src/notify/outbox';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../helpers/factories';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

let t: TestApp;
let a: OrgFixture;
let b: OrgFixture;
const cookies: Record<string, string> = {};
const at = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await createOrgFixture(db);
  b = await createOrgFixture(db);
  for (let i = 1; i <= 3; i++) {
    await notifyUser(db, { orgId: a.orgId, userId: a.users.finance.id, kind: 'approval.requested', title: `Approval needed ${i}`, body: `Offer ${i} waits on finance.`, now: at(-10 + i) });
  }
  await notifyUser(db, { orgId: a.orgId, userId: a.users.legal.id, kind: 'approval.requested', title: 'For legal', body: 'Clause review.', now: at(-1) });
  await notifyUser(db, { orgId: b.orgId, userId: b.users.finance.id, kind: 'approval.reminder', title: 'Org B item', body: 'Not for org A.', now: at(-1) });
  await queueEmail(db, { orgId: a.orgId, to: 'finance@a.example', subject: 'First mail', text: 'Body one' }, { smtpConfigured: false, now: at(-5) });
  await queueEmail(db, { orgId: a.orgId, to: 'legal@a.example', subject: 'Second mail', text: 'Body two', html: '<p>Body two</p>' }, { smtpConfigured: false, now: at(-4) });
  await queueEmail(db, { orgId: b.orgId, to: 'finance@b.example', subject: 'Org B mail', text: 'B body' }, { smtpConfigured: false, now: at(-3) });
  cookies.aFinance = await signIn(t.app, a.users.finance.email);
  cookies.aLegal = await signIn(t.app, a.users.legal.email);
  cookies.aAdmin = await signIn(t.app, a.users.admin.email);
  cookies.aRecruiter = await signIn(t.app, a.users.recruiter.email);
  cookies.bAdmin = await signIn(t.app, b.users.admin.email);
  cookies.bFinance = await signIn(t.app, b.users.finance.email);
});
afterAll(() => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie, ...csrfHeader } });

describe('the inbox', () => {
  it("lists only the caller's notifications, newest first, with the unread count", async () => {
    const res = await get('/api/v1/notifications', cookies.aFinance!);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['Approval needed 3', 'Approval needed 2', 'Approval needed 1']);
    expect(body.items[0]).toEqual({ id: expect.any(String), kind: 'approval.requested', title: 'Approval needed 3', body: 'Offer 3 waits on finance.', offerId: null, createdAt: at(-7).toISOString(), readAt: null });
    expect(body).toMatchObject({ unreadCount: 3, nextCursor: null });
    const other = (await get('/api/v1/notifications', cookies.bFinance!)).json();
    expect(other.items.map((n: { title: string }) => n.title)).toEqual(['Org B item']);
  });

  it('pages with a cursor', async () => {
    const first = (await get('/api/v1/notifications?limit=2', cookies.aFinance!)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = (await get(`/api/v1/notifications?limit=2&cursor=${first.nextCursor}`, cookies.aFinance!)).json();
    expect(second.items.map((n: { title: string }) => n.title)).toEqual(['Approval needed 1']);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses someone else's notification as a cursor", async () => {
    const legalId = (await get('/api/v1/notifications', cookies.aLegal!)).json().items[0].id;
    expectProblem(await get(`/api/v1/notifications?cursor=${legalId}`, cookies.aFinance!), 400, { fields: ['cursor'] });
    expectProblem(await get('/api/v1/notifications?limit=0', cookies.aFinance!), 400);
  });

  it('marks one read, keeping the first read time, then all', async () => {
    const [newest] = (await get('/api/v1/notifications', cookies.aFinance!)).json().items;
    const res = await post(`/api/v1/notifications/${newest.id}/read`, cookies.aFinance!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: newest.id, readAt: TEST_NOW.toISOString() });
    t.clock.advance(60_000);
    expect((await post(`/api/v1/notifications/${newest.id}/read`, cookies.aFinance!)).json().readAt).toBe(TEST_NOW.toISOString());
    const unread = (await get('/api/v1/notifications?unread=true', cookies.aFinance!)).json();
    expect(unread.unreadCount).toBe(2);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    const all = await post('/api/v1/notifications/read-all', cookies.aFinance!);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ marked: 2 });
    expect((await get('/api/v1/notifications', cookies.aFinance!)).json().unreadCount).toBe(0);
    // Legal's inbox is untouched.
    expect((await get('/api/v1/notifications', cookies.aLegal!)).json().unreadCount).toBe(1);
  });

  it("answers 404 for another user's or another organisation's notification, and changes nothing", async () => {
    const legalId = (await get('/api/v1/notifications', cookies.aLegal!)).json().items[0].id;
    const bId = (await get('/api/v1/notifications', cookies.bFinance!)).json().items[0].id;
    expectProblem(await post(`/api/v1/notifications/${legalId}/read`, cookies.aFinance!), 404, { code: 'not_found' });
    expectProblem(await post(`/api/v1/notifications/${bId}/read`, cookies.aFinance!), 404, { code: 'not_found' });
    expectProblem(await post(`/api/v1/notifications/${legalId}/read`, cookies.bAdmin!), 404, { code: 'not_found' });
    expect((await get('/api/v1/notifications', cookies.aLegal!)).json().unreadCount).toBe(1);
    expect((await get('/api/v1/notifications', cookies.bFinance!)).json().unreadCount).toBe(1);
  });

  it('needs a signed-in caller', async () => {
    expectProblem(await t.app.inject({ url: '/api/v1/notifications' }), 401);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: csrfHeader }), 401);
  });
});

describe('the outbox', () => {
  it("shows admins their organisation's e-mail, newest first", async () => {
    const res = await get('/api/v1/admin/outbox', cookies.aAdmin!);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([
      { id: expect.any(String), to: 'legal@a.example', subject: 'Second mail', text: 'Body two', status: 'held', attempts: 0, lastError: null, createdAt: at(-4).toISOString(), sentAt: null },
      { id: expect.any(String), to: 'finance@a.example', subject: 'First mail', text: 'Body one', status: 'held', attempts: 0, lastError: null, createdAt: at(-5).toISOString(), sentAt: null },
    ]);
    expect(body.nextCursor).toBeNull();
    const page = (await get('/api/v1/admin/outbox?limit=1', cookies.aAdmin!)).json();
    expect(page.items.map((m: { subject: string }) => m.subject)).toEqual(['Second mail']);
    const next = (await get(`/api/v1/admin/outbox?limit=1&cursor=${page.nextCursor}`, cookies.aAdmin!)).json();
    expect(next.items.map((m: { subject: string }) => m.subject)).toEqual(['First mail']);
    expect((await get('/api/v1/admin/outbox', cookies.bAdmin!)).json().items.map((m: { subject: string }) => m.subject)).toEqual(['Org B mail']);
  });

  it('is forbidden to everyone but organisation admins', async () => {
    for (const cookie of [cookies.aRecruiter!, cookies.aFinance!, cookies.aLegal!]) expectProblem(await get('/api/v1/admin/outbox', cookie), 403, { code: 'forbidden' });
  });

  it("refuses another organisation's e-mail as a cursor", async () => {
    const bMail = (await get('/api/v1/admin/outbox', cookies.bAdmin!)).json().items[0].id;
    expectProblem(await get(`/api/v1/admin/outbox?cursor=${bMail}`, cookies.aAdmin!), 400, { fields: ['cursor'] });
  });
});
