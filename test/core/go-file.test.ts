import { join } from 'node:path';
import t from 'tap';
import { absPath, goFileCall, readGoFile } from '../../core/go-file.js';

t.test('absPath: cmd.Context.AbsPath after utils.NormalizePath', async (t) => {
  const saved = process.env.HOME;
  process.env.HOME = '/home/ubuntu';
  t.teardown(() => {
    if (saved === undefined) delete process.env.HOME;
    else process.env.HOME = saved;
  });
  const cases: Array<[string, string]> = [
    ['file', '/charm/dir/file'],
    ['./sub/../file', '/charm/dir/file'],
    ['sub/', '/charm/dir/sub'],
    ['.', '/charm/dir'],
    ['../../..', '/'],
    // Absolute paths are cleaned too (NormalizePath runs filepath.Clean on them).
    ['/tmp/x', '/tmp/x'],
    ['/tmp/./a/../x/', '/tmp/x'],
    ['//tmp//x', '/tmp/x'],
    ['/', '/'],
    ['~', '/home/ubuntu'],
    ['~/', '/home/ubuntu'],
    ['~/a/../settings.yaml', '/home/ubuntu/settings.yaml'],
  ];
  for (const [path, want] of cases) t.equal(absPath('/charm/dir', path), want, path);
});

t.test('goFileCall: Go errno texts after op and path', async (t) => {
  const errno = (code: string, message: string) => () => {
    throw Object.assign(new Error(message), { code });
  };
  const cases: Array<[string, string, string]> = [
    ['EACCES', "EACCES: permission denied, open '/x'", 'permission denied'],
    ['EDQUOT', "EDQUOT: unknown error, write '/x'", 'disk quota exceeded'],
    ['EISDIR', 'EISDIR: illegal operation on a directory, read', 'is a directory'],
    ['ELOOP', "ELOOP: too many symbolic links encountered, open '/x'", 'too many levels of symbolic links'],
    ['ENAMETOOLONG', "ENAMETOOLONG: name too long, open '/x'", 'file name too long'],
    ['ENOENT', "ENOENT: no such file or directory, open '/x'", 'no such file or directory'],
    ['ENOSPC', 'ENOSPC: no space left on device, write', 'no space left on device'],
    ['ENOTDIR', "ENOTDIR: not a directory, open '/x'", 'not a directory'],
    ['EPERM', "EPERM: operation not permitted, open '/x'", 'operation not permitted'],
    ['EROFS', "EROFS: read-only file system, open '/x'", 'read-only file system'],
    ['ETXTBSY', "ETXTBSY: text file is busy, open '/x'", 'text file busy'],
    // Outside the table: node's description without its code and syscall.
    ['EMFILE', "EMFILE: too many open files, open '/x'", 'too many open files'],
    ['', 'something else', 'something else'],
  ];
  for (const [code, message, text] of cases) {
    t.throws(() => goFileCall('open', '/x', errno(code, message)), { message: `open /x: ${text}` }, code || message);
  }
  t.equal(
    goFileCall('read', '/x', () => 42),
    42,
    'a call that succeeds returns its result',
  );
});

t.test('readGoFile: os.Open then a read', async (t) => {
  const dir = t.testdir({ 'f.yaml': 'k: v\n', sub: {} });
  t.equal(readGoFile(join(dir, 'f.yaml')).toString(), 'k: v\n');
  t.throws(() => readGoFile(join(dir, 'missing')), { message: `open ${dir}/missing: no such file or directory` });
  t.throws(() => readGoFile(join(dir, 'f.yaml/x')), { message: `open ${dir}/f.yaml/x: not a directory` });
  // A directory opens; the read fails.
  t.throws(() => readGoFile(join(dir, 'sub')), { message: `read ${dir}/sub: is a directory` });
});
