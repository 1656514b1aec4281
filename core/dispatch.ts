// The `dispatch` a built charm starts from, in the form of charmcraft's current python plugin:
// the charm's own virtualenv runs the entry point with lib/ and src/ importable. Juju sets
// JUJU_DISPATCH_PATH; this form passes it on as given and never invents a default. The
// builder writes it (charmbuild/) and the runner recognises it (agent/runner/entry-point.ts).

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

export function dispatchScript(entrypoint: string): string {
  return [
    '#!/bin/sh',
    '# Written by juju-sim as charmcraft would write it. Paths are made absolute from this',
    '# file\'s own directory, so the charm can run from wherever it is copied.',
    'cd "$(dirname "$0")" || exit 1',
    `PYTHONPATH="$PWD/lib:$PWD/src" exec "$PWD/venv/bin/python" "$PWD"/${shellQuote(entrypoint)}`,
    '',
  ].join('\n');
}
