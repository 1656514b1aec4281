// Loaded into every test process after tap's own preloads (package.json, tap.node-arg), so that the
// daemons, command lines and hooks a test starts run as they would for a user.
//
// tap starts each test process with @tapjs/processinfo, which records the files a process loads
// for coverage reports, and hooks child_process (through the process-on-spawn singleton) to put
// itself into NODE_OPTIONS of every process the test starts. Coverage is off here, so nothing reads
// what it records, yet a daemon started under it loads each module through its loader thread and
// reads every file again at exit: 1.3-1.5 s of CPU to start instead of 0.46 s, for each of the
// suite's daemons and Node command lines.
const spawnHooks = (globalThis as Record<symbol, { unwrap?: () => void } | undefined>)[
  Symbol.for('process-on-spawn@*:singletonId')
];
spawnHooks?.unwrap?.();

for (const name of Object.keys(process.env)) {
  if (name.startsWith('_TAPJS_PROCESSINFO_')) delete process.env[name];
}
// Node's own quoting of NODE_OPTIONS: words, or double-quoted strings with backslash escapes.
const nodeOptions = (process.env.NODE_OPTIONS ?? '').match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
const kept = nodeOptions.filter((option) => !option.includes('@tapjs/processinfo'));
if (kept.length > 0) process.env.NODE_OPTIONS = kept.join(' ');
else delete process.env.NODE_OPTIONS;
