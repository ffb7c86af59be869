import { z } from 'zod';

/**
 * What the callback must see again: state (ties the answer to this browser), nonce
 * (ties the ID token to this request) and the PKCE verifier (ties the code to us).
 * They travel in an HttpOnly cookie: they protect the flow, they are not secrets
 * from the browser that started it.
 */
const oidcFlowSchema = z.strictObject({
  state: z.string().min(16).max(128),
  nonce: z.string().min(16).max(128),
  codeVerifier: z.string().min(43).max(128),
  startedAt: z.int().nonnegative(),
});
export type OidcFlow = z.infer<typeof oidcFlowSchema>;

export function encodeOidcFlow(flow: OidcFlow): string {
  return Buffer.from(JSON.stringify(flow)).toString('base64url');
}

/** Null for a missing or unreadable cookie; the callback treats both as "no sign-in was started". */
export function decodeOidcFlow(value: string | undefined): OidcFlow | null {
  if (!value || value.length > 1024) return null;
  try {
    const parsed = oidcFlowSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
