import pg from 'pg';

/**
 * Counts statements sent through node-postgres (pool and transaction clients
 * alike). Used once at start-up to show how many round trips each route makes;
 * PGlite runs the same SQL but has no single hook to count it by.
 */
export function countPgQueries(): { read(): number } {
  let count = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  return { read: () => count };
}
