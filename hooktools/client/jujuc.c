/*
 * jujuc: the hook-tool client. One binary, installed under every tool name
 * (relation-get, config-get, ...) as a symlink; the name it was called by is
 * the tool. It knows nothing about tools: it sends the context id, the
 * working directory, the tool name and its arguments to the agent's tool
 * server over a unix socket and replays the answer (stdout, then stderr, then
 * the exit code), as Juju's cmd/jujuc does.
 *
 * The caller's stdin and files are touched here, in the hook's process, and
 * never by the agent: a FIFO then blocks this hook process only, a huge input
 * fails here, a slow disk stalls no other unit. When a tool needs one, the
 * server asks for a step: read stdin (relation-set --file -), read a file by
 * its absolute path (relation-set --file f), or create a file and write bytes
 * to it (config-get -o f). The client takes the step, appends its outcome to
 * the request, a failure worded as Go's os package words it, and sends the
 * request again on a new connection; the tool runs again and may ask for more.
 * stdin is read only when asked for (a tool that never reads it must not block
 * on a pipe nobody closes), and no step is taken twice in one call.
 *
 * Wire format (little-endian u32 throughout), see agent/toolserver/wire.ts:
 *   request: u32 N, then N fields of u32 length + bytes:
 *            context id, dir, tool name, number of arguments (decimal),
 *            args..., then per step taken: kind ("stdin", "read", "write"),
 *            path ("" for stdin), error ("" when it succeeded), bytes read.
 *   reply:   u8 kind; 0 = result: u32 code, u32 len + stdout, u32 len + stderr;
 *            1 = needs stdin; 2 = request error: u32 len + message;
 *            3 = needs a file read: u32 len + absolute path;
 *            4 = needs a file written: u32 len + absolute path, u32 len + bytes.
 * A request has at most MAX_REQUEST_FIELDS fields and MAX_REQUEST_BYTES bytes
 * (the server's maxRequestFields and maxRequestBytes), everything read for the
 * call included; the client refuses to send more.
 *
 * Errors are worded like the Go client's, whose texts come from Go's net and
 * os packages (charms and their tests may match on them).
 *
 * Called as juju-sim (bin/juju-sim links here; later also as juju), it is the
 * command line's front end instead, as Juju's jujud is also its jujuc: it
 * sends the name, the working directory, the arguments, the environment the
 * commands read and whether stdout and stderr are terminals to the daemon's
 * command-line socket ($JUJU_SIM_HOME/run/cli.sock), which runs the command in
 * its process. On the same connection the daemon streams stdout and stderr,
 * asks for the same steps as a hook tool's (answered on that connection, the
 * command going on), and ends with the exit status; see agent/cliserver/wire.ts.
 * Whatever this front end does not do itself it hands to the CLI run by Node
 * (dist/cmd/main.js), which does everything: the daemon subcommands, starting
 * a daemon when none answers, a home whose sockets live elsewhere or that it
 * must refuse. A front end killed by Ctrl-C drops its connection, and the
 * daemon ends that command's waits. One more step is the command line's alone:
 * run a program in the caller's terminal (debug-hook's shell) and answer how
 * it ended.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
    REPLY_RESULT = 0, REPLY_STDIN = 1, REPLY_ERROR = 2, REPLY_READ = 3, REPLY_WRITE = 4,
    /* The command line's output, streamed as it comes, and the daemon's first byte. */
    REPLY_STDOUT = 5, REPLY_STDERR = 6, GREETING = 7,
    /* The command line's: run a program in the caller's terminal (debug-hook's shell). */
    REPLY_INTERACTIVE = 8
};

#define MAX_REQUEST_BYTES ((size_t)16 << 20)
#define MAX_REQUEST_FIELDS ((size_t)65536)
#define LIMIT_TEXT "the hook tool request limit of 16 MiB"

