// yaml.v2's resolve() as Juju's fork (github.com/juju/yaml/v2 v2.0.0) has it.
import t from 'tap';
import { resolve } from '../../../core/yaml/resolve.js';

t.test('plain scalars', async (t) => {
  const cases: Array<[string, string, unknown]> = [
    ['', 'null', null],
    ['~', 'null', null],
    ['Yes', 'bool', true],
    ['OFF', 'bool', false],
    ['yEs', 'str', 'yEs'],
    ['<<', 'str', '<<'],
    ['42', 'int', 42n],
    ['-0x1F', 'int', -31n],
    ['0o17', 'int', 15n],
    ['1_000', 'int', 1000n],
    ['18446744073709551615', 'int', 18446744073709551615n],
    ['0b-1', 'int', -1n],
    ['1.5', 'float', 1.5],
    ['.5', 'float', 0.5],
    ['.5_0', 'float', 0.5],
    ['1e+5', 'float', 100000],
    ['1e5', 'str', '1e5'],
    ['01.5', 'str', '01.5'],
    ['1.', 'str', '1.'],
    ['1e+999', 'str', '1e+999'],
    ['-.inf', 'float', -Infinity],
    ['2001-02-28', 'timestamp', '2001-02-28'],
    ['2001-02-29', 'str', '2001-02-29'],
    ['2000-02-29 1:2:3.5', 'timestamp', '2000-02-29 1:2:3.5'],
    ['2001-01-01t00:00:00,5+24:00', 'timestamp', '2001-01-01t00:00:00,5+24:00'],
    ['2001-01-01T24:00:00Z', 'str', '2001-01-01T24:00:00Z'],
    ['1:20', 'str', '1:20'],
  ];
  for (const [text, tag, value] of cases) {
    t.same(resolve('', text), { tag: `tag:yaml.org,2002:${tag}`, value }, JSON.stringify(text));
  }
});

t.test('explicit tags', async (t) => {
  t.same(resolve('tag:yaml.org,2002:str', 'true'), { tag: 'tag:yaml.org,2002:str', value: 'true' });
  t.same(resolve('tag:yaml.org,2002:float', '3'), { tag: 'tag:yaml.org,2002:float', value: 3 });
  t.same(resolve('tag:yaml.org,2002:binary', 'aGk='), { tag: 'tag:yaml.org,2002:binary', value: 'aGk=' });
  t.same(resolve('!local', '3'), { tag: '!local', value: '3' });
  t.throws(() => resolve('tag:yaml.org,2002:int', '2001-01-01'), { message: 'yaml: cannot decode !!str `2001-01-01` as a !!int' });
  t.throws(() => resolve('tag:yaml.org,2002:null', 'x'), { message: 'yaml: cannot decode !!str `x` as a !!null' });
});
