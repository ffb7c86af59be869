import { randomBytes } from 'node:crypto';

/** Database names are built from fixed prefixes and hex only, so they are safe in DDL. */
export function templateDatabaseName(): string {
  return `offerline_test_tpl_${process.pid}`;
}

export function freshDatabaseName(): string {
  return `offerline_test_${randomBytes(6).toString('hex')}`;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
