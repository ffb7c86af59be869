import type { FastifyInstance } from 'fastify';

/** Sends one request of each kind in-process and counts the statements each one sent to the database. */
export async function measureQueriesPerRequest(
  app: FastifyInstance,
  cookie: string,
  createBody: string,
  counter: { read(): number },
): Promise<{ create: number; submit: number; bare: number }> {
  const headers = { cookie, 'content-type': 'application/json' };
  const count = async (send: () => Promise<{ statusCode: number; body: string }>) => {
    const before = counter.read();
    const res = await send();
    if (res.statusCode >= 300) throw new Error(`probe request failed: ${res.statusCode} ${res.body}`);
    return { queries: counter.read() - before, body: res.body };
  };
  const created = await count(() => app.inject({ method: 'POST', url: '/api/v1/offers', headers, payload: createBody }));
  const { id } = JSON.parse(created.body) as { id: string };
  const submitted = await count(() => app.inject({ method: 'POST', url: `/api/v1/offers/${id}/submit`, headers: { cookie, 'if-match': '"1"' } }));
  const bare = await count(() => app.inject({ method: 'POST', url: '/bench/bare', headers, payload: createBody }));
  return { create: created.queries, submit: submitted.queries, bare: bare.queries };
}
