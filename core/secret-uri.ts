// Secret URIs as Juju's core/secrets ParseURI reads them: `secret:<id>`, `secret://<uuid>/<id>`
// or a bare `<id>`, where the id is a 20-character xid. ParseURI hands the text to Go's
// url.Parse first, so that parser's quirks are Juju's too: a `#fragment` or `?query` is dropped,
// the scheme is case-insensitive, and its errors read `parse "<text>": <reason>`.

import { goQuote } from './gnuflag.js';

export interface SecretURI {
  /** The model (or controller) UUID the secret comes from; '' for a local `secret:<id>`. */
  sourceUUID: string;
  /** The xid: 20 characters of 0-9 and a-v. */
  id: string;
}

const uuid = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
// Unanchored, as Juju's host check is: a host that merely contains a UUID passes.
const containsUUID = new RegExp(uuid);
const sourceAndId = new RegExp(`^(?:(${uuid})/)?([0-9a-z]{20})$`);
// rs/xid's alphabet; its last character carries 4 padding bits that must be zero.
const xidAlphabet = /^[0-9a-v]{19}[0g]$/;

/** core/secrets ParseURI; throws with Juju's message. */
export function parseSecretURI(text: string): SecretURI {
  const url = parseGoURL(text);
  if (url.scheme !== '' && url.scheme !== 'secret') {
    throw new Error(`secret URI scheme ${goQuote(url.scheme)} not valid`);
  }
  if (url.host !== '' && !containsUUID.test(url.host)) {
    throw new Error(`host controller UUID ${goQuote(url.host)} not valid`);
  }
  const idText = url.path.replace(/^\/+/, '') || url.opaque;
  const m = sourceAndId.exec(idText);
  if (!m || !xidAlphabet.test(m[2])) throw new Error(`secret URI ${goQuote(text)} not valid`);
  return { sourceUUID: m[1] ?? url.host, id: m[2] };
}

/** URI.String(): `secret:<id>`, or `secret://<source>/<id>` when the source is known. */
export function secretURIString(uri: SecretURI): string {
  return uri.sourceUUID === '' ? `secret:${uri.id}` : `secret://${uri.sourceUUID}/${uri.id}`;
}

interface GoURL {
  scheme: string;
  opaque: string;
  host: string;
  /** Unescaped. */
  path: string;
}

/** The part of Go's net/url Parse that ParseURI depends on. */
function parseGoURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const beforeFragment = hash < 0 ? raw : raw.slice(0, hash);
  const url = parseGoURLWithoutFragment(beforeFragment);
  // The fragment is dropped, but it must still unescape.
  if (hash >= 0) wrapURLError(raw, () => unescape(raw.slice(hash + 1), 'fragment'));
  return url;
}

function parseGoURLWithoutFragment(raw: string): GoURL {
  return wrapURLError(raw, () => {
    if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error('net/url: invalid control character in URL');
    const url: GoURL = { scheme: '', opaque: '', host: '', path: '' };
    let rest = raw;
    const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(raw);
    if (scheme) {
      url.scheme = scheme[0].slice(0, -1).toLowerCase();
      rest = raw.slice(scheme[0].length);
    } else if (raw.startsWith(':')) {
      throw new Error('missing protocol scheme');
    }
    const query = rest.indexOf('?');
    if (query >= 0) rest = rest.slice(0, query);
    if (!rest.startsWith('/')) {
      if (url.scheme !== '') {
        url.opaque = rest;
        return url;
      }
      if (rest.split('/')[0].includes(':')) throw new Error('first path segment in URL cannot contain colon');
    }
    if (rest.startsWith('//') && (url.scheme !== '' || !rest.startsWith('///'))) {
      const slash = rest.indexOf('/', 2);
      const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
      rest = slash < 0 ? '' : rest.slice(slash);
      url.host = parseHost(authority.slice(authority.lastIndexOf('@') + 1));
      if (authority.includes('@')) checkUserinfo(authority.slice(0, authority.lastIndexOf('@')));
    }
    url.path = unescape(rest, 'path');
    return url;
  });
}

/** url.Error: `parse "<url>": <reason>`. */
function wrapURLError<T>(raw: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new Error(`parse ${goQuote(raw)}: ${(err as Error).message}`);
  }
}

function parseHost(host: string): string {
  // After an IP literal (`[::1]:80`) only a port may follow.
  let colonPort = '';
  if (host.startsWith('[')) {
    const literalEnd = host.lastIndexOf(']');
    if (literalEnd < 0) throw new Error("missing ']' in host");
    colonPort = host.slice(literalEnd + 1);
  } else if (host.includes(':')) {
    colonPort = host.slice(host.lastIndexOf(':'));
  }
  if (colonPort !== '' && !/^:[0-9]*$/.test(colonPort)) {
    throw new Error(`invalid port ${goQuote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

function checkUserinfo(userinfo: string): void {
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new Error('net/url: invalid userinfo');
  unescape(userinfo, 'userinfo');
}

// Characters a host may hold unescaped (Go's shouldEscape in host mode).
const hostCharacter = /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/;

/** url.unescape: `%XX` must be two hex digits; a host also refuses other ASCII punctuation. */
function unescape(s: string, mode: 'path' | 'host' | 'userinfo' | 'fragment'): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const escape = s.slice(i, i + 3);
      if (!/^%[0-9a-fA-F]{2}$/.test(escape)) throw new Error(`invalid URL escape ${goQuote(escape)}`);
      const value = parseInt(escape.slice(1), 16);
      // A host may escape only non-ASCII bytes (or `%25`, the zone separator).
      if (mode === 'host' && value < 0x80 && escape !== '%25') throw new Error(`invalid URL escape ${goQuote(escape)}`);
      bytes.push(value);
      i += 2;
      continue;
    }
    if (mode === 'host' && c.charCodeAt(0) < 0x80 && !hostCharacter.test(c)) {
      throw new Error(`invalid character ${goQuote(c)} in host name`);
    }
    bytes.push(...Buffer.from(c));
  }
  return Buffer.from(bytes).toString('utf8');
}
