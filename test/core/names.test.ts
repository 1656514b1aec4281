// Juju's names package: application and unit name syntax.
import t from 'tap';
import { isValidApplication, unitApplication } from '../../core/names.js';

t.test('application and unit names', async (t) => {
  for (const name of ['mediawiki', 'my-app', 'app2', 'a1-b2c']) t.ok(isValidApplication(name), name);
  for (const name of ['0/foo', 'App', 'my_app', 'app-', 'app-1', '2app', '']) t.notOk(isValidApplication(name), name);
  t.equal(unitApplication('mediawiki/0'), 'mediawiki');
  t.equal(unitApplication('my-app/12'), 'my-app');
  for (const name of ['foo', 'foo/01', 'foo/-1', 'Foo/0', 'foo/0/1']) t.equal(unitApplication(name), undefined, name);
});
