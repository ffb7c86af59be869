import { expect, it } from 'vitest';
import { loggableUrl, requestLogSerializers, withoutPathTokens, withoutQueryValues } from '../../src/server/log-serializers';
import type { FastifyRequest } from 'fastify';

it('logs paths and query parameter names, never their values', () => {
  expect(withoutQueryValues('/api/v1/offers')).toBe('/api/v1/offers');
  expect(withoutQueryValues('/api/v1/offers?q=Ada%20Lovelace&limit=5')).toBe('/api/v1/offers?q=…&limit=…');
  expect(withoutQueryValues('/api/v1/auth/oidc/callback?code=secret&state=xyz')).toBe('/api/v1/auth/oidc/callback?code=…&state=…');
});

it('masks portal, approval-link and other secret tokens in paths', () => {
  const portal = 'ocl_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  expect(withoutPathTokens(`/portal/${portal}`)).toBe('/portal/…');
  expect(withoutPathTokens(`/api/v1/portal/${portal}`)).toBe('/api/v1/portal/…');
  expect(withoutPathTokens(`/api/v1/portal/${portal}/documents/abc123`)).toBe('/api/v1/portal/…/documents/abc123');
  expect(withoutPathTokens(`/api/v1/portal/${portal}/sign`)).toBe('/api/v1/portal/…/sign');
  expect(withoutPathTokens('/approve/s3cr3t-approval-token')).toBe('/approve/…');
  expect(withoutPathTokens('/api/v1/approval-links/s3cr3t-approval-token/decision')).toBe('/api/v1/approval-links/…/decision');
  expect(withoutPathTokens('/anything/olt_personal_token/olats_ats_token/whsec_key')).toBe('/anything/…/…/…');
  expect(withoutPathTokens('/anything/ocl%5Fencoded')).toBe('/anything/…');
  // Ordinary paths are kept as they are.
  expect(withoutPathTokens('/api/v1/offers/5b1f0c1e-6a0a-4d47-9d0b-6e8c1b0b2f11')).toBe('/api/v1/offers/5b1f0c1e-6a0a-4d47-9d0b-6e8c1b0b2f11');
  expect(withoutPathTokens('/portal')).toBe('/portal');
  expect(loggableUrl(`/portal/${portal}?code=123456`)).toBe('/portal/…?code=…');
});

it('the request serializer writes the masked URL and the route pattern', () => {
  const req = { method: 'GET', url: '/api/v1/portal/ocl_secret_value_12345678901?x=1', ip: '10.0.0.1', routeOptions: { url: '/api/v1/portal/:token' } };
  const line = requestLogSerializers.req(req as unknown as FastifyRequest);
  expect(line).toEqual({ method: 'GET', url: '/api/v1/portal/…?x=…', route: '/api/v1/portal/:token', remoteAddress: '10.0.0.1' });
  expect(JSON.stringify(line)).not.toContain('ocl_secret');
});