/* The fixed fields of a request; the arguments follow, then the steps taken. */
enum { F_CONTEXT, F_DIR, F_TOOL, F_ARG_COUNT, F_ARGS };
#define STEP_FIELDS 4

static const char *socket_address;

static void fail(const char *format, ...)
{
    va_list ap;
    fputs("ERROR ", stderr);
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* Go's errno texts are glibc's with a lower-case first letter. */
static const char *errno_text(int err)
{
    static char text[256];
    snprintf(text, sizeof text, "%s", strerror(err));
    if (islower((unsigned char)text[1]))
        text[0] = (char)tolower((unsigned char)text[0]);
    return text;
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        fail("out of memory");
    return p;
}

static const char *require_env(const char *name)
{
    const char *value = getenv(name);
    if (!value || !*value)
        fail("%s not set", name);
    return value;
}

/* Waits until fd is ready; used when an inherited descriptor is non-blocking. */
static void await(int fd, short events)
{
    struct pollfd p = { .fd = fd, .events = events };
    while (poll(&p, 1, -1) < 0 && errno == EINTR)
        ;
}

/* ---- working directory, as Go's os.Getwd + filepath.Abs compute it ---- */

/* Lexical clean of an absolute path (Go's filepath.Clean), in place. */
static void clean_path(char *path)
{
    char *out = path + 1;
    const char *in = path + 1;
    while (*in) {
        size_t len = strcspn(in, "/");
        const char *next = in[len] ? in + len + 1 : in + len;
        if (len == 2 && in[0] == '.' && in[1] == '.') {
            while (out > path + 1 && out[-1] != '/')
                out--;
            if (out > path + 1)
                out--;
        } else if (len > 0 && !(len == 1 && in[0] == '.')) {
            if (out > path + 1)
                *out++ = '/';
            memmove(out, in, len);
            out += len;
        }
        in = next;
    }
    *out = '\0';
}

/* Like Go, trust $PWD when it names the current directory (it keeps the
 * symlinked path the hook was started in), else ask the kernel. The command
 * line asks the kernel only, as Node's process.cwd() does, so that the paths it
 * records (deploy's charm path) are the ones the CLI run by Node records. */
static char *working_dir(int trust_pwd)
{
    struct stat dot, pwd;
    const char *env = trust_pwd ? getenv("PWD") : NULL;
    if (stat(".", &dot) != 0)
        fail("stat .: %s", errno_text(errno));
    if (env && env[0] == '/' && stat(env, &pwd) == 0 && pwd.st_dev == dot.st_dev &&
        pwd.st_ino == dot.st_ino) {
        char *dir = xmalloc(strlen(env) + 1);
        strcpy(dir, env);
        clean_path(dir);
        return dir;
    }
    for (size_t size = 256;; size *= 2) {
        char *dir = xmalloc(size);
        if (getcwd(dir, size))
            return dir;
        if (errno != ERANGE)
            fail("getwd: %s", errno_text(errno));
        free(dir);
    }
}

/* ---- socket I/O ---- */

static void io_fail(const char *op, int err)
{
    /* An unbound unix client socket shows as "@" in Go's address pair. */
    fail("%s unix @->%s: %s: %s", op, socket_address, op, errno_text(err));
}

/* Connects to socket_address; -1 with *err set when the connect fails. */
static int connect_unix(int *err)
{
    struct sockaddr_un sa;
    size_t n = strlen(socket_address);
    socklen_t len;
    int fd;
    socklen_t errlen = sizeof *err;

    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    /* A leading '@' names an abstract socket, as in Go. */
    if (n > sizeof sa.sun_path || (n == sizeof sa.sun_path && socket_address[0] != '@'))
        fail("dial unix %s: connect: %s", socket_address, errno_text(EINVAL));
    memcpy(sa.sun_path, socket_address, n);
    len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    if (socket_address[0] == '@') {
        sa.sun_path[0] = '\0';
        len--;
    }
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        fail("dial unix %s: socket: %s", socket_address, errno_text(errno));
    *err = 0;
    if (connect(fd, (struct sockaddr *)&sa, len) == 0)
        return fd;
    *err = errno;
    if (*err == EINTR || *err == EINPROGRESS) {
        /* Interrupted: the connection goes on in the background; wait for its outcome. */
        await(fd, POLLOUT);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &errlen) != 0)
            *err = errno;
    }
    if (*err == 0)
        return fd;
    close(fd);
    return -1;
}

