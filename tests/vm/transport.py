#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Transport-level checks of kcifsd over raw sockets (Direct TCP on 445,
NetBIOS session service on 139), run by tests/vm/suites/10-transport.sh.

    transport.py CHECK [ARGS...]

Each CHECK exits 0 on success, 1 with a reason on stderr otherwise. Every
socket has a timeout and every loop a bound, so a server bug shows up as a
failure, never a hang. Only loopback addresses are used.
"""

import os
import select
import socket
import struct
import sys
import time

HOST = "127.0.0.1"
TCP_PORT = int(os.environ.get("KCIFSD_TCP_PORT", "445"))
NBT_PORT = int(os.environ.get("KCIFSD_NBT_PORT", "139"))
TIMEOUT = 20.0

SMB_COM_NEGOTIATE = 0x72
SMB_COM_ECHO = 0x2B


class CheckFailed(Exception):
    pass


def fail(why):
    raise CheckFailed(why)


# ---- SMB messages (only what transport checks need) ----

def smb_header(command, mid=1, tid=0xFFFF):
    # MS-CIFS 2.2.3.1: Protocol, Command, Status, Flags (canonical paths,
    # case-insensitive), Flags2 (NT status, long names, Unicode),
    # PIDHigh, SecurityFeatures, Reserved, TID, PIDLow, UID, MID.
    return struct.pack("<4sBIBHH8sHHHHH", b"\xffSMB", command, 0, 0x18,
                       0xC801, 0, b"\0" * 8, 0, tid, os.getpid() & 0xFFFF,
                       0, mid)


def smb_negotiate(mid=1):
    data = b"\x02NT LM 0.12\x00"
    return smb_header(SMB_COM_NEGOTIATE, mid) + struct.pack(
        "<BH", 0, len(data)) + data


def smb_echo(data, count=1, mid=1):
    # MS-CIFS 2.2.4.39.1: WordCount 1 (EchoCount), then the bytes to echo.
    return smb_header(SMB_COM_ECHO, mid) + struct.pack(
        "<BHH", 1, count, len(data)) + data


def frame_tcp(msg):
    return struct.pack(">I", len(msg))


def frame_nbt(msg, ptype=0x00):
    n = len(msg)
    return struct.pack(">BBH", ptype, (n >> 16) & 1, n & 0xFFFF)


def nbt_encode_name(name, suffix=0x20):
    raw = name.encode("ascii")[:15].ljust(15, b" ") + bytes([suffix])
    enc = bytearray([0x20])
    for b in raw:
        enc += bytes([ord("A") + (b >> 4), ord("A") + (b & 0xF)])
    return bytes(enc) + b"\x00"


def nbt_session_request(called="*SMBSERVER", calling="TESTCLIENT",
                        suffix=0x20):
    body = nbt_encode_name(called, suffix) + nbt_encode_name(calling, 0)
    return frame_nbt(body, 0x81) + body


# ---- connections ----

class Conn:
    def __init__(self, port=TCP_PORT, netbios=False, src=None,
                 session=True, timeout=TIMEOUT):
        self.netbios = netbios
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        if src:
            self.sock.bind((src, 0))
        self.sock.connect((HOST, port))
        if netbios and session:
            self.sock.sendall(nbt_session_request())
            typ, body = self.recv_packet()
            if typ != 0x82:
                fail("session request answered with type 0x%02x" % typ)

    def close(self):
        self.sock.close()

    def send_smb(self, msg):
        hdr = frame_nbt(msg) if self.netbios else frame_tcp(msg)
        self.sock.sendall(hdr + msg)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("connection closed after %d of %d bytes"
                               % (len(buf), n))
            buf += chunk
        return buf

    def recv_packet(self):
        """One framed packet: (type, body); keepalives are skipped."""
        for _ in range(1000):
            hdr = self.recv_exact(4)
            if self.netbios:
                typ, flags, n = struct.unpack(">BBH", hdr)
                n |= (flags & 1) << 16
            else:
                typ, n = hdr[0], struct.unpack(">I", hdr)[0] & 0xFFFFFF
            body = self.recv_exact(n)
            if typ != 0x85:
                return typ, body
        fail("only keepalives")

    def recv_smb(self):
        typ, body = self.recv_packet()
        if typ != 0:
            fail("expected a session message, got type 0x%02x" % typ)
        if len(body) < 32 or body[:4] != b"\xffSMB":
            fail("reply is not an SMB message: %r" % body[:8])
        return body

    def negotiate(self):
        self.send_smb(smb_negotiate())
        rsp = self.recv_smb()
        if rsp[4] != SMB_COM_NEGOTIATE:
            fail("NEGOTIATE answered with command 0x%02x" % rsp[4])

    def echo(self, data=b"ping", mid=7):
        self.send_smb(smb_echo(data, 1, mid))
        rsp = self.recv_smb()
        check_echo(rsp, data, mid)


def check_echo(rsp, data, mid=None):
    if rsp[4] != SMB_COM_ECHO:
        fail("ECHO answered with command 0x%02x" % rsp[4])
    status = struct.unpack_from("<I", rsp, 5)[0]
    if status:
        fail("ECHO failed with status 0x%08x" % status)
    if mid is not None and struct.unpack_from("<H", rsp, 30)[0] != mid:
        fail("ECHO reply has MID %d, expected %d"
             % (struct.unpack_from("<H", rsp, 30)[0], mid))
    if rsp[32] != 1 or rsp[37:] != data:
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


def fresh(netbios=False, **kw):
    c = Conn(NBT_PORT if netbios else TCP_PORT, netbios, **kw)
    c.negotiate()
    return c


# ---- checks ----

def check_echo445():
    c = fresh()
    c.echo(b"hello over 445")
    c.close()


def check_echo139():
    c = fresh(netbios=True)
    c.echo(b"hello over 139")
    c.close()


def expect_negative(request, code, what):
    """@request gets a NEGATIVE SESSION RESPONSE with @code, then EOF."""
    s = socket.create_connection((HOST, NBT_PORT), TIMEOUT)
    s.sendall(request)
    rsp = s.recv(5)
    if len(rsp) != 5 or rsp[0] != 0x83 or rsp[4] != code:
        fail("%s got %r, not a negative response 0x%02x" % (what, rsp, code))
    expect_closed(s)
    s.close()


def check_nbt_refused():
    # Malformed name encoding ('Z' is not a half-octet character).
    body = bytearray(nbt_encode_name("*SMBSERVER") + nbt_encode_name("X", 0))
    body[5] = ord("Z")
    expect_negative(frame_nbt(body, 0x81) + bytes(body), 0x8F,
                    "malformed session request")
    # A called name that is not a server service (suffix 0x00).
    expect_negative(nbt_session_request(suffix=0x00), 0x80,
                    "non-server called name")


def check_keepalive():
    c = Conn(NBT_PORT, True, session=False)
    c.sock.sendall(b"\x85\x00\x00\x00")
    c.sock.sendall(nbt_session_request())
    typ, _ = c.recv_packet()
    if typ != 0x82:
        fail("session request after a keepalive got type 0x%02x" % typ)
    c.negotiate()
    for _ in range(3):
        c.sock.sendall(b"\x85\x00\x00\x00")
    c.echo(b"after keepalives")
    c.close()
    # Direct TCP has no keepalive: 0x85 there is bad framing.


def check_nbt_message_first():
    s = socket.create_connection((HOST, NBT_PORT), TIMEOUT)
    msg = smb_negotiate()
    s.sendall(frame_nbt(msg) + msg)
    expect_closed(s)
    s.close()


def check_nbt_second_request():
    c = Conn(NBT_PORT, True)
    c.sock.sendall(nbt_session_request())
    expect_closed(c.sock)
    c.close()


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
    msg = smb_negotiate()
    raw_expect_closed(TCP_PORT, b"\x01" + frame_tcp(msg)[1:] + msg,
                      "nonzero first byte on 445")
    raw_expect_closed(TCP_PORT, b"\x85\x00\x00\x00",
                      "keepalive type on 445")
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
    c = Conn(NBT_PORT, True)
    c.sock.sendall(b"\x00\x01\xff\xff")
    expect_closed(c.sock)
    c.close()


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
            msg = smb_negotiate()
            s.sendall(frame_tcp(msg) + msg[:10])
            idle.append(s)
        start = time.monotonic()
        c = fresh(timeout=10)
        c.echo(b"served despite silent clients")
        c.close()
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
    keep = [fresh(src="127.0.0.1")]
    held = []
    try:
        alive, refused = open_many(per_peer + 5, "127.0.0.2")
        held += alive
        if len(alive) != per_peer or refused != 5:
            fail("per-peer limit %d: %d open, %d refused"
                 % (per_peer, len(alive), refused))
        keep[0].echo(b"still served after per-peer refusals")
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
        keep[0].echo(b"still served at the global limit")
    finally:
        for s in held:
            s.close()
        for c in keep:
            c.close()
    # Once they are gone, new connections are admitted again.
    for _ in range(50):
        try:
            c = fresh(src="127.0.0.2", timeout=5)
            c.echo()
            c.close()
            return
        except (EOFError, ConnectionError, socket.timeout):
            time.sleep(0.2)
    fail("limits did not recover after connections closed")


def check_mpx(count=200, size=1000):
    """Pipeline many ECHOs without reading: every reply arrives, in full."""
    count, size = int(count), int(size)
    c = fresh()
    payloads = {}
    for mid in range(1, count + 1):
        data = bytes([mid & 0xFF]) * size
        payloads[mid] = data
        c.send_smb(smb_echo(data, 1, mid))
    seen = set()
    for _ in range(count):
        rsp = c.recv_smb()
        mid = struct.unpack_from("<H", rsp, 30)[0]
        if mid not in payloads or mid in seen:
            fail("unexpected or duplicate reply MID %d" % mid)
        check_echo(rsp, payloads[mid], mid)
        seen.add(mid)
    c.echo(b"after the pipeline")
    c.close()


def check_echo_count(n=5):
    """ECHO with EchoCount > 1: one reply per count, in sequence."""
    n = int(n)
    c = fresh()
    c.send_smb(smb_echo(b"multi", n, 9))
    seqs = []
    for _ in range(n):
        rsp = c.recv_smb()
        check_echo(rsp, b"multi", 9)
        seqs.append(struct.unpack_from("<H", rsp, 33)[0])
    if seqs != list(range(1, n + 1)):
        fail("EchoCount %d: sequence numbers %r" % (n, seqs))
    c.close()


def check_hold(n, ready_file):
    """Open @n connections in several states, signal, wait for all EOFs."""
    n = int(n)
    socks = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            socks.append(fresh().sock)
        elif kind == 1:
            socks.append(fresh(netbios=True).sock)
        else:
            s = socket.create_connection((HOST, TCP_PORT), TIMEOUT)
            s.sendall(b"\x00\x00\x01")
            socks.append(s)
    with open(ready_file, "w") as f:
        f.write("ready\n")
    deadline = time.monotonic() + 60
    for s in socks:
        expect_closed(s, max(1.0, deadline - time.monotonic()))
        s.close()


def expect_closed_after(sock, secs, slack):
    """The server closes @sock about @secs seconds from now, not before
    @secs - @slack (the scan runs once a second)."""
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
    while time.monotonic() < end:
        c.echo(b"keep me")
        time.sleep(secs / 3)
    expect_closed_after(c.sock, secs, 1.5)


def check_send_timeout(secs):
    """A client that never reads is dropped; others are served meanwhile."""
    secs = float(secs)
    c = fresh()
    c.sock.settimeout(0.5)
    data = b"x" * 60000
    try:
        # Replies pile up until the server's socket buffer is full and it
        # stops reading; then our sends block and time out.
        for mid in range(1, 1000):
            c.send_smb(smb_echo(data, 1, mid))
    except (socket.timeout, BrokenPipeError, ConnectionResetError):
        pass
    other = fresh(timeout=10)
    other.echo(b"served while another client does not read")
    other.close()
    deadline = time.monotonic() + secs + 30
    while time.monotonic() < deadline:
        if server_closed(c.sock):
            c.close()
            return
        time.sleep(0.5)
    c.close()
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
    "send-timeout": check_send_timeout,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        print(__doc__ + "\nchecks: " + " ".join(sorted(CHECKS)),
              file=sys.stderr)
        return 2
    try:
        CHECKS[sys.argv[1]](*sys.argv[2:])
    except (CheckFailed, EOFError, OSError) as e:
        print("%s: %s: %s" % (sys.argv[1], type(e).__name__, e),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
