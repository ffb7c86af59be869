import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../../src/core/clock';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  parsed: { type: string; timestamp: string; data: Record<string, any> };
  path: string;
}

/**
 * A webhook receiver on 127.0.0.1:0. Every request's signature is checked with the
 * standardwebhooks library against the secrets the test gives for its path (with the
 * library's clock set to the app's injected clock, since the app signs with that time);
 * a request that does not verify fails the test. Accepted messages are kept once per
 * endpoint path and webhook-id (the receiver is idempotent); `answer` decides the status code per path.
 */
export async function startReceiver(clock: Clock) {
  const secrets = new Map<string, string[]>();
  const answers = new Map<string, number | 'reset'>();
  /** First acceptance of each webhook-id, in arrival order. */
  const accepted: Received[] = [];
  const seen = new Set<string>();
  /** Every request, whatever the answer, with its verification result. */
  const requests: (Received & { answered: number | 'reset' })[] = [];
  const duplicates: string[] = [];
  const verifyFailures: string[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const headers = pick(req.headers);
      const keys = secrets.get(path) ?? [];
      if (!keys.some((k) => verifiesWith(clock, k, body, headers))) verifyFailures.push(`${path} ${headers['webhook-id']}`);
      const answer = answers.get(path) ?? 200;
      const rec = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, parsed: JSON.parse(body), path };
      requests.push({ ...rec, answered: answer });
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      if (answer >= 200 && answer < 300) {
        const key = `${path} ${rec.id}`;
        if (seen.has(key)) duplicates.push(key);
        else {
          seen.add(key);
          accepted.push(rec);
        }
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    setSecrets: (path: string, keys: string[]) => secrets.set(path, keys),
    answer: (path: string, status: number | 'reset') => answers.set(path, status),
    accepted,
    requests,
    duplicates,
    verifyFailures,
    /** Resets duplicate bookkeeping for a replay: the next acceptance of `id` is expected. */
    forget: (path: string, id: string) => seen.delete(`${path} ${id}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function pick(h: IncomingHttpHeaders) {
  return { 'webhook-id': String(h['webhook-id'] ?? ''), 'webhook-timestamp': String(h['webhook-timestamp'] ?? ''), 'webhook-signature': String(h['webhook-signature'] ?? '') };
}

/** Webhook.verify with Date.now at the app's clock: the library checks the timestamp against "now". */
export function verifiesWith(clock: Clock, secret: string, body: string, headers: Record<string, string>): boolean {
  const realNow = Date.now;
  Date.now = () => clock.now().getTime();
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  } finally {
    Date.now = realNow;
  }
}
