// An action's state in its context: results nested from dotted keys (last write wins at each
// path), and the return code and output the runner adds, as Juju's hook logger captures them.
import t from 'tap';
import { ActionState, capturedOutput } from '../../../agent/context/action.js';

t.test('captured output: line by line, each line ending in \\n', async (t) => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['a', 'a\n'],
    ['a\n', 'a\n'],
    ['a\r\nb', 'a\nb\n'],
    ['\n\n', '\n\n'],
    ['a\r', 'a\r\n'],
    ['x\ry\n', 'x\ry\n'],
  ];
  for (const [input, output] of cases) t.equal(capturedOutput(Buffer.from(input)).toString(), output, JSON.stringify(input));
});

t.test('results: the last write wins at each path', async (t) => {
  const state = new ActionState(2, 'backup', {});
  t.equal(state.results(), null, 'none yet');
  // Juju's own example (action-set help).
  for (const [keys, value] of [
    [['foo', 'bar'], '2'],
    [['foo', 'baz', 'val'], '3'],
    [['foo', 'bar', 'zab'], '4'],
    [['foo', 'baz'], '1'],
  ] as const) {
    state.setResult([...keys], value);
  }
  t.same(state.results(), { foo: { bar: { zab: '4' }, baz: '1' } });
});

t.test('process output', async (t) => {
  const state = new ActionState(2, 'backup', {});
  state.setResult(['return-code'], 'set by the charm');
  state.setProcessOutput(0, Buffer.from('done'), Buffer.alloc(0));
  t.same(state.results(), { 'return-code': 0, stdout: 'done\n' }, 'empty stderr is left out');

  const binary = new ActionState(3, 'dump', {});
  binary.setProcessOutput(1, Buffer.from([0xff, 0xfe]), Buffer.from('oops\n'));
  t.same(binary.results(), { 'return-code': 1, stdout: '//4K', 'stdout-encoding': 'base64', stderr: 'oops\n' }, 'not UTF-8: base64');
});

t.test('params are a copy', async (t) => {
  const state = new ActionState(2, 'backup', { deep: { a: 1 } });
  (state.params().deep as Record<string, number>).a = 2;
  t.same(state.params(), { deep: { a: 1 } });
});
