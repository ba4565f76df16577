// `gatehouse-hub migrate --data DIR --database postgres://...` (issue 14.5):
// the command's arguments and what it tells the operator. Progress goes to
// standard error (a large hub takes a while), the per-table check and what to
// do next to standard output, a refusal or failure as one sentence.
import { resolve } from 'node:path';
import { MigrationFailedError, MigrationRefusedError } from './migration-errors';
import type { MigrationProgress, MigrationResult } from './migrate-to-postgres';
import { migrateToPostgres, withoutPassword } from './migrate-to-postgres';

export interface MigrateCommandInput {
  data: string;
  database: string | undefined;
  twoStepKey: string | undefined;
}

export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STANDARD_OUTPUT: CommandOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** A large table's progress is printed at most this often. */
const PROGRESS_EVERY_MS = 1_000;

const count = (rows: number): string => rows.toLocaleString('en-US');
const rowsWord = (rows: number): string => `${count(rows)} ${rows === 1 ? 'row' : 'rows'}`;

function progressPrinter(err: (text: string) => void, now: () => number): (progress: MigrationProgress) => void {
  let lastPrinted = 0;
  // A small table is one line; a large one also shows its count as it goes, and its end.
  let hasShownRows = false;
  return (progress) => {
    if (progress.kind === 'table') {
      err(`[${progress.position}/${progress.tables}] ${progress.table}: ${rowsWord(progress.rows)}`);
      lastPrinted = now();
      hasShownRows = false;
    } else if (progress.kind === 'rows') {
      const isDone = progress.copied >= progress.rows;
      if (isDone ? !hasShownRows : now() - lastPrinted < PROGRESS_EVERY_MS) return;
      err(`      ${progress.table}: ${count(progress.copied)} of ${count(progress.rows)} copied`);
      lastPrinted = now();
      hasShownRows = true;
    } else err('Checking the copy row for row...');
  };
}

function report(input: MigrateCommandInput & { database: string }, result: MigrationResult): string {
  const width = Math.max(...result.checks.map((check) => check.table.length), 'table'.length);
  const lines = [
    `Moved the hub in ${resolve(input.data)} to ${withoutPassword(input.database)}, checked row for row:`,
    '',
    `  ${'table'.padEnd(width)}  ${'rows'.padStart(9)}  check`,
    ...result.checks.map((check) => `  ${check.table.padEnd(width)}  ${count(check.targetRows).padStart(9)}  ${check.isSame ? 'same' : 'DIFFERENT'}`),
    '',
    ...result.counters.map((counter) => `The next ${counter.table} ${counter.column} is ${count(counter.next)}, after the copied ones.`),
  ];
  const key = result.twoStepKey;
  const keyOption = key.kind === 'copied' ? ` --two-step-key ${key.to}` : '';
  if (key.kind === 'copied') lines.push(`The two-step key was copied to ${key.to}: start every hub instance with --two-step-key ${key.to}.`);
  if (key.kind === 'in-data-folder') {
    lines.push(
      `The two-step key stays in ${key.at}: a hub started with --data ${resolve(input.data)} reads it there; elsewhere, copy it (0600) and give its path as --two-step-key.`,
      'Every instance must have this same key: without it nobody who turned on two-step sign-in can pass the second step.',
    );
  }
  if (key.kind === 'missing') {
    lines.push(
      `Warning: ${count(key.secrets)} ${key.secrets === 1 ? 'person has' : 'people have'} two-step sign-in on, but ${resolve(input.data)} has no two-step key:`,
      'they can sign in only with a recovery code, or after `gatehouse-hub two-step reset EMAIL --yes`.',
    );
  }
  lines.push(
    '',
    `Start the hub on PostgreSQL: gatehouse-hub serve --database ${withoutPassword(input.database)} --data ${resolve(input.data)}${keyOption}`,
    `The SQLite hub in ${resolve(input.data)} is unchanged. Do not start a hub on it again: changes made there would not reach PostgreSQL.`,
  );
  return lines.join('\n');
}

/** Runs the command; returns the process's exit code (0 moved, 1 failed midway and rolled back, 2 refused). */
export async function migrateCommand(input: MigrateCommandInput, output: CommandOutput = STANDARD_OUTPUT, now: () => number = Date.now): Promise<number> {
  const database = input.database;
  if (!database) {
    output.err('gatehouse hub: migrate needs --database postgres://USER@HOST/DATABASE (or GATEHOUSE_HUB_DATABASE), an empty database to move the hub into.');
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(database)) {
    output.err(`gatehouse hub: --database must start with postgres:// or postgresql://, not ${withoutPassword(database).slice(0, 40)}`);
    return 2;
  }
  try {
    const result = await migrateToPostgres({
      dataDir: input.data,
      databaseUrl: database,
      ...(input.twoStepKey === undefined ? {} : { twoStepKeyFile: resolve(input.twoStepKey) }),
      onProgress: progressPrinter(output.err, now),
    });
    output.out(report({ ...input, database }, result));
    return 0;
  } catch (error) {
    if (error instanceof MigrationRefusedError) {
      output.err(`gatehouse hub: ${error.message}`);
      return 2;
    }
    if (error instanceof MigrationFailedError) {
      output.err(`gatehouse hub: the move did not happen. ${error.message}`);
      return 1;
    }
    throw error;
  }
}
