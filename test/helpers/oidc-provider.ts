import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** The person the provider signs in at its authorize endpoint (there is no login screen). */
export interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

/** Ways to make the next answers wrong, to check the client refuses them. */
export interface Misbehaviour {
  /** Answer the authorize request with this OAuth error instead of a code. */
  authorizeError?: string;
  audience?: string;
  nonce?: string;
  issuer?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  person: ProviderPerson;
  misbehave: Misbehaviour;
  /** Token requests seen, to assert that a refused flow never reached the token endpoint. */
  tokenRequests: number;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  nonce: string | undefined;
  codeChallenge: string;
  person: ProviderPerson;
}

/**
 * A small OpenID provider on 127.0.0.1 (ephemeral port): discovery, JWKS, an
 * authorize endpoint that at once redirects back with a code for `person`, and a
 * token endpoint that checks client authentication and the PKCE S256 verifier
 * and returns an RS256 ID token. Codes are single-use.
 */
export async function startOidcProvider(options: { clientId?: string; clientSecret?: string } = {}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'offerline-test';
  const clientSecret = options.clientSecret ?? randomBytes(16).toString('hex');
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    person: { sub: 'subject-1' },
    misbehave: {},
    tokenRequests: 0,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return token(req, res);
    return json(res, 404, { error: 'not_found' });
  }

  function authorize(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== clientId || !redirectUri) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or no redirect_uri' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const refuse = (error: string) => {
      back.searchParams.set('error', error);
      res.writeHead(302, { location: back.href }).end();
    };
    if (provider.misbehave.authorizeError) return refuse(provider.misbehave.authorizeError);
    if (q.get('response_type') !== 'code' || !q.get('scope')?.split(' ').includes('openid')) return refuse('invalid_request');
    const codeChallenge = q.get('code_challenge');
    if (q.get('code_challenge_method') !== 'S256' || !codeChallenge) return refuse('invalid_request');
    const code = randomBytes(24).toString('base64url');
    grants.set(code, { clientId, redirectUri, nonce: q.get('nonce') ?? undefined, codeChallenge, person: { ...provider.person } });
    back.searchParams.set('code', code);
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    provider.tokenRequests += 1;
    const form = new URLSearchParams(await readBody(req));
    const basic = req.headers.authorization?.startsWith('Basic ')
      ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent)
      : null;
    const [id, secret] = basic ?? [form.get('client_id'), form.get('client_secret')];
    if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // single use, whether or not the rest checks out
    if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    }
    const bad = provider.misbehave;
    const claims: Record<string, unknown> = { email: grant.person.email, email_verified: grant.person.email_verified };
    const nonce = bad.nonce ?? grant.nonce;
    if (nonce !== undefined) claims.nonce = nonce;
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .setIssuer(bad.issuer ?? issuer)
      .setAudience(bad.audience ?? grant.clientId)
      .setSubject(grant.person.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    return json(res, 200, { access_token: randomBytes(24).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  return provider;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
