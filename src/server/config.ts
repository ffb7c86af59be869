import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { databaseOptionsFromEnv, type DatabaseOptions } from '../db/client';
import { parseCorsOrigins } from './plugins/security-headers';
import { oidcConfigFromEnv, type OidcConfig } from '../auth/oidc/oidc-config';
import { mailConfigFromEnv, type MailConfig } from '../notify/mailer';
import { s3ConfigFromEnv, type S3StoreConfig } from '../storage/s3-config';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseOptions;
  logLevel: string;
  trustProxy: boolean;
  webRoot: string;
  /** CORS_ORIGINS, comma-separated; empty: CORS closed. */
  corsOrigins: string[];
  /** Single sign-on (OIDC_*); null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
  /** SMTP (SMTP_URL, MAIL_FROM); null when SMTP_URL is not set: mail is held in the outbox. */
  mail: MailConfig | null;
  /** OBJECTS_DIR: where document bytes are kept (default: objects/ inside DATA_DIR, or ./data/objects). */
  objectsDir: string;
  /** S3_BUCKET and friends: documents in an S3-compatible bucket instead of OBJECTS_DIR. */
  s3: S3StoreConfig | null;
  /** PUBLIC_URL: where people open the web app; links in e-mails start here. */
  publicUrl: string;
  /** JOB_POLL_MS: how often this process looks for due jobs. */
  jobPollMs: number;
  /** METRICS_TOKEN: when set, GET /metrics requires it as a bearer token. */
  metricsToken: string | null;
}

/** Everything the server reads from the environment, in one place (see README, Configuration). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    database: databaseOptionsFromEnv(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === 'true',
    webRoot: env.WEB_ROOT ?? join(packageRoot, 'dist/web'),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    oidc: oidcConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    publicUrl: parsePublicUrl(env.PUBLIC_URL, port),
    objectsDir: env.OBJECTS_DIR || join(env.DATA_DIR || './data', 'objects'),
    s3: s3ConfigFromEnv(env),
    jobPollMs: parseJobPollMs(env.JOB_POLL_MS),
    metricsToken: env.METRICS_TOKEN || null,
  };
}

function parseJobPollMs(value: string | undefined): number {
  if (value === undefined || value === '') return 1000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10 || ms > 3_600_000) throw new Error(`JOB_POLL_MS must be a whole number of milliseconds from 10 to 3600000, got "${value}"`);
  return ms;
}

function parsePublicUrl(value: string | undefined, port: number): string {
  if (value === undefined || value === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be a URL like https://offers.example.com, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// or http://, got "${value}"`);
  return url.toString().replace(/\/$/, '');
}
