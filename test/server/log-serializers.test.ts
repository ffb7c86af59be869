import { expect, it } from 'vitest';
import { withoutQueryValues } from '../../src/server/log-serializers';

it('logs paths and query parameter names, never their values', () => {
  expect(withoutQueryValues('/api/v1/offers')).toBe('/api/v1/offers');
  expect(withoutQueryValues('/api/v1/offers?q=Ada%20Lovelace&limit=5')).toBe('/api/v1/offers?q=…&limit=…');
  expect(withoutQueryValues('/api/v1/auth/oidc/callback?code=secret&state=xyz')).toBe('/api/v1/auth/oidc/callback?code=…&state=…');
});
