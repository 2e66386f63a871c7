#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A warm Python for the guest suites' check scripts.

Importing impacket takes about 5 s in the TCG guest, and the suites run
their impacket scripts (sesstest.py, filetest.py, ...) dozens of times.
This server imports them once, then runs each request in a fork of itself:

    pyzygote.py PORT MODULE...     serve on 127.0.0.1:PORT (foreground)

MODULE: third-party modules only. The suites' own modules read the
environment when imported (smbraw's KCIFSD_TCP_PORT): imported here, they
would keep the runner's values instead of the caller's.

The client is pyz_run in tests/vm/lib.sh (bash's /dev/tcp, no extra
process). A request is NUL-separated fields: the client's PID, the files
to write stdout and stderr to, its working directory, the timeout in
seconds, the number of arguments, the arguments (script first, or "-" for
a script on stdin), the number of environment entries, the entries. The
output files are the client's own (/proc/PID/fd/1 of a pipe or terminal)
or files the client copies to its output afterwards (a regular file: a
second open of it would write at its own offset). The script runs in a
fork with the client's stdin, working directory, environment and process
group (so the suite's timeout and cleanup kill it like any child), killed
by SIGALRM after the timeout. The answer is the exit status and a
newline; 124 if it was killed by a signal (what timeout(1) says).
"""

import importlib
import os
import random
import runpy
import signal
import socket
import sys
import traceback


def read_fields(conn):
    """The request's fields, or None if the client went away."""
    buf = b""

    def field():
        nonlocal buf
        while b"\0" not in buf:
            chunk = conn.recv(65536)
            if not chunk:
                raise EOFError
            buf += chunk
        value, buf = buf.split(b"\0", 1)
        return value.decode()

    try:
        pid, out, err = int(field()), field(), field()
        cwd, limit = field(), int(field())
        argv = [field() for _ in range(int(field()))]
        env = dict(e.split("=", 1) for e in
                   (field() for _ in range(int(field()))) if "=" in e)
    except (EOFError, ValueError):
        return None
    return pid, out, err, cwd, limit, argv, env


def redirect(fd, path, flags):
    """Point @fd at @path; /dev/null if it cannot be opened."""
    try:
        new = os.open(path, flags, 0o600)
    except OSError:
        new = os.open("/dev/null", flags)
    os.dup2(new, fd)
    os.close(new)


def worker(pid, out, err, cwd, limit, argv, env):
    """Run the script as __main__ in this fork; never returns."""
    rc = 1
    try:
        try:
            os.setpgid(0, os.getpgid(pid))
        except OSError:
            pass
        redirect(0, f"/proc/{pid}/fd/0", os.O_RDONLY)
        wflags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        redirect(1, out, wflags | (os.O_TRUNC if out != err else 0))
        if err == out:
            os.dup2(1, 2)
        else:
            redirect(2, err, wflags)
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", closefd=False)
        sys.stderr = open(2, "w", closefd=False)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        random.seed()
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(limit)
        sys.argv = argv
        # As python3 does: the script's directory, then PYTHONPATH's.
        sys.path[1:1] = [p for p in env.get("PYTHONPATH", "").split(":")
                         if p]
        if argv[0] == "-":	# python3 - ARG... <<'PY'
            sys.path[0] = ""
            code = compile(sys.stdin.read(), "<stdin>", "exec")
            exec(code, {"__name__": "__main__"})  # noqa: S102
        else:
            sys.path[0] = os.path.dirname(os.path.abspath(argv[0]))
            runpy.run_path(argv[0], run_name="__main__")
        rc = 0
    except SystemExit as e:
        if e.code is None:
            rc = 0
        elif isinstance(e.code, int):
            rc = e.code
        else:
            print(e.code, file=sys.stderr)
            rc = 1
    except BaseException:  # noqa: B036 - the script's failure is its status
        traceback.print_exc()
        rc = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(rc & 0xFF)


def serve(conn):
    """In a fork: run one request in a further fork, answer its status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    req = read_fields(conn)
    if req is None:
        os._exit(0)
    child = os.fork()
    if child == 0:
        conn.close()
        worker(*req)
    _, status = os.waitpid(child, 0)
    rc = os.waitstatus_to_exitcode(status)
    if rc < 0:
        rc = 124
    try:
        conn.sendall(b"%d\n" % rc)
    except OSError:
        pass
    os._exit(0)


def main():
    port = int(sys.argv[1])
    for name in sys.argv[2:]:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)	# reap the forks
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(16)
    while True:
        conn, _ = srv.accept()
        if os.fork() == 0:
            srv.close()
            serve(conn)
        conn.close()


if __name__ == "__main__":
    main()
