import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';

/**
 * Security headers for every response and CORS closed unless origins are listed.
 * The CSP fits the built web app: scripts and styles from our own origin only, except
 * inline styles, which Mantine writes for its CSS variables. No upgrade-insecure-requests,
 * so the app still loads over plain http on localhost. The API docs page sets its own
 * CSP (see app.ts, swagger-ui's staticCSP).
 */
export async function registerSecurityHeaders(app: FastifyInstance, corsOrigins: readonly string[]) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  // With no origins listed, no Access-Control-Allow-Origin is ever sent: browsers refuse
  // every cross-origin read and preflight.
  await app.register(cors, {
    origin: corsOrigins.length > 0 ? [...corsOrigins] : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'if-match', 'idempotency-key', 'x-requested-with', 'authorization'],
    exposedHeaders: ['etag', 'retry-after', 'idempotent-replayed'],
  });
}

/** CORS_ORIGINS: comma-separated origins such as `https://hr.example.com`. */
export function parseCorsOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter((s) => s.length > 0);
}
