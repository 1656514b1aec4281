// The daemon decodes every control request line before anything runs: a table of lines and
// what each becomes, a checked request or the error the client gets.
import t from 'tap';
import { decodeRequest } from '../../../agent/control/protocol.js';

const cases: Array<[string, unknown]> = [
  ['{"method":"ping","params":{}}', { method: 'ping', params: {} }],
  ['{"method":"ping"}', { method: 'ping', params: {} }],
  ['{"method":"history","params":{"unit":null}}', { method: 'history', params: {} }],
  ['{"method":"deploy","params":{"charm":"/c","numUnits":2}}', { method: 'deploy', params: { charm: '/c', numUnits: 2 } }],
  ['{"method":"config","params":{"application":"a","set":{"k":"v"},"reset":["x"]}}', { method: 'config', params: { application: 'a', set: { k: 'v' }, reset: ['x'] } }],
  ['{"method":"run","params":{"receivers":["a/0"],"action":"go","params":{"n":{"deep":[1]}}}}', { method: 'run', params: { receivers: ['a/0'], action: 'go', params: { n: { deep: [1] } } } }],
  // Every method may name its model.
  ['{"method":"status","params":{"model":"juju-sim:admin/m"}}', { method: 'status', params: { model: 'juju-sim:admin/m' } }],
  ['{"method":"add-unit","params":{"application":"a","model":"m"}}', { method: 'add-unit', params: { application: 'a', model: 'm' } }],
  ['{"method":"destroy-model","params":{"model":"m","force":true}}', { method: 'destroy-model', params: { model: 'm', force: true } }],
  ['{"method":"status","params":{"model":null}}', { method: 'status', params: {} }],
  ['{"method":"status","params":{"model":["m"]}}', 'bad request: status param "model" must be a string'],
  ['{"method":"add-model","params":{}}', 'bad request: add-model needs param "name"'],
  ['', 'bad request: not JSON'],
  ['x', 'bad request: not JSON'],
  ['null', 'bad request: want {"method": string, "params": object}'],
  ['[]', 'bad request: want {"method": string, "params": object}'],
  ['{"method":3}', 'bad request: want {"method": string, "params": object}'],
  ['{"method":"nosuch"}', 'unknown method "nosuch"'],
  ['{"method":"constructor"}', 'unknown method "constructor"'],
  ['{"method":"status","params":[]}', 'bad request: params must be an object'],
  ['{"method":"status","params":{"format":"json"}}', 'bad request: status has no param "format"'],
  ['{"method":"add-unit","params":{}}', 'bad request: add-unit needs param "application"'],
  ['{"method":"add-unit","params":{"application":"a","numUnits":"2"}}', 'bad request: add-unit param "numUnits" must be an integer'],
  ['{"method":"add-unit","params":{"application":"a","numUnits":1.5}}', 'bad request: add-unit param "numUnits" must be an integer'],
  ['{"method":"add-unit","params":{"application":"a","numUnits":1e300}}', 'bad request: add-unit param "numUnits" must be an integer'],
  ['{"method":"remove-unit","params":{"units":["a/0",1]}}', 'bad request: remove-unit param "units" must be a list of strings'],
  ['{"method":"config","params":{"application":"a","set":{"k":1}}}', 'bad request: config param "set" must be a map of strings'],
  ['{"method":"resolve","params":{"unit":"a/0","noRetry":"yes"}}', 'bad request: resolve param "noRetry" must be a boolean'],
];

for (const [line, want] of cases) {
  if (typeof want === 'string') t.throws(() => decodeRequest(line), { message: want }, line);
  else t.strictSame(decodeRequest(line), want, line);
}
