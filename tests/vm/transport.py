#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Transport-level checks of kcifsd over raw sockets (Direct TCP on 445,
NetBIOS session service on 139), run by tests/vm/suites/10-transport.sh.

    transport.py CHECK [ARGS...]

Each CHECK exits 0 on success, 1 with a reason on stderr otherwise. Every
socket has a timeout and every loop a bound, so a server bug shows up as a
failure, never a hang. Only loopback addresses are used.
"""

import select
import socket
import sys
import time

import smbraw
from smbraw import Connection, echo_request, frame_nbt, frame_tcp, \
    nbt_encode_name, negotiate_request

HOST = smbraw.HOST
TCP_PORT = smbraw.TCP_PORT
NBT_PORT = smbraw.NBT_PORT
TIMEOUT = 20.0

NBT_SESSION_REQUEST = 0x81
NBT_POSITIVE_RESPONSE = 0x82
NBT_NEGATIVE_RESPONSE = 0x83
NBT_KEEP_ALIVE = b"\x85\x00\x00\x00"


class CheckFailed(Exception):
    pass


def fail(why):
    raise CheckFailed(why)


def session_request_body(suffix=0x20):
    return nbt_encode_name("*SMBSERVER", suffix) + nbt_encode_name("T", 0)


def fresh(netbios=False, timeout=TIMEOUT):
    """A connection that has negotiated, over 445 or 139."""
    c = Connection(netbios=netbios, timeout=timeout)
    c.negotiate()
    return c


def echo(c, data=b"ping", mid=7):
    replies = c.echo(data, 1, mid)
    check_echo(replies[0], data, mid)


def check_echo(rsp, data, mid):
    if rsp.command != smbraw.SMB_COM_ECHO:
        fail("ECHO answered with command 0x%02x" % rsp.command)
    if rsp.status:
        fail("ECHO failed with status 0x%08x" % rsp.status)
    if rsp.mid != mid:
        fail("ECHO reply has MID %d, expected %d" % (rsp.mid, mid))
    if rsp.wc != 1 or rsp.data != data:
        fail("ECHO reply does not carry the data sent")


def expect_closed(sock, within=TIMEOUT):
    """The server closes the connection: EOF or reset within @within."""
    sock.settimeout(within)
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            if not sock.recv(65536):
                return
    except ConnectionResetError:
        return
    except socket.timeout:
        pass
    fail("server did not close the connection within %gs" % within)


# ---- checks ----

def check_echo445():
    with fresh() as c:
        echo(c, b"hello over 445")


def check_echo139():
    with fresh(netbios=True) as c:
        echo(c, b"hello over 139")


def expect_negative(request, code, what):
    """@request gets a NEGATIVE SESSION RESPONSE with @code, then EOF."""
    s = socket.create_connection((HOST, NBT_PORT), TIMEOUT)
    s.sendall(request)
    rsp = s.recv(5)
    if len(rsp) != 5 or rsp[0] != NBT_NEGATIVE_RESPONSE or rsp[4] != code:
        fail("%s got %r, not a negative response 0x%02x" % (what, rsp, code))
    expect_closed(s)
    s.close()


def check_nbt_refused():
    # Malformed name encoding ('Z' is not a half-octet character).
    body = bytearray(session_request_body())
    body[5] = ord("Z")
    expect_negative(frame_nbt(bytes(body), NBT_SESSION_REQUEST), 0x8F,
                    "malformed session request")
    # A called name that is not a server service (suffix 0x00).
    expect_negative(frame_nbt(session_request_body(0x00),
                              NBT_SESSION_REQUEST), 0x80,
                    "non-server called name")


def check_keepalive():
    with Connection(netbios=True, session=False, timeout=TIMEOUT) as c:
        c.send_raw(NBT_KEEP_ALIVE)
        c.send_raw(frame_nbt(session_request_body(), NBT_SESSION_REQUEST))
        ptype, _ = c.recv_packet()
        if ptype != NBT_POSITIVE_RESPONSE:
            fail("session request after a keepalive got type 0x%02x" % ptype)
        c.negotiate()
        for _ in range(3):
            c.send_raw(NBT_KEEP_ALIVE)
        echo(c, b"after keepalives")
    # Port 445 ignores them too, as Samba does (some clients send them).
    with Connection(timeout=TIMEOUT) as c:
        c.negotiate()
        for _ in range(3):
            c.send_raw(NBT_KEEP_ALIVE)
        echo(c, b"after keepalives on 445")


def check_nbt_message_first():
    raw_expect_closed(NBT_PORT, frame_nbt(negotiate_request()),
                      "session message before the session request")


def check_nbt_second_request():
    with Connection(netbios=True, timeout=TIMEOUT) as c:
        c.send_raw(frame_nbt(session_request_body(), NBT_SESSION_REQUEST))
        expect_closed(c.sock)


def raw_expect_closed(port, data, what):
    s = socket.create_connection((HOST, port), TIMEOUT)
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        return
    try:
        expect_closed(s)
    except CheckFailed:
        fail(what + ": connection not closed")
    finally:
        s.close()


def check_bad_framing():
    raw_expect_closed(TCP_PORT, b"\x01" + frame_tcp(negotiate_request())[1:],
                      "nonzero first byte on 445")
    raw_expect_closed(TCP_PORT, b"\x81\x00\x00\x44" + b"\0" * 68,
                      "session request on 445")
    raw_expect_closed(NBT_PORT, b"\x00\x02\x00\x40" + b"\0" * 64,
                      "reserved NetBIOS flag bits")
    raw_expect_closed(NBT_PORT, b"\x86\x00\x00\x00",
                      "unknown NetBIOS packet type")
    raw_expect_closed(NBT_PORT, b"\x82\x00\x00\x00",
                      "server-side NetBIOS packet type from a client")


def check_bad_length():
    raw_expect_closed(TCP_PORT, b"\x00\xff\xff\xff" + b"\xffSMB",
                      "length 16 MiB - 1 before authentication")
    raw_expect_closed(TCP_PORT, b"\x00\x01\x10\x00" + b"\xffSMB",
                      "length past max_msg_size_unauth")
    raw_expect_closed(TCP_PORT, b"\x00\x00\x00\x1f" + b"\0" * 31,
                      "length below the SMB header size")
    raw_expect_closed(TCP_PORT, b"\x00\x00\x00\x00",
                      "zero length on 445")
    with Connection(netbios=True, timeout=TIMEOUT) as c:
        c.send_raw(b"\x00\x01\xff\xff")
        expect_closed(c.sock)


def check_half_headers(n=200):
    """Many clients that send half a header and go silent hold no worker."""
    n = int(n)
    idle = []
    try:
        for i in range(n):
            s = socket.create_connection((HOST, TCP_PORT), TIMEOUT)
            s.sendall(b"\x00\x00")
            idle.append(s)
        for i in range(min(n, 50)):
            s = socket.create_connection((HOST, TCP_PORT), TIMEOUT)
            s.sendall(frame_tcp(negotiate_request())[:14])
            idle.append(s)
        start = time.monotonic()
        with fresh(timeout=10) as c:
            echo(c, b"served despite silent clients")
        took = time.monotonic() - start
        if took > 5:
            fail("a normal client waited %.1fs behind silent ones" % took)
    finally:
        for s in idle:
            s.close()


def open_many(n, src):
    """Open up to @n connections from @src; returns (open, refused)."""
    ok, refused = [], 0
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(TIMEOUT)
        s.bind((src, 0))
        s.connect((HOST, TCP_PORT))
        ok.append(s)
    # Refused ones are closed by the server right after the handshake.
    time.sleep(2.0)
    alive = []
    for s in ok:
        r, _, _ = select.select([s], [], [], 0)
        if r:
            try:
                data = s.recv(1)
            except ConnectionResetError:
                data = b""
            if not data:
                refused += 1
                s.close()
                continue
        alive.append(s)
    return alive, refused


def check_limits(max_conns, per_peer):
    """Per-peer and global limits refuse, while existing clients work."""
    max_conns, per_peer = int(max_conns), int(per_peer)
    held = []
    with fresh() as keep:
        try:
            alive, refused = open_many(per_peer + 5, "127.0.0.2")
            held += alive
            if len(alive) != per_peer or refused != 5:
                fail("per-peer limit %d: %d open, %d refused"
                     % (per_peer, len(alive), refused))
            echo(keep, b"still served after per-peer refusals")
            # Fill up to the global limit from other addresses.
            src = 3
            while 1 + len(held) < max_conns and src < 250:
                want = min(per_peer, max_conns - 1 - len(held))
                alive, refused = open_many(want, "127.0.0.%d" % src)
                held += alive
                if refused:
                    fail("refused %d below the global limit" % refused)
                src += 1
            alive, refused = open_many(3, "127.0.0.%d" % src)
            held += alive
            if refused != 3:
                fail("global limit %d: %d of 3 extra connections refused"
                     % (max_conns, refused))
            echo(keep, b"still served at the global limit")
        finally:
            for s in held:
                s.close()
    # Once they are gone, new connections are admitted again.
    for _ in range(50):
        try:
            with fresh(timeout=5) as c:
                echo(c)
            return
        except (EOFError, ConnectionError, socket.timeout):
            time.sleep(0.2)
    fail("limits did not recover after connections closed")


def check_mpx(count=200, size=1000):
    """Pipeline many ECHOs without reading: every reply arrives, in full."""
    count, size = int(count), int(size)
    with fresh() as c:
        payloads = {}
        for mid in range(1, count + 1):
            payloads[mid] = bytes([mid & 0xFF]) * size
            c.send(echo_request(payloads[mid], 1, mid=mid))
        seen = set()
        for _ in range(count):
            rsp = c.recv()
            if rsp.mid not in payloads or rsp.mid in seen:
                fail("unexpected or duplicate reply MID %d" % rsp.mid)
            check_echo(rsp, payloads[rsp.mid], rsp.mid)
            seen.add(rsp.mid)
        echo(c, b"after the pipeline")


def check_echo_count(n=5):
    """ECHO with EchoCount > 1: one reply per count, in sequence."""
    n = int(n)
    with fresh() as c:
        replies = c.echo(b"multi", n, 9)
        for rsp in replies:
            check_echo(rsp, b"multi", 9)
        seqs = [rsp.word(0) for rsp in replies]
        if seqs != list(range(1, n + 1)):
            fail("EchoCount %d: sequence numbers %r" % (n, seqs))


def stuck_reader():
    """A connection whose replies pile up unread until the server's send
    blocks; returns its socket."""
    c = fresh()
    c.sock.settimeout(0.5)
    data = b"x" * 60000
    try:
        # Replies fill the server's socket buffer, it stops reading, and
        # then our sends block and time out.
        for mid in range(1, 1000):
            c.send(echo_request(data, 1, mid=mid))
    except (socket.timeout, BrokenPipeError, ConnectionResetError):
        pass
    return c.sock


def check_hold(n, ready_file):
    """Open @n connections in several states (negotiated on 445 or 139,
    half a header, a reply blocked on a client that does not read),
    signal @ready_file, then wait until the server closed them all."""
    n = int(n)
    socks, stuck = [], []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            socks.append(fresh().sock)
        elif kind == 1:
            socks.append(fresh(netbios=True).sock)
        elif kind == 2:
            s = socket.create_connection((HOST, TCP_PORT), TIMEOUT)
            s.sendall(b"\x00\x00\x01")
            socks.append(s)
        else:
            stuck.append(stuck_reader())
    with open(ready_file, "w") as f:
        f.write("ready\n")
    deadline = time.monotonic() + 60
    for s in socks:
        expect_closed(s, max(1.0, deadline - time.monotonic()))
        s.close()
    # Reading would unblock the server's send: only look at the state.
    while stuck and time.monotonic() < deadline:
        stuck = [s for s in stuck if not server_closed(s)]
        time.sleep(0.5)
    if stuck:
        fail("%d connections with a blocked send stayed open" % len(stuck))


def check_bind(addr, other):
    """Listening on @addr only: served there, refused on @other."""
    with Connection(host=addr, timeout=TIMEOUT) as c:
        c.negotiate()
        echo(c, b"on the bound address")
    try:
        socket.create_connection((other, TCP_PORT), 5).close()
    except ConnectionRefusedError:
        return
    fail("connection to %s accepted, only %s is bound" % (other, addr))


def expect_closed_after(sock, secs, slack, start=None):
    """The server closes @sock about @secs seconds from @start (default:
    now), not before @secs - @slack (the scan runs once a second)."""
    if start is None:
        start = time.monotonic()
    expect_closed(sock, secs + 10)
    took = time.monotonic() - start
    sock.close()
    if took < secs - slack:
        fail("closed after %.1fs, before the %gs timeout" % (took, secs))


def check_negotiate_timeout(secs):
    """No NEGOTIATE within the timeout: closed."""
    s = socket.create_connection((HOST, TCP_PORT), TIMEOUT)
    expect_closed_after(s, float(secs), 0.5)


def check_session_timeout(secs):
    """Negotiated but no session within the timeout: closed."""
    expect_closed_after(fresh().sock, float(secs), 1.5)


def check_idle_timeout(secs):
    """Requests keep a connection open past the idle timeout; silence
    then closes it."""
    secs = float(secs)
    c = fresh()
    end = time.monotonic() + 2 * secs
    while True:
        # The server counts from the echo's arrival: time from before
        # it is sent, so that a stall here only makes the wait longer.
        last = time.monotonic()
        echo(c, b"keep me")
        if last >= end:
            break
        time.sleep(secs / 3)
    expect_closed_after(c.sock, secs, 0.5, start=last)


def check_send_timeout(secs):
    """A client that never reads is dropped; others are served meanwhile."""
    secs = float(secs)
    sock = stuck_reader()
    with fresh(timeout=10) as other:
        echo(other, b"served while another client does not read")
    deadline = time.monotonic() + secs + 30
    while time.monotonic() < deadline:
        if server_closed(sock):
            sock.close()
            return
        time.sleep(0.5)
    sock.close()
    fail("non-reading client not dropped within %gs" % (secs + 30))


def server_closed(sock):
    """The server closed or reset its end of @sock; nothing is read."""
    if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
        return True
    port = ":%04X" % sock.getsockname()[1]
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(port):
                # 08 CLOSE_WAIT: the server sent FIN.
                return fields[3] == "08"
    # Gone from the table: reset.
    return True


CHECKS = {
    "echo445": check_echo445,
    "echo139": check_echo139,
    "nbt-refused": check_nbt_refused,
    "keepalive": check_keepalive,
    "nbt-message-first": check_nbt_message_first,
    "nbt-second-request": check_nbt_second_request,
    "bad-framing": check_bad_framing,
    "bad-length": check_bad_length,
    "half-headers": check_half_headers,
    "limits": check_limits,
    "mpx": check_mpx,
    "echo-count": check_echo_count,
    "hold": check_hold,
    "negotiate-timeout": check_negotiate_timeout,
    "session-timeout": check_session_timeout,
    "idle-timeout": check_idle_timeout,
    "bind": check_bind,
    "send-timeout": check_send_timeout,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        print(__doc__ + "\nchecks: " + " ".join(sorted(CHECKS)),
              file=sys.stderr)
        return 2
    try:
        CHECKS[sys.argv[1]](*sys.argv[2:])
    except (CheckFailed, smbraw.SmbError, EOFError, OSError) as e:
        print("%s: %s: %s" % (sys.argv[1], type(e).__name__, e),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
