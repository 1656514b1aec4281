import t from 'tap';
import { parseSecretURI, secretURIString } from '../../core/secret-uri.js';

const id = '9m4e2mr0ui3e8a215n4g';
const uuid = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

function errorOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}

const cases: Array<{ text: string; source?: string; id?: string; error?: string }> = [
  // The forms Juju and ops send.
  { text: `secret:${id}` },
  { text: id },
  { text: `secret://${uuid}/${id}`, source: uuid },
  { text: `secret:${uuid}/${id}`, source: uuid },
  { text: `//${uuid}/${id}`, source: uuid },
  // Go's url.Parse: scheme in any case, fragment and query dropped, empty authority.
  { text: `SECRET:${id}` },
  { text: `secret:${id}#attribute` },
  { text: `secret:${id}?revision=2` },
  { text: `secret:///${id}` },
  { text: `secret://${uuid}//${id}`, source: uuid },
  { text: `secret://${uuid}/%39m4e2mr0ui3e8a215n4g`, source: uuid },
  // Juju's check of the host looks for a UUID anywhere in it.
  { text: `secret://x${uuid}:80/${id}`, source: `x${uuid}:80` },
  // The id: 20 characters of the xid alphabet, the last one 0 or g.
  { text: 'secret:cd88u16ffbaql5kgmlh0', id: 'cd88u16ffbaql5kgmlh0' },
  { text: 'foo', error: 'secret URI "foo" not valid' },
  { text: '', error: 'secret URI "" not valid' },
  { text: `secret:${id}0`, error: `secret URI "secret:${id}0" not valid` },
  { text: 'secret:9m4e2mr0ui3e8a215n4h', error: 'secret URI "secret:9m4e2mr0ui3e8a215n4h" not valid' },
  { text: 'secret:9m4e2mr0ui3e8a215nwg', error: 'secret URI "secret:9m4e2mr0ui3e8a215nwg" not valid' },
  { text: 'secret:9M4E2MR0UI3E8A215N4G', error: 'secret URI "secret:9M4E2MR0UI3E8A215N4G" not valid' },
  { text: `secret:%39m4e2mr0ui3e8a215n4g`, error: 'secret URI "secret:%39m4e2mr0ui3e8a215n4g" not valid' },
  { text: `secret://${uuid}`, error: `secret URI "secret://${uuid}" not valid` },
  { text: `secret:DEADBEEF-0BAD-400D-8000-4B1D0D06F00D/${id}`, error: `secret URI "secret:DEADBEEF-0BAD-400D-8000-4B1D0D06F00D/${id}" not valid` },
  { text: `http://${uuid}/${id}`, error: 'secret URI scheme "http" not valid' },
  { text: `secret://host/${id}`, error: 'host controller UUID "host" not valid' },
  { text: `secret://user@host/${id}`, error: 'host controller UUID "host" not valid' },
  // url.Parse's own errors.
  { text: `:${id}`, error: `parse ":${id}": missing protocol scheme` },
  { text: `1secret:${id}`, error: `parse "1secret:${id}": first path segment in URL cannot contain colon` },
  { text: `secret:${id}\n`, error: `parse "secret:${id}\\n": net/url: invalid control character in URL` },
  { text: `secret://${uuid}/%zz`, error: `parse "secret://${uuid}/%zz": invalid URL escape "%zz"` },
  { text: `secret://${uuid}/${id}%4`, error: `parse "secret://${uuid}/${id}%4": invalid URL escape "%4"` },
  { text: `secret:${id}#%zz`, error: `parse "secret:${id}#%zz": invalid URL escape "%zz"` },
  { text: `secret://dead beef/${id}`, error: `parse "secret://dead beef/${id}": invalid character " " in host name` },
  { text: `secret://${uuid}:x/${id}`, error: `parse "secret://${uuid}:x/${id}": invalid port ":x" after host` },
  { text: `secret://[::1/${id}`, error: `parse "secret://[::1/${id}": missing ']' in host` },
  { text: `secret://%41${uuid}/${id}`, error: `parse "secret://%41${uuid}/${id}": invalid URL escape "%41"` },
  { text: `secret://a b@${uuid}/${id}`, error: `parse "secret://a b@${uuid}/${id}": net/url: invalid userinfo` },
];

for (const c of cases) {
  t.test(JSON.stringify(c.text), async (t) => {
    if (c.error !== undefined) {
      t.equal(errorOf(() => parseSecretURI(c.text)), c.error);
      return;
    }
    t.same(parseSecretURI(c.text), { sourceUUID: c.source ?? '', id: c.id ?? id });
  });
}

t.test('URI.String()', async (t) => {
  t.equal(secretURIString({ sourceUUID: '', id }), `secret:${id}`);
  t.equal(secretURIString({ sourceUUID: uuid, id }), `secret://${uuid}/${id}`);
  t.equal(secretURIString(parseSecretURI(`SECRET:${id}#x`)), `secret:${id}`);
});
