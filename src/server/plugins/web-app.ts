import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import staticFiles from '@fastify/static';
import { problem } from '../problem';

/** Serves the built single-page app; unknown non-API paths get index.html so client routes work. */
export async function registerWebApp(app: FastifyInstance, root: string) {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn(`No web app build at ${root}; run "npm run build:web". Serving the API only.`);
    return;
  }
  await app.register(staticFiles, { root, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply
      .code(404)
      .type('application/problem+json')
      .send(problem(404, 'not_found', `There is nothing at ${req.method} ${req.url.split('?')[0]}.`));
  });
}
