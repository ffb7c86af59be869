import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const noChromiumMessage = `Skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium, or set CHROMIUM_PATH).`;

export const DEMO_PASSWORD = 'offerline-demo';
export const demoUser = (key: 'recruiter' | 'admin' | 'finance' | 'manager' | 'it' | 'hrbp' | 'hrops' | 'ops') => `${key}@northwind.example`;

/** The server compares offer dates with today's UTC date; tests build dates the same way. */
export function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
