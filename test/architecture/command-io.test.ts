// Commands run in the daemon for the native front end, where `process` is the daemon's: a
// command that wrote to process.stdout would print into the daemon's log, one that read a file
// itself could block every unit on a FIFO. So every command goes through its CommandIO
// (cmd/io.ts says how to convert one); this test names the lines that do not.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/root.js';


/** What a command must not do, and what to do instead. */
const forbidden: Array<[RegExp, string]> = [
  [/\bprocess\.(stdout|stderr|stdin|exitCode|cwd|env)\b/, 'use io.stdout, io.stderr, io.stdin(), io.exitCode, io.cwd, io.env'],
  [/\b(readFileSync|writeFileSync|createReadStream|createWriteStream)\b/, "use io.readFile and io.writeFile for the user's files"],
  [/import \{[^}]*\bcall\b[^}]*\} from '\.\.\/\.\.\/agent\/control\/client\.js'/, 'use io.call'],
];

/** The daemon subcommands start and stop the daemon: only the CLI run by Node runs them. */
const nodeOnly = new Set(['cmd/commands/daemon.ts']);

/** The lines of `text` that break a rule, as `file:line: text (instead)`. */
function offences(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) =>
    forbidden.filter(([pattern]) => pattern.test(line)).map(([, instead]) => `${file}:${i + 1}: ${line.trim()} (${instead})`),
  );
}

t.test('commands reach process, files and the daemon only through their CommandIO', async (t) => {
  const files = [
    ...readdirSync(join(root, 'cmd', 'commands')).map((name) => `cmd/commands/${name}`),
    ...readdirSync(join(root, 'cmd')).filter((name) => name.endsWith('.ts') && !['io.ts', 'main.ts'].includes(name)).map((name) => `cmd/${name}`),
  ].filter((file) => file.endsWith('.ts') && !nodeOnly.has(file));
  t.ok(files.includes('cmd/commands/status.ts'));
  t.same(files.flatMap((file) => offences(file, readFileSync(join(root, file), 'utf8'))), []);
});

t.test('the rules see a command written in the old style (a test that cannot fail is a defect)', async (t) => {
  const old = [
    "import { call } from '../../agent/control/client.js';",
    '      process.stdout.write(`${await call("status", {})}`);',
    '      process.exitCode = 1;',
    '      const text = readFileSync(opts.file);',
  ].join('\n');
  t.equal(offences('x.ts', old).length, 4);
});
