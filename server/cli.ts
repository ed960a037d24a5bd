/**
 * `deskwright demo`  — a desk with the shipped workflows, demo accounts and,
 *                      on an empty desk, about fifty demo tickets
 *                      (`deskwright demo --empty` leaves them out).
 * `deskwright serve` — a production desk: no demo accounts; the first admin
 *                      comes from DESK_ADMIN_EMAIL / DESK_ADMIN_PASSWORD, or
 *                      gets a generated password printed once.
 * `deskwright migrate` — bring the database up to date and stop.
 * The admin commands (backup, restore, doctor, export-config, import-config,
 * create-admin, --version) live in server/operations/, one file each.
 */
import { packaged } from './assets.ts';
import { loadConfig } from './config.ts';
import { openDeskDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { startDesk } from './desk.ts';
import { consoleOutput, operations } from './operations/index.ts';

const usage = `usage: deskwright <demo [--empty]|serve|migrate|${Object.keys(operations).filter((c) => c !== 'version').join('|')}>`;

async function main(command: string | undefined, args: string[]): Promise<void> {
  const env = { ...process.env };
  if (command === 'demo') env.DESK_DB ??= 'data/deskwright-demo.sqlite';
  // The one executable is run from wherever it was downloaded: its desk sits beside it.
  else if (packaged) env.DESK_DB ??= 'deskwright.sqlite';
  const operation = command ? operations[command] : undefined;
  if (operation) {
    process.exitCode = await (await operation())(args, env, consoleOutput);
    return;
  }
  const config = loadConfig(env);
  if (command === 'migrate') {
    const database = openDeskDatabase(config);
    await migrateToLatest(database.db);
    await database.close();
    console.log(`${config.databaseUrl ? 'the PostgreSQL database' : config.dbFile} is up to date`);
    return;
  }
  if (command !== 'demo' && command !== 'serve') {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const desk = await startDesk({ config, mode: command, demoTickets: command === 'demo' && !args.includes('--empty') });
  const lines = [
    '',
    `  Deskwright is running at ${config.publicUrl}`,
    `  database: ${config.dbFile}`,
    `  API docs: ${config.publicUrl}/api/docs`,
    desk.defaults.workflowsPublished.length ? `  published the shipped workflows: ${desk.defaults.workflowsPublished.join(', ')}` : '',
    desk.demoTicketsAdded ? `  filled the desk with ${desk.demoTicketsAdded} demo tickets (made-up demo data; \`deskwright demo --empty\` on a new file starts without them)` : '',
    config.smtpUrl ? `  e-mail: sending through ${new URL(config.smtpUrl).host}` : '  e-mail: SMTP_URL is not set, so notifications wait in the outbox (GET /api/admin/outbox)',
    '',
  ];
  if (desk.lockedDemoAccounts.length) {
    lines.push(`  The demo accounts ${desk.lockedDemoAccounts.join(', ')} can no longer sign in with the published demo password.`, '');
  }
  if (desk.signIn.length) {
    lines.push(command === 'demo' ? '  Sign in as any of these demo accounts:' : '  The first admin account:');
    for (const a of desk.signIn) {
      lines.push(`    ${a.roles.join(', ').padEnd(11)} ${a.email.padEnd(24)} ${a.password ?? '(the password in DESK_ADMIN_PASSWORD)'}`);
    }
    if (command === 'serve' && desk.signIn[0]?.password) lines.push('  This password is shown only now: sign in and change it.');
    lines.push('');
  }
  console.log(lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n'));
  // Graceful: open requests finish and commit, the jobs finish their pass; never longer than 10 s in all.
  const stop = () => {
    setTimeout(() => (desk.log.error('shutdown took longer than 10 s: exiting anyway'), process.exit(1)), 10_000).unref();
    desk.close({ graceMs: 8000 }).then(() => process.exit(0), (error: unknown) => (desk.log.error('shutdown failed', { error }), process.exit(1)));
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
