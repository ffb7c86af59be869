import { describe, expect, it } from 'vitest';
import { isLoopbackIssuer, oidcConfigFromEnv } from '../../src/auth/oidc/oidc-config';

const full = {
  OIDC_ISSUER: 'https://login.example.com',
  OIDC_CLIENT_ID: 'offerline',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URL: 'https://offers.example.com/api/v1/auth/oidc/callback',
};

describe('oidcConfigFromEnv', () => {
  it('is null without OIDC_ISSUER: password sign-in only', () => {
    expect(oidcConfigFromEnv({})).toBeNull();
    expect(oidcConfigFromEnv({ OIDC_ISSUER: ' ' })).toBeNull();
  });

  it('reads every variable, with a default button label', () => {
    expect(oidcConfigFromEnv(full)).toEqual({
      issuer: full.OIDC_ISSUER,
      clientId: 'offerline',
      clientSecret: 's3cret',
      redirectUrl: full.OIDC_REDIRECT_URL,
      displayName: 'Single sign-on',
    });
    expect(oidcConfigFromEnv({ ...full, OIDC_DISPLAY_NAME: 'Okta' })?.displayName).toBe('Okta');
  });

  it('names what is missing when the provider is half configured', () => {
    expect(() => oidcConfigFromEnv({ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL/);
  });

  it('refuses URLs that are not http(s), and a redirect URL that is not the callback route', () => {
    expect(() => oidcConfigFromEnv({ ...full, OIDC_ISSUER: 'login.example.com' })).toThrow(/OIDC_ISSUER/);
    expect(() => oidcConfigFromEnv({ ...full, OIDC_REDIRECT_URL: 'https://offers.example.com/callback' })).toThrow(/OIDC_REDIRECT_URL/);
  });
});

describe('isLoopbackIssuer', () => {
  it('allows plain HTTP only to this machine', () => {
    expect(isLoopbackIssuer('http://127.0.0.1:4000')).toBe(true);
    expect(isLoopbackIssuer('http://localhost:4000/realms/x')).toBe(true);
    expect(isLoopbackIssuer('http://login.example.com')).toBe(false);
    expect(isLoopbackIssuer('http://127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackIssuer('https://127.0.0.1')).toBe(false);
  });
});
