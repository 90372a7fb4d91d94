// `hospitium <command>`: operator tasks run against the configured database (the same settings as the
// server: DATA_DIR or DATABASE_URL). Exit codes: 0 done, 1 failed or refused, 2 wrong usage (and a
// restore refused because its target is not empty).
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError, type Database } from './db/client';
import { EmbeddedServerError } from './db/embedded';
import { runMigrations } from './db/migrate';
import { openAndMigrate, openConfiguredDatabase } from './db/open';
import { AdminInputError, accountExists } from './db/seed/admin';
import { countContents, createAdmin, seedDemoIfEmpty } from './db/seed';
import { randomToken } from './modules/identity/identity.crypto';
import { checkpointFile, writeCheckpoint } from './platform/audit/checkpoints';
import { verifyStock } from './modules/pharmacy';
import { checkAudit } from './ops/audit-check';
import { BACKUP_HELP, BackupError, cmdBackup, cmdRestore, OpsUsageError, RESTORE_HELP } from './ops/backup';

class UsageError extends Error {
  constructor(
    message: string,
    readonly help = USAGE,
  ) {
    super(message);
  }
}
/** Expected failures: printed as a message, no stack trace. */
class CliFailure extends Error {}

const USAGE = `Usage: hospitium <command> [options]

Commands:
  migrate          Apply pending database migrations.
  seed             Load the demo hospitals, staff and patients into an empty database.
  create-admin     Create a platform admin, or a hospital admin with --hospital.
  verify-audit     Check the audit log's hash chain; exits 1 and lists the rows if it is broken.
  verify-stock     Recompute every batch's stock from the ledger; exits 1 naming any difference.
  backup           Back up the database (one consistent instant) and the uploaded files, with a
                   manifest of row counts and checksums, into a new folder of --out or BACKUP_DIR.
  restore          Restore a backup into an empty database, then check that it is whole (row
                   counts, verify-audit, verify-stock, file checksums).
  worker           Work background jobs in this process until SIGTERM (the server also works jobs
                   itself unless JOBS_ENABLED=false).

The database is the one the server uses: PostgreSQL when DATABASE_URL is set, otherwise the
embedded PostgreSQL server in DATA_DIR (default ./data): the one a running Hospitium started, or,
when none runs, started for the command and stopped after it.

Run "hospitium <command> --help" for a command's options.`;

const HELP: Record<string, string> = {
  backup: BACKUP_HELP,
  restore: RESTORE_HELP,
  worker: `Usage: hospitium worker\n\nWorks background jobs (mail, SMS, notices, scheduled tasks) until SIGTERM or SIGINT,\nthen finishes or hands back the jobs it holds. Run the app instances with JOBS_ENABLED=false beside it.\nIn the embedded mode it uses the database server of the app running on the same DATA_DIR.`,
  migrate: `Usage: hospitium migrate\n\nApplies pending migrations (the server also does this at start).`,
  seed: `Usage: hospitium seed\n\nLoads demo data (two hospitals, staff, patients) into an empty database and prints the\nsign-ins. Refuses, changing nothing, when the database already holds hospitals or users.`,
  'create-admin': `Usage: hospitium create-admin --email EMAIL --name "FULL NAME" [--password PASSWORD] [--hospital CODE]

Creates the account if the address has none, and grants it platform admin, or hospital admin
at the hospital with that code (e.g. CGH). Without --password you are asked for one; leave it
empty (or run without a terminal) to have a strong one generated and printed once.
An existing account keeps its password and only gains the role.`,
  'verify-stock': `Usage: hospitium verify-stock

Recomputes every stock batch's on-hand quantity from the stock ledger (the single truth of stock)
and compares. Prints the number of batches checked; exits 1 naming each batch whose on-hand differs
from its ledger, with both figures.`,
  'verify-audit': `Usage: hospitium verify-audit

Recomputes every audit event's hash and link to the one before it, and checks the chain against
the signed checkpoints of its head in DATA_DIR/audit-checkpoints.jsonl (so deleting the newest rows
shows too). Prints the number of rows checked and the head hash; exits 1 listing what it found when
a row was edited or deleted, or a checkpoint line was forged.`,
};

function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL) return `embedded database in ${config.dataDir}/pg`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL ${url.host}${url.pathname}`; // never print the password
}

async function withDatabase<T>(
  config: Config,
  migrate: boolean,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const database = migrate
    ? await openAndMigrate(config)
    : await openConfiguredDatabase(config, { poolSize: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function cmdMigrate(config: Config): Promise<number> {
  await withDatabase(config, false, async (database) => {
    const count = async () => {
      const { rows } = await database.query<{ present: boolean }>(
        `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
      );
      if (!rows[0]?.present) return 0;
      const applied = await database.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      return Number(applied.rows[0]?.n ?? 0);
    };
    const before = await count();
    await runMigrations(database);
    const applied = (await count()) - before;
    console.log(
      applied > 0
        ? `Applied ${applied} migration(s) to the ${describeDatabase(config)}. The schema is up to date.`
        : `The ${describeDatabase(config)} is already up to date.`,
    );
  });
  return 0;
}

async function cmdSeed(config: Config): Promise<number> {
  return withDatabase(config, true, async (database) => {
    const found = await countContents(database.db);
    if (found.hospitals > 0 || found.users > 0) {
      console.error(
        `The ${describeDatabase(config)} already holds data (${found.hospitals} hospital(s), ${found.users} user(s)).\n` +
          'Demo data is loaded only into an empty database, so nothing was changed.',
      );
      return 1;
    }
    const demo = await seedDemoIfEmpty(database, (m) => console.log(m));
    if (!demo) throw new CliFailure('Another process loaded data at the same time; nothing was changed.');
    console.log(`\nDemo sign-ins (password for all: ${demo.password}):`);
    for (const u of demo.users) console.log(`  ${u.role.padEnd(28)} ${u.email}`);
    return 0;
  });
}

