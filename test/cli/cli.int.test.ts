import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createCliDatabase } from '../helpers/cli-database';
import { runCli } from '../helpers/server-process';

let target: Awaited<ReturnType<typeof createCliDatabase>>;
beforeAll(async () => {
  target = await createCliDatabase();
});
afterAll(() => target.dispose());

async function cliWithStdin(args: string[], input: string) {
  const child = spawn(process.execPath, ['bin/offerline.js', ...args], { env: { ...process.env, ...target.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output };
}

async function signInStatus(email: string, password: string) {
  return (await signInResult(email, password)).status;
}

/** Signs in on a short-lived app over the CLI's database; the roles come from GET /me. */
async function signInResult(email: string, password: string): Promise<{ status: number; roles: string[] }> {
  const database = await target.open();
  try {
    const app = await buildApp({ database });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    await app.close();
    return { status: res.statusCode, roles: res.statusCode === 200 ? (res.json() as { roles: string[] }).roles : [] };
  } finally {
    await database.close();
  }
}

describe('offerline CLI', () => {
  it('prints help for every command', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['seed', '--help'], ['journal', 'verify', '--help'], ['user', 'create', '--help'], ['user', 'reset-password', '--help'], ['user', 'grant', '--help'], ['user', 'revoke', '--help'], ['user', 'disable', '--help'], ['user', 'enable', '--help']]) {
      const r = await runCli(args, {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.output).toContain('Usage: offerline');
    }
  }, 120_000);

  it('migrates, seeds once, creates a user who can sign in, and resets the password', async () => {
    expect((await runCli(['migrate'], target.env)).output).toContain('Migrations applied.');
    expect((await runCli(['seed'], target.env)).output).toContain('Seeded "Northwind Labs"');
    expect((await runCli(['seed'], target.env)).output).toContain('already exists');

    const created = await cliWithStdin(['user', 'create', '--org', 'northwind', '--email', 'pat@northwind.example', '--name', 'Pat Doe', '--role', 'recruiter', '--role', 'finance', '--password-stdin'], 'a long passphrase\n');
    expect(created.code).toBe(0);
    expect(created.output).toContain('Created pat@northwind.example (recruiter, finance)');
    expect(await signInStatus('pat@northwind.example', 'a long passphrase')).toBe(200);

    const reset = await runCli(['user', 'reset-password', '--email', 'pat@northwind.example'], target.env);
    const newPassword = /New password \(shown once\): (\S+)/.exec(reset.output)?.[1];
    expect(newPassword).toBeTruthy();
    expect(await signInStatus('pat@northwind.example', 'a long passphrase')).toBe(401);
    expect(await signInStatus('pat@northwind.example', newPassword!)).toBe(200);
  }, 120_000);

  it('grants and revokes roles (optionally in one business unit), and disables and enables a user', async () => {
    const created = await cliWithStdin(['user', 'create', '--org', 'northwind', '--email', 'sam@northwind.example', '--name', 'Sam Roe', '--role', 'recruiter', '--password-stdin'], 'sam has a passphrase');
    expect(created.code, created.output).toBe(0);

    const grant = await runCli(['user', 'grant', '--email', 'sam@northwind.example', '--role', 'finance'], target.env);
    expect(grant.code, grant.output).toBe(0);
    expect(grant.output).toContain('Granted finance across the organisation to sam@northwind.example');
    expect((await signInResult('sam@northwind.example', 'sam has a passphrase')).roles.sort()).toEqual(['finance', 'recruiter']);

    const revoke = await runCli(['user', 'revoke', '--email', 'sam@northwind.example', '--role', 'finance'], target.env);
    expect(revoke.code, revoke.output).toBe(0);
    expect((await signInResult('sam@northwind.example', 'sam has a passphrase')).roles).toEqual(['recruiter']);

    const scoped = await runCli(['user', 'grant', '--email', 'sam@northwind.example', '--role', 'legal', '--business-unit', 'engineering'], target.env);
    expect(scoped.code, scoped.output).toBe(0);
    expect(scoped.output).toContain('Granted legal in engineering');
    expect((await signInResult('sam@northwind.example', 'sam has a passphrase')).roles.sort()).toEqual(['legal', 'recruiter']);

    const unknownUnit = await runCli(['user', 'grant', '--email', 'sam@northwind.example', '--role', 'legal', '--business-unit', 'Atlantis'], target.env);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.output).toContain('No business unit named "Atlantis"');

    const disable = await runCli(['user', 'disable', '--email', 'sam@northwind.example'], target.env);
    expect(disable.code, disable.output).toBe(0);
    expect(await signInStatus('sam@northwind.example', 'sam has a passphrase')).toBe(401);
    expect((await runCli(['user', 'enable', '--email', 'sam@northwind.example'], target.env)).code).toBe(0);
    expect(await signInStatus('sam@northwind.example', 'sam has a passphrase')).toBe(200);

    const nobody = await runCli(['user', 'disable', '--email', 'nobody@northwind.example'], target.env);
    expect(nobody.code).toBe(1);
    expect(nobody.output).toContain('No user with e-mail nobody@northwind.example');
  }, 120_000);

  it('refuses a common password', async () => {
    const common = await cliWithStdin(['user', 'create', '--org', 'northwind', '--email', 'common@northwind.example', '--name', 'C', '--role', 'recruiter', '--password-stdin'], 'password123');
    expect(common.code).toBe(1);
    expect(common.output).toContain('one of the most common passwords');
  }, 60_000);

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const badRole = await runCli(['user', 'create', '--org', 'northwind', '--email', 'x@y.z', '--name', 'X', '--role', 'wizard'], target.env);
    expect(badRole.code).not.toBe(0);
    expect(badRole.output).toContain('"wizard" is not a role');
    const dup = await cliWithStdin(['user', 'create', '--org', 'northwind', '--email', 'recruiter@northwind.example', '--name', 'Dup', '--role', 'recruiter', '--password-stdin'], 'another passphrase');
    expect(dup.code).toBe(1);
    expect(dup.output).toContain('exists already');
    const short = await cliWithStdin(['user', 'create', '--org', 'northwind', '--email', 'new@northwind.example', '--name', 'New', '--role', 'recruiter', '--password-stdin'], 'short');
    expect(short.code).toBe(1);
    expect(short.output).toContain('8 to 128 characters');
    const noOrg = await runCli(['user', 'create', '--org', 'nowhere', '--email', 'a@b.c', '--name', 'A', '--role', 'admin'], target.env);
    expect(noOrg.output).toContain('No organisation with slug "nowhere"');
  }, 120_000);
});
