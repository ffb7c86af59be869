import type { FastifyInstance } from 'fastify';
import pg from 'pg';

/**
 * Counts statements sent through node-postgres (pool and transaction clients
 * alike) until `stop()`, which puts the driver back as it was, so the measured
 * runs go through the product's code only. PGlite runs the same SQL but has no
 * single hook to count it by, so the count is taken on PostgreSQL only.
 */
export function countPgStatements(): { read(): number; stop(): void } {
  let count = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  return {
    read: () => count,
    stop: () => void (proto.query = original),
  };
}

/**
 * Sends one request of each kind in-process, once at start-up, and returns how
 * many statements each one sent: the round trips every request of that kind makes.
 */
export async function statementsPerRequest(
  app: FastifyInstance,
  authHeaders: Record<string, string>,
  createBody: string,
  counter: { read(): number; stop(): void },
): Promise<{ create: number; submit: number; bare: number }> {
  const headers = { ...authHeaders, 'content-type': 'application/json' };
  const count = async (send: () => Promise<{ statusCode: number; body: string }>) => {
    const before = counter.read();
    const res = await send();
    if (res.statusCode >= 300) throw new Error(`probe request failed: ${res.statusCode} ${res.body}`);
    return { statements: counter.read() - before, body: res.body };
  };
  const created = await count(() => app.inject({ method: 'POST', url: '/api/v1/offers', headers, payload: createBody }));
  const { id } = JSON.parse(created.body) as { id: string };
  const submitted = await count(() => app.inject({ method: 'POST', url: `/api/v1/offers/${id}/submit`, headers: { ...authHeaders, 'if-match': '"1"' } }));
  const bare = await count(() => app.inject({ method: 'POST', url: '/bench/bare', headers, payload: createBody }));
  counter.stop();
  return { create: created.statements, submit: submitted.statements, bare: bare.statements };
}
