import t from 'tap';
import { goBase64Decode } from '../../core/base64.js';
import { outcome } from '../helpers/outcome.js';

t.test('base64.StdEncoding.DecodeString', async (t) => {
  const cases: Array<[string, string | { error: string }]> = [
    ['', ''],
    ['c2VjcmV0', 'secret'],
    ['c2VjcmV0IQ==', 'secret!'],
    ['c2VjcmV0IT8=', 'secret!?'],
    ['c2Vj\ncmV0\r\n', 'secret'],
    ['c2VjcmV0IQ=\n=', 'secret!'],
    ['abc', { error: 'illegal base64 data at input byte 0' }],
    ['c2VjcmV0a', { error: 'illegal base64 data at input byte 8' }],
    ['ab!d', { error: 'illegal base64 data at input byte 2' }],
    ['a===', { error: 'illegal base64 data at input byte 1' }],
    ['ab=', { error: 'illegal base64 data at input byte 3' }],
    ['ab=x', { error: 'illegal base64 data at input byte 2' }],
    ['YQ==YQ==', { error: 'illegal base64 data at input byte 4' }],
    ['c2VjcmV0 ', { error: 'illegal base64 data at input byte 8' }],
    ['c2VjcmV0-_', { error: 'illegal base64 data at input byte 8' }],
  ];
  for (const [text, want] of cases) {
    const got = outcome(() => goBase64Decode(text).toString('latin1'));
    t.same(got, typeof want === 'string' ? { value: want } : want, JSON.stringify(text));
  }
  t.same(goBase64Decode('AP/+gA=='), Buffer.from([0x00, 0xff, 0xfe, 0x80]), 'bytes');
  t.same(goBase64Decode('YR=='), Buffer.from('a'), 'stray bits in the last character are ignored');
});