/** Reads a line without echoing it (for passwords typed at a terminal). */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const internal = rl as unknown as { _writeToOutput: (s: string) => void };
    let muted = false;
    internal._writeToOutput = (s: string) => {
      if (!muted) process.stdout.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function cmdCreateAdmin(config: Config, args: string[]): Promise<number> {
  const options = {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    hospital: { type: 'string' },
  } as const;
  let values: { email?: string; name?: string; password?: string; hospital?: string };
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message, HELP['create-admin']);
  }
  if (!values.email || !values.name)
    throw new UsageError('create-admin needs --email and --name.', HELP['create-admin']);
  const email = values.email;
  const fullName = values.name;

  return withDatabase(config, true, async (database) => {
    const exists = await accountExists(database, email);
    let password = values.password;
    let generated = false;
    if (exists && password) console.log('The account already exists; its password was left unchanged.');
    if (!exists && !password) {
      if (process.stdin.isTTY) {
        password = await promptHidden('Password for the new account (empty to generate one): ');
        if (password && password !== (await promptHidden('Repeat the password: '))) {
          throw new CliFailure('The two passwords differ; nothing was changed.');
        }
      }
      if (!password) {
        password = randomToken(18);
        generated = true;
      }
    }
    const r = await createAdmin(database, { email, fullName, password, hospitalCode: values.hospital });
    const where = r.hospital ? `hospital admin at ${r.hospital.name} (${r.hospital.code})` : 'platform admin';
    if (!r.granted) {
      console.log(`${r.email} is already ${where}; nothing was changed.`);
      return 0;
    }
    console.log(`${r.createdUser ? 'Created' : 'Updated'} ${r.email}: now ${where}.`);
    if (r.createdUser && generated) {
      console.log(`Generated password (shown only this once): ${password}`);
    }
    return 0;
  });
}

async function cmdVerifyAudit(config: Config): Promise<number> {
  return withDatabase(config, false, async (database) => {
    let result: Awaited<ReturnType<typeof checkAudit>>;
    try {
      result = await checkAudit(database, config.dataDir);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '42P01' || code === '42883') {
        throw new CliFailure(
          `The ${describeDatabase(config)} has no audit log yet; run "hospitium migrate" first.`,
        );
      }
      throw err;
    }
    const { checked, head, breaks, checkpoints, key } = result;
    const against = checkpoints.length
      ? ` and against ${checkpoints.length} checkpoint(s) in ${checkpointFile(config.dataDir)}`
      : ` (no checkpoints in ${checkpointFile(config.dataDir)} to check the newest rows against)`;
    if (breaks.length === 0) {
      // A verified head is a good checkpoint: the next truncation is measured from here.
      await writeCheckpoint(database, config.dataDir, key, checkpoints.at(-1) ?? null);
      console.log(
        `Audit chain intact: ${checked} row(s) checked in the ${describeDatabase(config)}${against}.`,
      );
      console.log(`Head hash: ${head || '(empty log)'}`);
      return 0;
    }
    console.log(`Audit chain BROKEN: ${breaks.length} problem(s) found in ${checked} row(s) checked.`);
    for (const b of breaks) console.log(`  seq ${b.seq}: ${b.reason}`);
    console.log(`Broken seqs: ${[...new Set(breaks.map((b) => b.seq).filter((q) => q > 0))].join(', ')}`);
    console.log(`Head hash: ${head}`);
    return 1;
  });
}

async function cmdVerifyStock(config: Config): Promise<number> {
  return withDatabase(config, true, async (database) => {
    const { checked, differences } = await verifyStock(database.db);
    if (differences.length === 0) {
      console.log(
        `Stock matches the ledger: ${checked} batch(es) checked in the ${describeDatabase(config)}.`,
      );
      return 0;
    }
    console.log(`Stock DIFFERS from the ledger in ${differences.length} of ${checked} batch(es):`);
    for (const d of differences) {
      console.log(
        `  batch ${d.batchNumber} of ${d.medicineName} (${d.batchId}): on hand ${d.onHand}, ledger ${d.ledger}`,
      );
    }
    return 1;
  });
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const explicit = Boolean(command);
    (explicit ? console.log : console.error)(USAGE);
    return explicit ? 0 : 2;
  }
  if (!(command in HELP)) throw new UsageError(`Unknown command "${command}".`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP[command]);
    return 0;
  }
  const takesArgs = ['create-admin', 'backup', 'restore'];
  if (!takesArgs.includes(command) && rest.length > 0) throw new UsageError(`${command} takes no arguments.`);
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      return cmdMigrate(config);
    case 'seed':
      return cmdSeed(config);
    case 'create-admin':
      return cmdCreateAdmin(config, rest);
    case 'worker': {
      const { runWorker } = await import('./worker');
      await runWorker(config, { handleSignals: true });
      // Runs until a signal; the worker exits the process when it has stopped cleanly.
      return new Promise<number>(() => undefined);
    }
    case 'verify-stock':
      return cmdVerifyStock(config);
    case 'backup':
      return cmdBackup(config, rest);
    case 'restore':
      return cmdRestore(config, rest);
    default:
      return cmdVerifyAudit(config);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof OpsUsageError) {
      console.error(`${err.message}\n\n${err.help}`);
      process.exit(2);
    }
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof EmbeddedServerError ||
      err instanceof AdminInputError ||
      err instanceof CliFailure ||
      err instanceof BackupError
    ) {
      console.error((err as Error).message);
    } else {
      console.error('hospitium: failed:', err);
    }
    process.exit(1);
  },
);
