import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { isRealIsoDate } from '../core/dates';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';
import { findOrganizationBySlug } from '../directory/org-setup.repo';
import { handoffCsv } from '../flow/handoff/handoff-fields';
import { exportAllHandoffs } from '../flow/handoff/handoff.service';

export function parseExportDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a date like 2027-01-31`);
  return value;
}

export function parseExportFormat(value: string): 'csv' | 'json' {
  if (value !== 'csv' && value !== 'json') throw new InvalidArgumentError(`"${value}" is not a format; use csv or json`);
  return value;
}

/**
 * `offerline export handoffs`: every handoff record (all fields: the operator holds the database)
 * handed off between --from and --to (UTC dates, both included), as CSV or JSON, to a file or stdout.
 */
export async function exportHandoffs(db: Db, opts: { from: string; to: string; format: 'csv' | 'json'; out?: string; org?: string }): Promise<void> {
  let orgId: string;
  if (opts.org) {
    const org = await findOrganizationBySlug(db, opts.org);
    if (!org) throw new Error(`No organisation with slug "${opts.org}".`);
    orgId = org.id;
  } else {
    const orgs = await db.select({ id: organizations.id }).from(organizations).limit(2);
    if (orgs.length !== 1) throw new Error(orgs.length === 0 ? 'There is no organisation yet.' : 'There is more than one organisation; name one with --org <slug>.');
    orgId = orgs[0]!.id;
  }
  const { fields, customFields, items } = await exportAllHandoffs(db, opts.from, opts.to, orgId);
  const body = opts.format === 'csv' ? handoffCsv(items, fields, customFields) : `${JSON.stringify({ from: opts.from, to: opts.to, fields, customFields, items }, null, 2)}\n`;
  if (opts.out) {
    await writeFile(opts.out, body);
    process.stderr.write(`Wrote ${items.length} handoff record${items.length === 1 ? '' : 's'} to ${opts.out}.\n`);
  } else {
    process.stdout.write(body);
  }
}
