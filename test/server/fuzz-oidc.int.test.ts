import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock';
import type { Database } from '../../src/db/client';
import { buildApp } from '../../src/server/app';
import { createOrgFixture } from '../helpers/factories';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { TEST_NOW } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-database';
import { encodeComponent } from './api-routes';
import { hostileHeaderValues, hostileText } from './fuzz-values';

/**
 * The single sign-on routes only do their real work when a provider is configured,
 * which the general fuzz test's app has not. Here a local provider runs, and the
 * callback gets hostile answers: forged or garbled code, state, error and iss
 * parameters, with a genuine flow cookie or a hostile one. A refused sign-in is a
 * redirect to the sign-in page or a 4xx problem; never a 5xx, never a session.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const RUNS = 1_000;
const REDIRECT_URL = 'https://offers.example.test/api/v1/auth/oidc/callback';

let provider: TestOidcProvider;
let database: Database;
let app: FastifyInstance;
let flowCookie = '';
/** The state the provider would send back, so some callbacks get past the state check to the code exchange. */
let flowState = '';

beforeAll(async () => {
  provider = await startOidcProvider();
  database = await createTestDatabase();
  app = await buildApp({
    database,
    clock: fixedClock(TEST_NOW),
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUrl: REDIRECT_URL, displayName: 'Fuzz SSO' },
  });
  await app.ready();
  await createOrgFixture(database.db);
  const start = await app.inject({ url: '/api/v1/auth/oidc/start' });
  expect(start.statusCode, start.body).toBe(302);
  flowCookie = start.cookies.find((c) => c.name === 'offerline_oidc')!.value;
  flowState = new URL(String(start.headers.location)).searchParams.get('state')!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await provider?.close();
});

const params = fc.constantFrom('code', 'state', 'error', 'error_description', 'iss', 'session_state', 'id_token', 'response', '__proto__');
const pairs = (min: number) => fc.array(fc.tuple(params, hostileText), { minLength: min, maxLength: 5 });
const encodePairs = (list: [string, string][]) => list.map(([k, v]) => `${k}=${encodeComponent(v)}`);
const hostileQuery = pairs(0).map((list) => () => encodePairs(list).join('&'));
/** The real state and issuer with a forged code (and an extra parameter at times), so the code exchange itself runs. */
const forgedCodeQuery = fc
  .tuple(hostileText, fc.option(fc.tuple(fc.constantFrom('error_description', 'session_state', 'extra'), hostileText)))
  .map(([code, extra]) => () => [`state=${encodeComponent(flowState)}`, `iss=${encodeComponent(provider.issuer)}`, `code=${encodeComponent(code)}`, ...(extra ? encodePairs([extra]) : [])].join('&'));
const cookie = fc.oneof(
  fc.constant(() => `offerline_oidc=${flowCookie}`),
  hostileHeaderValues.map((v) => () => `offerline_oidc=${v}`),
  fc.constantFrom('offerline_oidc=', 'offerline_oidc=e30', 'offerline_oidc=eyJzdGF0ZSI6MX0', 'offerline_oidc=%7B%7D', '').map((v) => () => v),
);
const request = fc.oneof(
  fc.tuple(fc.constantFrom('/api/v1/auth/oidc/callback', '/api/v1/auth/oidc/start'), hostileQuery, cookie),
  fc.tuple(fc.constant('/api/v1/auth/oidc/callback'), forgedCodeQuery, fc.constant(() => `offerline_oidc=${flowCookie}`)),
);

describe('single sign-on fuzzing', () => {
  it(`refuses hostile callbacks without a 5xx or a session (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, makeQuery, makeCookie] of fc.sample(request, { seed: SEED, numRuns: RUNS })) {
      const cookieHeader = makeCookie();
      const q = makeQuery();
      const url = q ? `${path}?${q}` : path;
      const res = await app.inject({ url, headers: cookieHeader ? { cookie: cookieHeader } : {} });
      sent++;
      const opensSession = res.cookies.some((c) => c.name === 'offerline_session' && c.value);
      const problemJson = String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
      const bad =
        res.statusCode >= 500 ? `status ${res.statusCode}`
        : opensSession ? 'opened a session'
        : res.statusCode >= 400 && !problemJson ? `content-type ${String(res.headers['content-type'])}`
        : res.statusCode !== 302 && res.statusCode < 400 ? `status ${res.statusCode}`
        : /    at |\.ts:|node_modules/.test(res.body) ? 'stack trace in the body'
        : null;
      if (bad && failures.length < 20) failures.push(`${bad}: GET ${url.slice(0, 200)} cookie ${cookieHeader.slice(0, 80)} → ${res.body.slice(0, 200)}`);
    }
    expect(sent).toBe(RUNS);
    expect(failures, `seed ${SEED}:\n${failures.join('\n')}`).toEqual([]);
  });
});
