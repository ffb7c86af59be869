/** Single sign-on settings; absent (null) unless OIDC_ISSUER is set. */
export interface OidcConfig {
  /** The provider's issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The full callback URL registered at the provider, e.g. https://offers.example.com/api/v1/auth/oidc/callback. */
  redirectUrl: string;
  /** Label of the sign-in button. */
  displayName: string;
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/**
 * Reads OIDC_* variables. A half-configured provider is a start-up error rather
 * than a button that fails at the first sign-in.
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'].filter((name) => !env[name]?.trim());
  if (missing.length) throw new Error(`OIDC_ISSUER is set, so ${missing.join(', ')} must be set too`);
  const redirectUrl = env.OIDC_REDIRECT_URL!.trim();
  parseUrl('OIDC_ISSUER', issuer);
  if (!parseUrl('OIDC_REDIRECT_URL', redirectUrl).pathname.endsWith(OIDC_CALLBACK_PATH)) {
    throw new Error(`OIDC_REDIRECT_URL must end with ${OIDC_CALLBACK_PATH}, got "${redirectUrl}"`);
  }
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID!.trim(),
    clientSecret: env.OIDC_CLIENT_SECRET!.trim(),
    redirectUrl,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || 'Single sign-on',
  };
}

function parseUrl(name: string, value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // reported below with the variable's name
  }
  throw new Error(`${name} must be an http(s) URL, got "${value}"`);
}

/** Plain HTTP to the provider is allowed only on this machine (a local test provider), never across a network. */
export function isLoopbackIssuer(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer);
  return protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]');
}
