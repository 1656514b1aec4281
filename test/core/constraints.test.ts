// Juju's constraints: what constraints.Parse makes of the words (in Value's JSON shape), what
// it refuses and in which words, and how Value.String prints them back (core/constraints in
// Juju 3.6, its parse tests' cases).
import t from 'tap';
import { constraintsString, parseConstraints } from '../../core/constraints.js';

t.test('parsed as Juju parses them, printed as Value.String prints them', async (t) => {
  const cases: Array<[string[], Record<string, unknown>, string]> = [
    [[], {}, ''],
    [['arch=amd64'], { arch: 'amd64' }, 'arch=amd64'],
    [['arch='], { arch: '' }, 'arch='],
    [['mem=4G'], { mem: 4096 }, 'mem=4096M'],
    [['mem=1.5G root-disk=8G'], { mem: 1536, 'root-disk': 8192 }, 'mem=1536M root-disk=8192M'],
    [['mem=512'], { mem: 512 }, 'mem=512M'],
    [['mem=1T'], { mem: 1048576 }, 'mem=1048576M'],
    [['mem=0.1'], { mem: 1 }, 'mem=1M'],
    [['cpu-cores=4'], { cores: 4 }, 'cores=4'],
    [['cores=', 'cpu-power=100'], { cores: 0, 'cpu-power': 100 }, 'cores=0 cpu-power=100'],
    [['tags=a,b', 'zones='], { tags: ['a', 'b'], zones: [] }, 'tags=a,b zones='],
    [['allocate-public-ip=true'], { 'allocate-public-ip': true }, 'allocate-public-ip=true'],
    [['allocate-public-ip='], {}, ''],
    // Value's field order for JSON, String's own order for words.
    [
      ['instance-type=m1.small', 'mem=2G', 'arch=arm64', 'virt-type=kvm'],
      { arch: 'arm64', mem: 2048, 'instance-type': 'm1.small', 'virt-type': 'kvm' },
      'arch=arm64 instance-type=m1.small mem=2048M virt-type=kvm',
    ],
  ];
  for (const [args, json, words] of cases) {
    const parsed = parseConstraints(args);
    t.same(parsed, json, args.join(' '));
    t.same(Object.keys(parsed), Object.keys(json), `${args.join(' ')}: field order`);
    t.equal(constraintsString(parsed), words, `${args.join(' ')}: printed`);
  }
});

t.test("refused in Juju's words", async (t) => {
  const cases: Array<[string[], string]> = [
    [['arch=vax'], 'bad "arch" constraint: "vax" not recognized'],
    [['cores=-1'], 'bad "cores" constraint: must be a non-negative integer'],
    [['cores=1.5'], 'bad "cores" constraint: must be a non-negative integer'],
    [['mem=-1'], 'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix'],
    [['mem=4g'], 'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix'],
    [['mem=G'], 'bad "mem" constraint: must be a non-negative float with optional M/G/T/P suffix'],
    [['cores=1 cpu-cores=2'], 'bad "cpu-cores" constraint: already set'],
    [['allocate-public-ip=maybe'], "bad \"allocate-public-ip\" constraint: must be 'true' or 'false'"],
    [['colour=red'], 'unknown constraint "colour"'],
    [['mem'], 'malformed constraint "mem"'],
  ];
  for (const [args, message] of cases) t.throws(() => parseConstraints(args), { message }, args.join(' '));
});

t.test('a value with a space is escaped when printed', async (t) => {
  t.equal(constraintsString({ 'instance-type': 'a b' }), 'instance-type=a\\ b');
});
