// Model names: names.IsValidModelName's rule, and the `[<controller>:][<owner>/]<model>` forms
// that -m, JUJU_MODEL, switch, show-model and destroy-model take.
import t from 'tap';
import { invalidModelName, isValidModelName, parseModelReference } from '../../core/model-name.js';

t.test('names.IsValidModelName', async (t) => {
  // juju/names v5 model_test.go's valid and invalid names, and the edges of the rule.
  for (const name of ['foo', 'foo-bar', 'foo1', '1foo', '0', 'a--b', 'trailing-', 'jubilant-1a2b3c4d', 'x'.repeat(300)]) {
    t.ok(isValidModelName(name), name);
  }
  for (const name of ['', '-leading', 'Foo', 'foo_bar', 'foo.bar', 'foo/bar', 'ctrl:foo', '../x', 'foo bar', 'fóo']) {
    t.notOk(isValidModelName(name), name);
  }
  t.equal(invalidModelName('Foo'), '"Foo" is not a valid name: model names may only contain lowercase letters, digits and hyphens');
});

t.test('[<controller>:][<owner>/]<model>', async (t) => {
  const cases: Array<[string, ReturnType<typeof parseModelReference>]> = [
    ['m', { name: 'm' }],
    ['admin/m', { owner: 'admin', name: 'm' }],
    ['juju-sim:m', { controller: 'juju-sim', name: 'm' }],
    ['juju-sim:admin/m', { controller: 'juju-sim', owner: 'admin', name: 'm' }],
    ['bob/m', { owner: 'bob', name: 'm' }],
    // Only the first colon and the first slash split: what follows is the name, to be found or not.
    ['c:d:m', { controller: 'c', name: 'd:m' }],
    ['a/b/m', { owner: 'a', name: 'b/m' }],
    ['', { name: '' }],
    [':m', { controller: '', name: 'm' }],
    ['/m', { owner: '', name: 'm' }],
    ['juju-sim:', { controller: 'juju-sim', name: '' }],
  ];
  for (const [text, want] of cases) t.strictSame(parseModelReference(text), want, text);
});
