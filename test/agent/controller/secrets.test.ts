// The controller's secrets, as Juju's state and secretsmanager facade keep them: revisions,
// consumers on the revision they read until they refresh, revisions obsolete once no consumer
// is on them, owner and consumer labels, grants, and rotation times.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSecretId, nextRotateTime, relationTag, rotateRetryDelay, Secrets } from '../../../agent/controller/secrets.js';
import { Controller } from '../../../agent/controller/controller.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const content = (password: string): Record<string, string> => ({ password: b64(password) });

function secrets(t: Test): Secrets {
  const dir = mkdtempSync(join(tmpdir(), 'jsim-secrets-'));
  const c = new Controller(join(dir, 'controller.db'), 'test');
  t.teardown(() => {
    c.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return c.secrets;
}

t.test('a secret id is an xid: 20 characters of base32hex, its last with zero padding bits', async (t) => {
  const ids = new Set(Array.from({ length: 200 }, newSecretId));
  t.equal(ids.size, 200, 'all different');
  for (const id of ids) t.match(id, /^[0-9a-v]{19}[0g]$/);
  const now = Math.floor(Date.now() / 1000);
  const stamp = Buffer.from(
    [...newSecretId().slice(0, 7)].map((c) => parseInt(c, 32).toString(2).padStart(5, '0')).join('').slice(0, 32).match(/.{8}/g)!.map((b) => parseInt(b, 2)),
  ).readUInt32BE(0);
  t.ok(Math.abs(stamp - now) <= 1, 'the first four bytes are the time, as xid has them');
});

t.test('a consumer stays on the revision it read; --refresh moves it, --peek looks', async (t) => {
  const s = secrets(t);
  s.create('s1', 'application', 'db', { value: content('one'), label: 'pw' });
  s.grant('s1', { application: 'web', scope: relationTag('web:db db:server') });
  const read = (refresh = false, peek = false): string => Buffer.from(s.read('web/0', false, 'secret:s1', '', refresh, peek).password, 'base64').toString();
  t.equal(read(), 'one', 'the first read tracks the latest');
  s.update('s1', { value: content('two') });
  t.equal(read(), 'one', 'a new revision does not move the consumer');
  t.equal(read(false, true), 'two', '--peek reads the latest');
  t.equal(read(), 'one', 'and stays where it was');
  t.same(s.consumer('s1', 'web/0'), { secretId: 's1', consumer: 'web/0', label: '', currentRevision: 1, latestRevision: 2 });
  t.equal(read(true), 'two', '--refresh moves it');
  t.same(s.revisions('s1').map((r) => [r.revision, r.obsolete]), [[1, true], [2, false]], 'the revision no consumer is on is obsolete');
});

t.test('a new revision nobody read makes the one before obsolete at once', async (t) => {
  const s = secrets(t);
  s.create('s1', 'unit', 'db/0', { value: content('one') });
  s.update('s1', { value: content('two') });
  s.update('s1', { value: content('three') });
  t.same(s.revisions('s1').map((r) => [r.revision, r.obsolete]), [[1, true], [2, true], [3, false]]);
  s.remove('s1', 1);
  t.same(s.revisions('s1').map((r) => r.revision), [2, 3]);
  t.throws(() => s.remove('s1', 1), { message: 'revison 1 for secret "secret:s1" not found' }, "Juju's spelling");
  s.remove('s1');
  t.equal(s.find('s1'), undefined, 'without a revision, the whole secret');
});

t.test('labels: the owner finds its secret by label; a consumer by its own', async (t) => {
  const s = secrets(t);
  s.create('s1', 'application', 'db', { value: content('one'), label: 'pw' });
  t.throws(() => s.create('s2', 'application', 'db', { value: content('x'), label: 'pw' }), {
    message: 'secret label "pw" for owner "application-db" already exists',
  });
  t.equal(Buffer.from(s.read('db/1', false, undefined, 'pw', false, false).password, 'base64').toString(), 'one', 'any unit of the owner, by the owner label');
  t.throws(() => s.read('web/0', false, undefined, 'pw', false, false), { message: 'consumer label "pw" not found' });
  t.throws(() => s.read('web/0', false, 'secret:s1', 'mine', false, false), { message: 'permission denied' }, 'no grant, no read');
  s.grant('s1', { application: 'web', scope: 'relation-x' });
  s.read('web/0', false, 'secret:s1', 'mine', false, false);
  t.equal(s.byConsumerLabel('web/0', 'mine'), 's1', 'a URI with a label labels the consumer');
  t.equal(s.get('s1').label, 'pw', 'not the owner');
  s.read('db/0', true, 'secret:s1', 'renamed', false, false);
  t.equal(s.get('s1').label, 'renamed', "the owner's leader relabels its application's secret");
  s.read('db/1', false, 'secret:s1', 'again', false, false);
  t.equal(s.get('s1').label, 'renamed', 'another unit does not');
  t.throws(() => s.read('web/0', false, undefined, '', false, false), { message: 'both uri and label are empty' });
});

t.test('grants: a relation scope and a model scope; revoke and scope removal take them', async (t) => {
  const s = secrets(t);
  s.create('s1', 'model', 'uuid', { value: content('one'), label: 'token' });
  s.grant('s1', { application: 'web', scope: 'model-uuid' });
  s.grant('s1', { unit: 'api/0', scope: relationTag('api:db db:server') });
  t.ok(s.canRead('s1', 'web/3'), 'every unit of a granted application');
  t.ok(s.canRead('s1', 'api/0'));
  t.notOk(s.canRead('s1', 'api/1'), 'only the granted unit');
  s.revoke('s1', { application: 'web' });
  t.notOk(s.canRead('s1', 'web/3'));
  s.removeScope(relationTag('api:db db:server'));
  t.same(s.get('s1').grants, []);
});

t.test('rotation: an interval after the time it was due; sooner when the hook made no new revision', async (t) => {
  const s = secrets(t);
  const before = Date.now();
  s.create('s1', 'application', 'db', { value: content('one'), rotatePolicy: 'hourly' });
  const first = Date.parse(s.get('s1').nextRotateTime!);
  t.ok(first >= Math.round(before / 1000) * 1000 + 3_600_000 && first <= Date.now() + 500 + 3_600_000, 'an hour after its creation');
  t.equal(first % 1000, 0, 'to the second');
  const due = first;
  s.update('s1', { value: content('two') });
  s.rotated('s1', 1);
  t.equal(s.get('s1').nextRotateTime, nextRotateTime('hourly', new Date(due)), 'rotated: the next is an hour on');
  const next = Date.parse(s.get('s1').nextRotateTime!);
  s.rotated('s1', 2);
  t.equal(Date.parse(s.get('s1').nextRotateTime!), next + rotateRetryDelay, 'no new revision: again after the retry delay');
  s.update('s1', { rotatePolicy: 'never' });
  t.equal(s.get('s1').nextRotateTime, null, 'never rotates');
});

t.test('monthly, quarterly and yearly rotations are calendar steps, as Go AddDate makes them', async (t) => {
  t.equal(nextRotateTime('monthly', new Date('2026-12-06T17:51:46Z')), '2027-01-06T17:51:46.000Z');
  t.equal(nextRotateTime('monthly', new Date('2027-01-31T00:00:00Z')), '2027-03-03T00:00:00.000Z', 'overflow normalised');
  t.equal(nextRotateTime('quarterly', new Date('2027-01-15T08:00:00Z')), '2027-04-15T08:00:00.000Z');
  t.equal(nextRotateTime('yearly', new Date('2028-02-29T00:00:00Z')), '2029-03-01T00:00:00.000Z');
  t.equal(nextRotateTime('weekly', new Date('2027-01-15T08:00:00Z')), '2027-01-22T08:00:00.000Z');
});

t.test('expiry times are stored rounded to the second, as state does', async (t) => {
  const s = secrets(t);
  s.create('s1', 'application', 'db', { value: content('one'), expireTime: '2030-01-01T10:00:00.935Z' });
  t.equal(s.get('s1').latestExpireTime, '2030-01-01T10:00:01.000Z', 'rounded up');
  s.update('s1', { value: content('two'), expireTime: '2030-02-01T10:00:00.400Z' });
  t.equal(s.get('s1').latestExpireTime, '2030-02-01T10:00:00.000Z', 'a new revision: rounded down');
  s.update('s1', { expireTime: '2030-03-01T10:00:00.500Z' });
  t.equal(s.revisions('s1')[1].expireTime, '2030-03-01T10:00:01.000Z', 'the latest revision, half rounded away from zero');
});

t.test('expiry: due revisions until their secret-expired has run', async (t) => {
  const s = secrets(t);
  const past = new Date(Date.now() - 1000).toISOString();
  const future = new Date(Math.round(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
  s.create('s1', 'unit', 'db/0', { value: content('one'), expireTime: past });
  s.create('s2', 'unit', 'db/0', { value: content('one'), expireTime: future });
  const now = new Date().toISOString();
  t.same(s.dueExpiries(['s1', 's2'], now), [['s1', 1]]);
  t.equal(s.nextTrigger(now), future, 'the timer waits for what is still to come');
  s.expired('s1', 1);
  t.same(s.dueExpiries(['s1', 's2'], now), []);
});
