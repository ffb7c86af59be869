import { Command, InvalidArgumentError } from 'commander';
import { systemClock } from '../core/clock';
import { AppError } from '../core/errors';
import { roles, type Role } from '../core/roles';
import { loadConfig } from '../server/config';
import { startServer } from '../server/server';
import { withDatabase } from './with-database';
import { changeRole, createUser, resetPassword, setUserEnabled } from './user-commands';
import { verifyJournals } from './journal-commands';
import { openObjectStore } from '../storage/open-object-store';
import { seedDemo } from '../seed/demo';
import { exportHandoffs, parseExportDate, parseExportFormat } from './export-commands';
import { importCsv, parseImportKind } from './import-commands';

const program = new Command('offerline').description('Offerline: offer workflow from intake to onboarding handoff').showHelpAfterError();

program
  .command('serve')
  .description('Apply migrations and serve the API and the web app (PORT, DATABASE_URL, DATA_DIR)')
  .option('--seed-demo', 'seed the demo organisation on first run and print its sign-ins')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
  .action(async (opts: { seedDemo?: boolean; port?: string }) => {
    const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
    const server = await startServer(config, { seedDemo: opts.seedDemo });
    process.stdout.write(`Offerline is running at ${server.url}  (API docs: ${server.url}/api/docs)\n`);
    const shutdown = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(() => withDatabase(async () => void process.stdout.write('Migrations applied.\n')));

program
  .command('seed')
  .description('Seed the demo organisation (does nothing if it exists)')
  .action(() =>
    withDatabase(async (_db, database) => {
      const r = await seedDemo(database, systemClock, await openObjectStore(loadConfig()));
      process.stdout.write(r.created ? `Seeded "${r.organization}".\n` : `"${r.organization}" already exists; nothing to do.\n`);
    }),
  );

const journal = program.command('journal').description('The tamper-evident journal');
journal
  .command('verify')
  .description("Verify every offer's hash chain (or one offer's) and report the first broken link")
  .option('--offer <id>', 'only this offer')
  .action((opts: { offer?: string }) => withDatabase((db) => verifyJournals(db, opts.offer)));

program
  .command('import')
  .description('Import requisitions, candidates or comp_bands from a CSV file (all-or-nothing); progress on stderr, the report on stdout; exits 1 when a row is bad')
  .argument('<kind>', 'requisitions, candidates or comp_bands', parseImportKind)
  .argument('<file>', 'the CSV file, header row first')
  .option('--dry-run', 'check every row and report; import nothing')
  .option('--org <slug>', 'organisation slug (default: the only organisation)')
  .action((kind: ReturnType<typeof parseImportKind>, file: string, opts: { dryRun?: boolean; org?: string }) =>
    withDatabase(async (db) => {
      process.exitCode = await importCsv(db, { kind, file, ...opts });
    }),
  );

const exporter = program.command('export').description('Export records for other systems');
exporter
  .command('handoffs')
  .description('HRIS export: the handoff records of offers handed off between two dates (UTC, both included), every field')
  .requiredOption('--from <date>', 'first day, like 2027-01-01', parseExportDate)
  .requiredOption('--to <date>', 'last day, like 2027-01-31', parseExportDate)
  .option('--format <format>', 'csv or json', parseExportFormat, 'csv' as 'csv' | 'json')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--org <slug>', 'organisation slug (default: the only organisation)')
  .action((opts: { from: string; to: string; format: 'csv' | 'json'; out?: string; org?: string }) => withDatabase((db) => exportHandoffs(db, opts)));

const user = program.command('user').description('Manage user accounts');
user
  .command('create')
  .description('Create a user; prints a generated password unless --password-stdin is given')
  .requiredOption('--org <slug>', 'organisation slug, e.g. northwind')
  .requiredOption('--email <email>', 'sign-in e-mail')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role...>', `one or more of: ${roles.join(', ')}`, parseRoles)
  .option('--password-stdin', 'read the password from standard input')
  .action((opts: { org: string; email: string; name: string; role: Role[]; passwordStdin?: boolean }) =>
    withDatabase((db) => createUser(db, opts)),
  );
user
  .command('reset-password')
  .description("Set a new password for a user; prints a generated one unless --password-stdin is given")
  .requiredOption('--email <email>', 'sign-in e-mail')
  .option('--password-stdin', 'read the password from standard input')
  .action((opts: { email: string; passwordStdin?: boolean }) => withDatabase((db) => resetPassword(db, opts)));

for (const grant of [true, false]) {
  user
    .command(grant ? 'grant' : 'revoke')
    .description(grant ? "Grant a role, across the organisation or in one business unit; ends the user's sessions" : "Revoke a role grant; ends the user's sessions")
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--role <role>', `one of: ${roles.join(', ')}`, (v: string) => parseRoles(v)[0]!)
    .option('--business-unit <name>', 'the business unit the role is scoped to (default: the whole organisation)')
    .action((opts: { email: string; role: Role; businessUnit?: string }) => withDatabase((db) => changeRole(db, { ...opts, grant })));
}
for (const enabled of [false, true]) {
  user
    .command(enabled ? 'enable' : 'disable')
    .description(enabled ? 'Let a disabled user sign in again' : 'Disable a user: their sessions end and their API tokens stop working at once')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .action((opts: { email: string }) => withDatabase((db) => setUserEnabled(db, { email: opts.email, enabled })));
}

function parseRoles(value: string, previous: Role[] = []): Role[] {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`"${value}" is not a role; use one of ${roles.join(', ')}`);
  return [...previous, value as Role];
}

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`offerline: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
