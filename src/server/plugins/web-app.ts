import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import staticFiles from '@fastify/static';
import { sendNotFound } from './errors';

/**
 * Serves the built single-page app when there is one; unknown non-API GETs get
 * index.html so client-side routes work. Everything else unmatched is a 404
 * problem. Fastify allows one not-found handler, so it is set here either way.
 */
export async function registerWebApp(app: FastifyInstance, root: string | undefined) {
  const built = root !== undefined && existsSync(join(root, 'index.html'));
  if (root !== undefined && !built) app.log.warn(`No web app build at ${root}; run "npm run build:web". Serving the API only.`);
  if (built) await app.register(staticFiles, { root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (built && req.method === 'GET' && isClientRoute(req.url)) return reply.type('text/html').sendFile('index.html');
    return sendNotFound(req, reply);
  });
}

/**
 * Client routes are extension-less paths outside /api. A missing file such as
 * an old /assets/*.js after a deploy gets a real 404, not the app's HTML.
 */
function isClientRoute(url: string): boolean {
  const path = url.split('?')[0]!;
  return !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
}
