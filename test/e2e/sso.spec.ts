import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { demoUser, hasChromium, noChromiumMessage } from './support/env';
import { expectNoSeriousA11yViolations, screenshot } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

// The shared e2e server has no identity provider; these journeys run their own server, configured
// for a provider this file starts, on its own embedded database.
let provider: TestOidcProvider;
let server: ChildProcess;
let baseUrl: string;
let dataDir: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  provider = await startOidcProvider();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'offerline-sso-e2e-'));
  server = spawn(process.execPath, ['bin/offerline.js', 'serve', '--seed-demo', '--port', String(port)], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URL: `${baseUrl}/api/v1/auth/oidc/callback`,
      OIDC_DISPLAY_NAME: 'Northwind SSO',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    server.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (output.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await provider?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('signs in with single sign-on and lands on the offers', async ({ page }) => {
  provider.person = { sub: 'northwind-finance', email: demoUser('finance'), email_verified: true };
  await page.goto(`${baseUrl}/sign-in`);
  const button = page.getByRole('link', { name: 'Sign in with Northwind SSO' });
  await expect(button).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in with single sign-on');
  await screenshot(page, 'sign-in-sso-1280');
  await button.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await expect(page).toHaveURL(`${baseUrl}/offers`);
});

test('a person who is not a user here is sent back with a clear message', async ({ page }) => {
  provider.person = { sub: 'stranger', email: 'stranger@elsewhere.example', email_verified: true };
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with Northwind SSO' }).click();
  await expect(page).toHaveURL(`${baseUrl}/sign-in?error=sso_failed`);
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not work');
  await expectNoSeriousA11yViolations(page, 'sign-in after a failed single sign-on');
  await screenshot(page, 'sign-in-sso-failed-1280');
  await page.goto(`${baseUrl}/offers`);
  await expect(page).toHaveURL(/\/sign-in/);
});
