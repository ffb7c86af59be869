import * as client from 'openid-client';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import * as repo from '../auth.repo';
import type { AuthService } from '../auth.service';
import { isLoopbackIssuer, type OidcConfig } from './oidc-config';
import type { OidcFlow } from './oidc-flow';

/** How long a started sign-in may take at the provider before it must start again. */
export const OIDC_FLOW_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * A single sign-on that did not end in a session. `reason` is for the log only;
 * the browser learns no more than "single sign-on failed".
 */
export class SsoFailedError extends Error {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`Single sign-on failed: ${reason}`, options);
    this.name = 'SsoFailedError';
  }
}

interface Deps {
  config: OidcConfig;
  db: Db;
  clock: Clock;
  auth: Pick<AuthService, 'openSession'>;
}

/** OpenID Connect code flow with PKCE, state and nonce; the ID token's checks are openid-client's. */
export function createOidcService({ config, db, clock, auth }: Deps) {
  let discovered: Promise<client.Configuration> | null = null;

  /** Discovery runs on first use, not at start-up, so a provider that is down does not stop the server. */
  function provider(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, client.ClientSecretBasic(config.clientSecret), {
        execute: isLoopbackIssuer(config.issuer) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered = null; // try again on the next sign-in
        throw new SsoFailedError('the provider could not be discovered', { cause: err });
      });
    return discovered;
  }

  /** The provider's authorisation URL and the values the callback must see again. */
  async function start(): Promise<{ url: string; flow: OidcFlow }> {
    const configuration = await provider();
    const flow: OidcFlow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      startedAt: clock.now().getTime(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: config.redirectUrl,
      response_type: 'code',
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow };
  }

  /**
   * Checks the provider's answer, exchanges the code and opens a session for the
   * person the ID token names. `query` is the callback's query string.
   */
  async function finish(query: string, flow: OidcFlow | null, previousSessionId?: string) {
    if (!flow) throw new SsoFailedError('no sign-in was started in this browser (flow cookie missing or unreadable)');
    if (clock.now().getTime() - flow.startedAt > OIDC_FLOW_MAX_AGE_MS) throw new SsoFailedError('the sign-in took longer than 10 minutes');
    const configuration = await provider();
    // The redirect_uri sent with the code must be the registered one, whatever host the request came in on.
    const callbackUrl = new URL(config.redirectUrl);
    callbackUrl.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        pkceCodeVerifier: flow.codeVerifier,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw new SsoFailedError(describeClientError(err), { cause: err });
    }
    if (!claims) throw new SsoFailedError('the provider returned no ID token');
    const user = await findOrLinkUser(configuration.serverMetadata().issuer, claims);
    return auth.openSession(user, 'oidc', previousSessionId);
  }

  /** Known identity first; otherwise one existing user with the same, provider-verified e-mail. No sign-up. */
  async function findOrLinkUser(issuer: string, claims: client.IDToken) {
    const linked = await repo.findUserByOidcIdentity(db, issuer, claims.sub);
    if (linked) {
      if (linked.disabledAt) throw new SsoFailedError(`user ${linked.id} is disabled`);
      return linked;
    }
    const email = typeof claims.email === 'string' ? claims.email : null;
    if (!email) throw new SsoFailedError(`subject ${claims.sub} is not linked and the ID token carries no e-mail`);
    if (claims.email_verified !== true) throw new SsoFailedError(`subject ${claims.sub} is not linked and its e-mail is not verified by the provider`);
    const user = await repo.findUserByEmail(db, email);
    if (!user) throw new SsoFailedError(`subject ${claims.sub} is not linked and no user has its e-mail`);
    if (user.disabledAt) throw new SsoFailedError(`user ${user.id} is disabled`);
    if (!(await repo.linkOidcIdentity(db, user.id, issuer, claims.sub))) {
      throw new SsoFailedError(`user ${user.id} is already linked to another single sign-on identity`);
    }
    return user;
  }

  return { displayName: config.displayName, start, finish };
}

export type OidcService = ReturnType<typeof createOidcService>;

/** openid-client wraps the precise reason (which claim, which parameter) in `cause`; the log wants that one. */
function describeClientError(err: unknown): string {
  if (err instanceof client.AuthorizationResponseError) return `the provider answered ${err.error}`;
  if (err instanceof client.ResponseBodyError) return `the token endpoint answered ${err.error}`;
  if (!(err instanceof Error)) return 'unknown error';
  const inner = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${(err as { code?: string }).code ?? err.name}: ${err.message}${inner}`;
}