static int dial(const char *network)
{
    int fd, err;
    if (strcmp(network, "unix") != 0)
        fail("dial %s %s: unsupported network %s (juju-sim's hook tools use unix sockets)",
             network, socket_address, network);
    fd = connect_unix(&err);
    if (fd < 0)
        fail("dial unix %s: connect: %s", socket_address, errno_text(err));
    return fd;
}

static void send_all(int fd, const unsigned char *data, size_t len)
{
    while (len > 0) {
        /* MSG_NOSIGNAL: a vanished server is an error to report, not a SIGPIPE death. */
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            io_fail("write", errno);
        }
        data += n;
        len -= (size_t)n;
    }
}

static void recv_all(int fd, void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            io_fail("read", errno);
        }
        if (n == 0)
            fail("unexpected EOF");
        p += n;
        len -= (size_t)n;
    }
}

static uint32_t recv_u32(int fd)
{
    unsigned char b[4];
    recv_all(fd, b, sizeof b);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

struct bytes {
    unsigned char *data;
    size_t len;
};

static struct bytes recv_bytes(int fd)
{
    struct bytes b;
    b.len = recv_u32(fd);
    b.data = xmalloc(b.len);
    recv_all(fd, b.data, b.len);
    return b;
}

/* ---- request ---- */

struct request {
    struct bytes *fields;
    size_t count, cap;
    size_t first_step; /* the index of the first step's first field */
};

static void put_u32(unsigned char *p, size_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static struct bytes text(const char *s)
{
    struct bytes b = { (unsigned char *)s, strlen(s) };
    return b;
}

static void add_field(struct request *req, struct bytes field)
{
    if (req->count == req->cap) {
        req->cap *= 2;
        req->fields = realloc(req->fields, req->cap * sizeof *req->fields);
        if (!req->fields)
            fail("out of memory");
    }
    req->fields[req->count++] = field;
}

/* The size on the wire of a message of `count` fields, as the server counts it. */
static size_t fields_size(const struct bytes *fields, size_t count)
{
    size_t total = 4;
    for (size_t i = 0; i < count; i++)
        total += 4 + fields[i].len;
    return total;
}

static size_t request_size(const struct request *req)
{
    return fields_size(req->fields, req->count);
}

/* Sends one message of fields: u32 count, then each field's u32 length and bytes. */
static void send_fields(int fd, const struct bytes *fields, size_t count)
{
    size_t total = fields_size(fields, count), at = 4;
    unsigned char *msg;
    if (total > MAX_REQUEST_BYTES)
        fail("request too large: %zu bytes, more than " LIMIT_TEXT, total);
    msg = xmalloc(total);
    put_u32(msg, count);
    for (size_t i = 0; i < count; i++) {
        put_u32(msg + at, fields[i].len);
        if (fields[i].len)
            memcpy(msg + at + 4, fields[i].data, fields[i].len);
        at += 4 + fields[i].len;
    }
    send_all(fd, msg, total);
    free(msg);
}

static void send_request(int fd, const struct request *req)
{
    send_fields(fd, req->fields, req->count);
}

/* ---- steps ---- */

static int same_bytes(struct bytes a, struct bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

/* A server that asks for a step already taken would be asked again for ever. */
static void check_not_taken(const struct request *req, const char *kind, struct bytes path)
{
    for (size_t i = req->first_step; i < req->count; i += STEP_FIELDS) {
        if (!same_bytes(req->fields[i], text(kind)) || !same_bytes(req->fields[i + 1], path))
            continue;
        if (path.len == 0)
            fail("hook tool requires stdin, none supplied");
        fail("hook tool asked twice to %s %.*s", kind, (int)path.len, (const char *)path.data);
    }
}

/* What the request leaves for the bytes of a `kind` step on `path`. */
static size_t input_limit(const struct request *req, const char *kind, struct bytes path)
{
    size_t used = request_size(req) + 4 * STEP_FIELDS + strlen(kind) + path.len;
    return used < MAX_REQUEST_BYTES ? MAX_REQUEST_BYTES - used : 0;
}

/* Appends a step's outcome; error is NULL when the step succeeded. */
static void add_step(struct request *req, const char *kind, struct bytes path, const char *error,
                     struct bytes data)
{
    if (req->count + STEP_FIELDS > MAX_REQUEST_FIELDS)
        fail("request too large: more than the hook tool request limit of %zu fields",
             MAX_REQUEST_FIELDS);
    add_field(req, text(kind));
    add_field(req, path);
    add_field(req, text(error ? error : ""));
    add_field(req, data);
}

/* Reads fd to its end into *in, keeping at most `limit` bytes. Returns 0, the
 * errno of a failed read, or EFBIG when there is more than `limit`. */
static int read_all(int fd, size_t limit, struct bytes *in)
{
    /* One byte past the limit tells a too-large input from one that fits. */
    size_t cap = limit < 65536 ? limit + 1 : 65536;
    in->len = 0;
    in->data = xmalloc(cap);
    for (;;) {
        ssize_t n;
        if (in->len == cap) {
            unsigned char *grown;
            if (cap > limit)
                return EFBIG;
            cap = cap * 2 < limit + 1 ? cap * 2 : limit + 1;
            grown = realloc(in->data, cap);
            if (!grown)
                fail("out of memory");
            in->data = grown;
        }
        n = read(fd, in->data + in->len, cap - in->len);
        if (n == 0)
            return 0;
        if (n > 0) {
            in->len += (size_t)n;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            await(fd, POLLIN);
        } else if (errno != EINTR) {
            return errno;
        }
    }
}

static void take_stdin(struct request *req)
{
    struct bytes none = { NULL, 0 }, in;
    int err;
    check_not_taken(req, "stdin", none);
    err = read_all(STDIN_FILENO, input_limit(req, "stdin", none), &in);
    if (err == EFBIG)
        fail("cannot read stdin: read /dev/stdin: more than " LIMIT_TEXT);
    if (err)
        fail("cannot read stdin: read /dev/stdin: %s", errno_text(err));
    add_step(req, "stdin", none, NULL, in);
}

static char *c_string(struct bytes b)
{
    char *s = xmalloc(b.len + 1);
    memcpy(s, b.data, b.len);
    s[b.len] = '\0';
    return s;
}

/* A failure as Go's *os.PathError prints it: `open /x: no such file or directory`. */
static char *path_error(const char *op, const char *name, const char *why)
{
    size_t size = strlen(op) + strlen(name) + strlen(why) + 4;
    char *error = xmalloc(size);
    snprintf(error, size, "%s %s: %s", op, name, why);
    return error;
}

/* The file at `path`, or why it cannot be read, as Go's os.Open and io.ReadAll
 * word it; the tool reports the error. */
static void take_read(struct request *req, struct bytes path)
{
    struct bytes data = { NULL, 0 };
    char *name = c_string(path), *error = NULL;
    int fd, err;
    check_not_taken(req, "read", path);
    /* Opening a FIFO blocks until a writer comes: only this hook process waits. */
    while ((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0 && errno == EINTR)
        ;
    if (fd < 0) {
        error = path_error("open", name, errno_text(errno));
    } else {
        err = read_all(fd, input_limit(req, "read", path), &data);
        close(fd);
        if (err) {
            free(data.data);
            data.len = 0;
            error = path_error("read", name, err == EFBIG ? "more than " LIMIT_TEXT : errno_text(err));
        }
    }
    add_step(req, "read", path, error, data);
    free(name);
}

/* Creates or truncates the file at `path` and writes `data` to it, as Go's
 * os.Create (read-write, mode 0666 less the umask) and File.Write do; the tool
 * reports a failure. A FIFO nobody reads blocks only this hook process. */
static void take_write(struct request *req, struct bytes path, struct bytes data)
{
    struct bytes none = { NULL, 0 };
    const unsigned char *p = data.data;
    size_t len = data.len;
    char *name = c_string(path), *error = NULL;
    void (*pipe_handler)(int);
    int fd;
    check_not_taken(req, "write", path);
    while ((fd = open(name, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0 && errno == EINTR)
        ;
    if (fd < 0) {
        add_step(req, "write", path, path_error("open", name, errno_text(errno)), none);
        free(name);
        return;
    }
    /* Go reports a pipe without readers (-o /dev/stdout) as an error, not by dying of SIGPIPE. */
    pipe_handler = signal(SIGPIPE, SIG_IGN);
    while (len > 0 && !error) {
        ssize_t n = write(fd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
        } else if (n == 0) {
            error = path_error("write", name, "short write");
        } else if (errno != EINTR) {
            error = path_error("write", name, errno_text(errno));
        }
    }
    signal(SIGPIPE, pipe_handler);
    /* Go's Output.Write leaves Close to a defer that drops its error. */
    close(fd);
    add_step(req, "write", path, error, none);
    free(name);
}

/* Output write errors are ignored, as the Go client ignores them. */
static void write_all(int fd, const struct bytes *b)
{
    const unsigned char *p = b->data;
    size_t len = b->len;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            await(fd, POLLOUT);
        } else if (n == 0 || errno != EINTR) {
            return;
        }
    }
}

static void run_interactive(int fd);

/*
 * Reads one reply and does what it says. Returns 1 when the call is over, its
 * exit status in *code; 0 when a step was taken, its outcome the request's last
 * STEP_FIELDS fields; 2 when a program was run and its outcome sent. Output
 * kinds and programs come only to the command line (`streaming`).
 */
static int serve_reply(int fd, struct request *req, int streaming, int *code)
{
    unsigned char kind;
    struct bytes path, data;
    recv_all(fd, &kind, 1);
    /* Output, as it comes, until something else does. */
    while (streaming && (kind == REPLY_STDOUT || kind == REPLY_STDERR)) {
        data = recv_bytes(fd);
        write_all(kind == REPLY_STDOUT ? STDOUT_FILENO : STDERR_FILENO, &data);
        free(data.data);
        recv_all(fd, &kind, 1);
    }
    switch (kind) {
    case REPLY_RESULT: {
        uint32_t status = recv_u32(fd);
        struct bytes out = recv_bytes(fd);
        struct bytes err = recv_bytes(fd);
        write_all(STDOUT_FILENO, &out);
        write_all(STDERR_FILENO, &err);
        *code = (int)status;
        return 1;
    }
    case REPLY_ERROR: {
        struct bytes message = recv_bytes(fd);
        fputs("ERROR ", stderr);
        fwrite(message.data, 1, message.len, stderr);
        fputc('\n', stderr);
        *code = 1;
        return 1;
    }
    case REPLY_STDIN:
        take_stdin(req);
        return 0;
    case REPLY_READ:
        path = recv_bytes(fd);
        take_read(req, path);
        return 0;
    case REPLY_WRITE:
        path = recv_bytes(fd);
        data = recv_bytes(fd);
        take_write(req, path, data);
        free(data.data);
        return 0;
    case REPLY_INTERACTIVE:
        if (!streaming)
            break;
        run_interactive(fd);
        return 2;
    default:
        break;
    }
    fail("malformed reply from the %s server", streaming ? "command line" : "hook tool");
    return 1;
}

/* A hook tool: one request per connection; after a step, the whole request again. */
static int hook_tool(int argc, char **argv)
{
    struct request req;
    const char *network;
    char arg_count[24];
    int code;

    req.count = 0;
    req.cap = F_ARGS + (size_t)(argc > 1 ? argc - 1 : 0) + STEP_FIELDS;
    req.fields = xmalloc(req.cap * sizeof *req.fields);
    /* Same order of checks as Juju's client. */
    add_field(&req, text(require_env("JUJU_CONTEXT_ID")));
    add_field(&req, text(working_dir(1)));
    add_field(&req, text(basename(argc > 0 ? argv[0] : NULL)));
    snprintf(arg_count, sizeof arg_count, "%d", argc > 1 ? argc - 1 : 0);
    add_field(&req, text(arg_count));
    for (int i = 1; i < argc; i++)
        add_field(&req, text(argv[i]));
    req.first_step = req.count;
    socket_address = require_env("JUJU_AGENT_SOCKET_ADDRESS");
    network = require_env("JUJU_AGENT_SOCKET_NETWORK");
    if (req.count > MAX_REQUEST_FIELDS)
        fail("too many arguments: %zu, the hook tool request limit is %zu",
             req.count - F_ARGS, MAX_REQUEST_FIELDS - F_ARGS);

    for (;;) {
        int fd = dial(network);
        int done;
        send_request(fd, &req);
        done = serve_reply(fd, &req, 0, &code);
        close(fd);
        if (done)
            return code;
    }
}

/* ---- the command line's front end ---- */

/* The environment the commands read (cmd/io.ts frontEndEnv): the home, the build cache, the model, status's time format. */
static const char *const front_end_env[] = {
    "JUJU_SIM_HOME", "XDG_DATA_HOME", "HOME", "JUJU_SIM_CACHE", "XDG_CACHE_HOME", "JUJU_MODEL", "JUJU_STATUS_ISO_TIME",
    "TERM", NULL
};

/* The daemon's paths (agent/paths.ts): sockets longer than this live under /tmp instead. */
#define MAX_SOCKET_PATH 100

/* Hands the call to the CLI run by Node, which does everything the front end does not. */
static void exec_node(int argc, char **argv, const char *name)
{
    char exe[PATH_MAX], *main_js, **args;
    size_t n;
    /* This binary is <checkout>/hooktools/bin/jujuc; the CLI is <checkout>/dist/cmd/main.js. */
    if (!realpath("/proc/self/exe", exe))
        fail("cannot find juju-sim's checkout: %s", errno_text(errno));
    for (int up = 0; up < 3; up++)
        *strrchr(exe, '/') = '\0';
    n = strlen(exe) + sizeof "/dist/cmd/main.js";
    main_js = xmalloc(n);
    snprintf(main_js, n, "%s/dist/cmd/main.js", exe);
    args = xmalloc(sizeof *args * (size_t)(argc + 2));
    args[0] = "node";
    args[1] = main_js;
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    args[argc + 1] = NULL;
    if (strcmp(name, "juju-sim") != 0)
        setenv("JUJU_SIM_COMMAND_LINE", name, 1);
    execvp("node", args);
    fail("cannot run node: %s", errno_text(errno));
}

static char *concat(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = xmalloc(n);
    snprintf(s, n, "%s%s", a, b);
    return s;
}

/*
 * The daemon's command-line socket for this environment's home (agent/paths.ts
 * simHome and daemonPaths), or NULL when the front end leaves the call to Node:
 * a relative home or no HOME, sockets too long for their place (they are then
 * under /tmp, by a hash of the home), a run directory that is missing (no
 * daemon yet) or not private to this user (Node refuses it, in its words).
 */
static char *cli_socket(void)
{
    const char *home = getenv("JUJU_SIM_HOME"), *base;
    char *dir;
    struct stat st;
    if (home && *home) {
        dir = concat(home, "/run");
    } else {
        base = getenv("XDG_DATA_HOME");
        if (base && *base) {
            dir = concat(base, "/juju-sim/run");
        } else {
            base = getenv("HOME");
            if (!base || !*base)
                return NULL;
            dir = concat(base, "/.local/share/juju-sim/run");
        }
    }
    if (dir[0] != '/')
        return NULL;
    clean_path(dir);
    if (strlen(dir) + strlen("/control.sock") > MAX_SOCKET_PATH)
        return NULL;
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077))
        return NULL;
    return concat(dir, "/cli.sock");
}

/* A terminal's width ("0" when unknown), or "" when fd is not a terminal. */
static char *terminal(int fd)
{
    static char widths[2][16];
    char *width = widths[fd == STDERR_FILENO];
    struct winsize ws;
    width[0] = '\0';
    if (isatty(fd))
        snprintf(width, sizeof widths[0], "%u",
                 ioctl(fd, TIOCGWINSZ, &ws) == 0 ? (unsigned)ws.ws_col : 0u);
    return width;
}

/* Whether the daemon took the connection up: its greeting, or EOF or a reset. */
static int greeted(int fd)
{
    unsigned char kind;
    ssize_t n;
    while ((n = read(fd, &kind, 1)) < 0 && errno == EINTR)
        ;
    if (n < 0 && errno != ECONNRESET)
        io_fail("read", errno);
    if (n == 1 && kind != GREETING)
        fail("malformed reply from the command line server");
    return n == 1;
}

/* A count field of a program message: a decimal within the fields left. */
static size_t count_field(struct bytes field, size_t left)
{
    char *text = c_string(field), *end;
    unsigned long n = strtoul(text, &end, 10);
    if (!*text || *end || n > left)
        fail("malformed reply from the command line server");
    free(text);
    return (size_t)n;
}

/*
 * Runs the program the daemon sends (cwd, argument count, arguments,
 * environment count, NAME=value entries) in this process's terminal, as a shell
 * runs a foreground job, and answers how it ended: an error, the exit code, the
 * signal's number. Meanwhile SIGINT and SIGQUIT are the program's alone, as
 * system(3) leaves them; and since the daemon says nothing while it runs, its
 * end of the connection closing (the daemon stopping) hangs the program up.
 */
static void run_interactive(int fd)
{
    struct bytes *fields, answer[3];
    struct sigaction ignore, old_int, old_quit;
    char **argv, **envp, *cwd, code[16] = "", sig[16] = "";
    size_t count = recv_u32(fd), argc, envc;
    int status = 0, hung_up = 0;
    pid_t pid;

    if (count < 3 || count > MAX_REQUEST_FIELDS)
        fail("malformed reply from the command line server");
    fields = xmalloc(count * sizeof *fields);
    for (size_t i = 0; i < count; i++)
        fields[i] = recv_bytes(fd);
    cwd = c_string(fields[0]);
    argc = count_field(fields[1], count - 3);
    envc = count_field(fields[2 + argc], count - 3 - argc);
    if (argc == 0 || count != 3 + argc + envc)
        fail("malformed reply from the command line server");
    argv = xmalloc((argc + 1) * sizeof *argv);
    for (size_t i = 0; i < argc; i++)
        argv[i] = c_string(fields[2 + i]);
    argv[argc] = NULL;
    envp = xmalloc((envc + 1) * sizeof *envp);
    for (size_t i = 0; i < envc; i++)
        envp[i] = c_string(fields[3 + argc + i]);
    envp[envc] = NULL;

    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        close(fd);
        if (chdir(cwd) != 0) {
            fprintf(stderr, "ERROR cannot change to %s: %s\n", cwd, errno_text(errno));
            _exit(127);
        }
        execve(argv[0], argv, envp);
        fprintf(stderr, "ERROR cannot run %s: %s\n", argv[0], errno_text(errno));
        _exit(127);
    }
    answer[0] = text("");
    if (pid < 0) {
        answer[0] = text(path_error("fork/exec", argv[0], errno_text(errno)));
    } else {
        for (;;) {
            struct pollfd p = { .fd = fd, .events = POLLIN };
            pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid || (done < 0 && errno != EINTR))
                break;
            /* Looked at ten times a second: cheap, and no signal handler to race with. */
            if (poll(hung_up ? NULL : &p, hung_up ? 0 : 1, 100) > 0 && !hung_up) {
                kill(pid, SIGHUP);
                hung_up = 1;
            }
        }
        if (WIFSIGNALED(status))
            snprintf(sig, sizeof sig, "%d", WTERMSIG(status));
        else
            snprintf(code, sizeof code, "%d", WEXITSTATUS(status));
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (hung_up)
        fail("the daemon went away while %s ran", argv[0]);
    answer[1] = text(code);
    answer[2] = text(sig);
    send_fields(fd, answer, 3);
}

/* The command line: one connection for the whole call, steps answered on it. */
static int command_line(int argc, char **argv, const char *name)
{
    struct request req;
    char arg_count[24], env_count[24];
    size_t env_at;
    int fd, err, code, found = 0;

    /* The daemon subcommands start and stop the daemon: Node's to do. */
    if (argc > 1 && strcmp(argv[1], "daemon") == 0)
        exec_node(argc, argv, name);
    socket_address = cli_socket();
    if (!socket_address)
        exec_node(argc, argv, name);
    fd = connect_unix(&err);
    if (fd < 0) {
        /* Nobody listens: the CLI run by Node starts the daemon (honouring the start race). */
        if (err == ENOENT || err == ECONNREFUSED)
            exec_node(argc, argv, name);
        fail("dial unix %s: connect: %s", socket_address, errno_text(err));
    }
    /* No greeting: a daemon that died with this connection in its backlog never saw the call. */
    if (!greeted(fd)) {
        close(fd);
        exec_node(argc, argv, name);
    }

    req.count = 0;
    req.cap = 8 + (size_t)argc + sizeof front_end_env / sizeof *front_end_env;
    req.fields = xmalloc(req.cap * sizeof *req.fields);
    add_field(&req, text(name));
    add_field(&req, text(working_dir(0)));
    snprintf(arg_count, sizeof arg_count, "%d", argc > 1 ? argc - 1 : 0);
    add_field(&req, text(arg_count));
    for (int i = 1; i < argc; i++)
        add_field(&req, text(argv[i]));
    env_at = req.count;
    add_field(&req, text(""));
    for (const char *const *env = front_end_env; *env; env++) {
        const char *value = getenv(*env);
        if (!value)
            continue;
        add_field(&req, text(concat(concat(*env, "="), value)));
        found++;
    }
    snprintf(env_count, sizeof env_count, "%d", found);
    req.fields[env_at] = text(env_count);
    add_field(&req, text(terminal(STDOUT_FILENO)));
    add_field(&req, text(terminal(STDERR_FILENO)));
    req.first_step = req.count;
    if (req.count > MAX_REQUEST_FIELDS)
        fail("too many arguments: %d, more than the command line request limit of %zu fields",
             argc - 1, MAX_REQUEST_FIELDS);

    send_request(fd, &req);
    for (;;) {
        int served = serve_reply(fd, &req, 1, &code);
        if (served == 1)
            break;
        if (served == 0)
            send_fields(fd, req.fields + req.count - STEP_FIELDS, STEP_FIELDS);
    }
    close(fd);
    return code;
}

int main(int argc, char **argv)
{
    const char *name = basename(argc > 0 ? argv[0] : NULL);

    /* Like the Go runtime, give a closed stdin/stdout/stderr /dev/null, so the socket
     * never takes one of their numbers. */
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF && open("/dev/null", O_RDWR) < 0)
            return 1;
    if (strcmp(name, "juju-sim") == 0 || strcmp(name, "juju") == 0)
        return command_line(argc, argv, name);
    return hook_tool(argc, argv);
}
