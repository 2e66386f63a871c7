#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A raw SMB1 client for kcifsd tests: build any message byte by byte,
well formed or not, send it over Direct TCP (445) or the NetBIOS session
service (139), and read and parse the replies, with a timeout on every
wait. Python 3 standard library only; import it from other test scripts:

    import smbraw
    with smbraw.Connection() as c:              # 445; netbios=True for 139
        neg = c.negotiate()                     # -> NegotiateReply
        replies = c.echo(b"ping", count=3)      # -> [Reply, Reply, Reply]
        c.send(smbraw.message(0x99))            # any command, raw words
        r = c.recv()                            # -> Reply
        assert r.status == smbraw.STATUS_SMB_BAD_COMMAND

Building blocks: header(), block(), andx(), message() and the request
helpers; frame_tcp()/frame_nbt()/nbt_session_request() for framing;
parse() for replies. Layouts follow MS-CIFS 2.2.3 (header and blocks),
2.2.4.52 (NEGOTIATE), 2.2.4.39 (ECHO), MS-SMB 2.2.4.5.2 and RFC 1002 4.3.
"""

import os
import socket
import struct
import time

HOST = os.environ.get("KCIFSD_HOST", "127.0.0.1")
TCP_PORT = int(os.environ.get("KCIFSD_TCP_PORT", "445"))
NBT_PORT = int(os.environ.get("KCIFSD_NBT_PORT", "139"))
TIMEOUT = 10.0

PROTOCOL = b"\xffSMB"
HEADER_SIZE = 32

# SMB_COM_* (MS-CIFS 2.2.2.1), the ones tests use most.
SMB_COM_CLOSE = 0x04
SMB_COM_LOCKING_ANDX = 0x24
SMB_COM_TRANSACTION = 0x25
SMB_COM_COPY = 0x29
SMB_COM_ECHO = 0x2B
SMB_COM_OPEN_ANDX = 0x2D
SMB_COM_READ_ANDX = 0x2E
SMB_COM_WRITE_ANDX = 0x2F
SMB_COM_TRANSACTION2 = 0x32
SMB_COM_TREE_DISCONNECT = 0x71
SMB_COM_NEGOTIATE = 0x72
SMB_COM_SESSION_SETUP_ANDX = 0x73
SMB_COM_LOGOFF_ANDX = 0x74
SMB_COM_TREE_CONNECT_ANDX = 0x75
SMB_COM_NT_TRANSACT = 0xA0
SMB_COM_NT_CREATE_ANDX = 0xA2
SMB_COM_NT_CANCEL = 0xA4
SMB_COM_INVALID = 0xFE
SMB_COM_NO_ANDX_COMMAND = 0xFF

# Header Flags and Flags2 (MS-CIFS 2.2.3.1).
SMB_FLAGS_CASE_INSENSITIVE = 0x08
SMB_FLAGS_CANONICALIZED_PATHS = 0x10
SMB_FLAGS_REPLY = 0x80
SMB_FLAGS2_LONG_NAMES = 0x0001
SMB_FLAGS2_EAS = 0x0002
SMB_FLAGS2_SMB_SECURITY_SIGNATURE = 0x0004
SMB_FLAGS2_EXTENDED_SECURITY = 0x0800
SMB_FLAGS2_NT_STATUS = 0x4000
SMB_FLAGS2_UNICODE = 0x8000

# What Windows and Samba clients send, minus extended security.
DEFAULT_FLAGS = SMB_FLAGS_CASE_INSENSITIVE | SMB_FLAGS_CANONICALIZED_PATHS
DEFAULT_FLAGS2 = (SMB_FLAGS2_LONG_NAMES | SMB_FLAGS2_EAS |
                  SMB_FLAGS2_NT_STATUS | SMB_FLAGS2_UNICODE)

# Capabilities (MS-CIFS 2.2.4.52.2, MS-SMB 2.2.4.5.2).
CAP_RAW_MODE = 0x00000001
CAP_MPX_MODE = 0x00000002
CAP_UNICODE = 0x00000004
CAP_LARGE_FILES = 0x00000008
CAP_NT_SMBS = 0x00000010
CAP_RPC_REMOTE_APIS = 0x00000020
CAP_STATUS32 = 0x00000040
CAP_LEVEL_II_OPLOCKS = 0x00000080
CAP_LOCK_AND_READ = 0x00000100
CAP_NT_FIND = 0x00000200
CAP_DFS = 0x00001000
CAP_INFOLEVEL_PASSTHRU = 0x00002000
CAP_LARGE_READX = 0x00004000
CAP_LARGE_WRITEX = 0x00008000
CAP_UNIX = 0x00800000
CAP_EXTENDED_SECURITY = 0x80000000

# NTSTATUS values (MS-ERREF, MS-CIFS 2.2.2.4).
STATUS_SUCCESS = 0x00000000
STATUS_NOT_IMPLEMENTED = 0xC0000002
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016
STATUS_ACCESS_DENIED = 0xC0000022
STATUS_LOGON_FAILURE = 0xC000006D
STATUS_INVALID_SMB = 0x00010002
STATUS_SMB_BAD_TID = 0x00050002
STATUS_SMB_BAD_COMMAND = 0x00160002
STATUS_SMB_BAD_UID = 0x005B0002

# SMBSTATUS classes (MS-CIFS 2.2.1.5); dos_status() packs a pair.
ERRDOS = 0x01
ERRSRV = 0x02
ERRHRD = 0x03

NT_LM_012 = "NT LM 0.12"
WINDOWS_DIALECTS = ("PC NETWORK PROGRAM 1.0", "LANMAN1.0",
                    "Windows for Workgroups 3.1a", "LM1.2X002",
                    "LANMAN2.1", NT_LM_012)

# NetBIOS session service packet types (RFC 1002 4.3.1).
NBT_SESSION_MESSAGE = 0x00
NBT_SESSION_REQUEST = 0x81
NBT_POSITIVE_RESPONSE = 0x82
NBT_NEGATIVE_RESPONSE = 0x83
NBT_KEEP_ALIVE = 0x85


class SmbError(Exception):
    """The server did something a check did not expect."""


def dos_status(error_class, code):
    """An SMBSTATUS as the header's 32-bit Status reads."""
    return error_class | (code << 16)


# ---- building messages ----

def header(command, status=0, flags=DEFAULT_FLAGS, flags2=DEFAULT_FLAGS2,
           pid=None, tid=0xFFFF, uid=0, mid=1, signature=b"\0" * 8):
    """SMB_Header (MS-CIFS 2.2.3.1); @pid is 32 bits (PIDHigh:PIDLow)."""
    if pid is None:
        pid = os.getpid() & 0xFFFF
    return struct.pack("<4sBIBHH8sHHHHH", PROTOCOL, command, status, flags,
                       flags2, (pid >> 16) & 0xFFFF, signature, 0, tid,
                       pid & 0xFFFF, uid, mid)


def block(words=b"", data=b"", wc=None, bc=None):
    """A Parameter/Data block pair: WordCount, Words, ByteCount, Bytes.

    @words must be an even number of bytes. @wc and @bc override the
    counts written, to build blocks that lie about their size.
    """
    if len(words) % 2:
        raise ValueError("words must be whole 16-bit words")
    if wc is None:
        wc = len(words) // 2
    if bc is None:
        bc = len(data)
    return struct.pack("<B", wc) + words + struct.pack("<H", bc) + data


def andx(command=SMB_COM_NO_ANDX_COMMAND, offset=0):
    """The 4-byte AndX block that starts the words of *_ANDX commands."""
    return struct.pack("<BBH", command, 0, offset)


def message(command, words=b"", data=b"", **hdr):
    """A whole one-command message; @hdr goes to header()."""
    return header(command, **hdr) + block(words, data)


def dialect_list(dialects):
    """NEGOTIATE request bytes: {0x02, NUL-terminated string}..."""
    return b"".join(b"\x02" + d.encode("ascii") + b"\0" for d in dialects)


def negotiate_request(dialects=WINDOWS_DIALECTS, **hdr):
    return message(SMB_COM_NEGOTIATE, b"", dialect_list(dialects), **hdr)


def echo_request(data=b"", count=1, **hdr):
    return message(SMB_COM_ECHO, struct.pack("<H", count), data, **hdr)


def nt_cancel_request(**hdr):
    return message(SMB_COM_NT_CANCEL, **hdr)


# ---- parsing replies ----

class Reply:
    """One SMB message as received: the header fields and the first
    block (words, data); blocks() walks an AndX reply chain."""

    def __init__(self, raw):
        if len(raw) < HEADER_SIZE or raw[:4] != PROTOCOL:
            raise SmbError("not an SMB1 message: %r" % raw[:8])
        self.raw = raw
        (_, self.command, self.status, self.flags, self.flags2, pid_high,
         self.signature, self.reserved, self.tid, pid_low, self.uid,
         self.mid) = struct.unpack_from("<4sBIBHH8sHHHHH", raw)
        self.pid = (pid_high << 16) | pid_low
        self.wc, self.words, self.bc, self.data = self.block_at(HEADER_SIZE)

    def block_at(self, offset):
        """(WordCount, words, ByteCount, bytes) of the block at @offset."""
        raw = self.raw
        if offset + 3 > len(raw):
            raise SmbError("block at %d past the end (%d)"
                           % (offset, len(raw)))
        wc = raw[offset]
        end = offset + 1 + 2 * wc
        if end + 2 > len(raw):
            raise SmbError("WordCount %d past the end" % wc)
        bc = struct.unpack_from("<H", raw, end)[0]
        if end + 2 + bc > len(raw):
            raise SmbError("ByteCount %d past the end" % bc)
        return wc, raw[offset + 1:end], bc, raw[end + 2:end + 2 + bc]

    def word(self, index):
        """The @index-th 16-bit word of the first block."""
        return struct.unpack_from("<H", self.words, 2 * index)[0]

    def blocks(self, max_blocks=16):
        """[(command, offset, wc, words, bc, data)] along the AndX chain;
        ANDX_COMMANDS says which blocks carry an AndX block."""
        out, command, offset = [], self.command, HEADER_SIZE
        for _ in range(max_blocks):
            wc, words, bc, data = self.block_at(offset)
            out.append((command, offset, wc, words, bc, data))
            if command not in ANDX_COMMANDS or wc < 2:
                break
            nxt, _, nxt_off = struct.unpack_from("<BBH", words)
            if nxt == SMB_COM_NO_ANDX_COMMAND:
                break
            if nxt_off <= offset:
                raise SmbError("AndXOffset %d does not move forward"
                               % nxt_off)
            command, offset = nxt, nxt_off
        return out

    @property
    def is_error_response(self):
        """MS-CIFS 3.3.4.1.2: WordCount 0 and ByteCount 0."""
        return self.wc == 0 and self.bc == 0

    def __repr__(self):
        return ("Reply(command=0x%02x status=0x%08x mid=%d wc=%d bc=%d)"
                % (self.command, self.status, self.mid, self.wc, self.bc))


ANDX_COMMANDS = (SMB_COM_LOCKING_ANDX, SMB_COM_OPEN_ANDX, SMB_COM_READ_ANDX,
                 SMB_COM_WRITE_ANDX, SMB_COM_SESSION_SETUP_ANDX,
                 SMB_COM_LOGOFF_ANDX, SMB_COM_TREE_CONNECT_ANDX,
                 SMB_COM_NT_CREATE_ANDX)


def parse(raw):
    return Reply(raw)


class NegotiateReply(Reply):
    """An NT LM 0.12 NEGOTIATE response (WordCount 17) or the Core form
    (WordCount 1, DialectIndex only)."""

    def __init__(self, raw):
        super().__init__(raw)
        self.dialect_index = self.word(0) if self.wc >= 1 else None
        self.challenge = b""
        self.server_guid = b""
        self.security_blob = b""
        self.domain = self.server_name = None
        if self.wc != 17:
            return
        (self.dialect_index, self.security_mode, self.max_mpx,
         self.max_vcs, self.max_buffer_size, self.max_raw_size,
         self.session_key, self.capabilities, self.system_time,
         self.time_zone, self.challenge_length) = struct.unpack(
             "<HBHHIIIIQhB", self.words)
        if self.capabilities & CAP_EXTENDED_SECURITY:
            self.server_guid = self.data[:16]
            self.security_blob = self.data[16:]
            return
        self.challenge = self.data[:self.challenge_length]
        rest = self.data[self.challenge_length:]
        unicode = self.flags2 & SMB_FLAGS2_UNICODE
        strings = split_strings(rest, unicode)
        self.domain = strings[0] if strings else None
        self.server_name = strings[1] if len(strings) > 1 else None


def split_strings(buf, unicode):
    """NUL-terminated strings, UTF-16LE (no alignment) or ASCII."""
    out = []
    if unicode:
        units = [buf[i:i + 2] for i in range(0, len(buf) - 1, 2)]
        cur = b""
        for u in units:
            if u == b"\0\0":
                out.append(cur.decode("utf-16-le"))
                cur = b""
            else:
                cur += u
    else:
        out = [s.decode("ascii", "replace") for s in buf.split(b"\0")[:-1]]
    return out


# ---- framing ----

def frame_tcp(msg):
    """Direct TCP (MS-SMB 2.1): 0x00 and a 24-bit big-endian length."""
    return struct.pack(">I", len(msg)) + msg


def frame_nbt(msg, ptype=NBT_SESSION_MESSAGE):
    """NetBIOS session packet (RFC 1002 4.3.1), 17-bit length."""
    n = len(msg)
    return struct.pack(">BBH", ptype, (n >> 16) & 1, n & 0xFFFF) + msg


def nbt_encode_name(name, suffix=0x20):
    """RFC 1001 14.1 first-level encoding, 15 chars + suffix, 34 bytes."""
    raw = name.encode("ascii")[:15].ljust(15, b" ") + bytes([suffix])
    enc = bytearray([0x20])
    for b in raw:
        enc += bytes([ord("A") + (b >> 4), ord("A") + (b & 0xF)])
    return bytes(enc) + b"\x00"


def nbt_session_request(called="*SMBSERVER", calling="SMBRAW"):
    body = nbt_encode_name(called, 0x20) + nbt_encode_name(calling, 0x00)
    return frame_nbt(body, NBT_SESSION_REQUEST)


# ---- a connection ----

class Connection:
    """A client connection. With @netbios, port 139 and a NetBIOS session
    request first (answered POSITIVE, or SmbError). Every receive waits at
    most @timeout seconds (or the one given to it)."""

    def __init__(self, host=HOST, port=None, netbios=False, timeout=TIMEOUT,
                 called="*SMBSERVER", calling="SMBRAW", session=True):
        self.netbios = netbios
        self.timeout = timeout
        if port is None:
            port = NBT_PORT if netbios else TCP_PORT
        self.sock = socket.create_connection((host, port), timeout=timeout)
        if netbios and session:
            self.send_raw(nbt_session_request(called, calling))
            ptype, body = self.recv_packet()
            if ptype != NBT_POSITIVE_RESPONSE:
                raise SmbError("session request answered 0x%02x %r"
                               % (ptype, body))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.sock.close()

    # -- sending --

    def send_raw(self, data):
        """Bytes as they are: no framing added."""
        self.sock.sendall(data)

    def send(self, msg):
        """One SMB message in this connection's framing."""
        self.send_raw(frame_nbt(msg) if self.netbios else frame_tcp(msg))

    # -- receiving --

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("closed after %d of %d bytes" % (len(buf), n))
            buf += chunk
        return buf

    def recv_packet(self, timeout=None):
        """(type, body) of the next framed packet; NetBIOS keepalives are
        skipped. socket.timeout if nothing comes in time."""
        self.sock.settimeout(self.timeout if timeout is None else timeout)
        while True:
            hdr = self._recv_exact(4)
            if self.netbios:
                ptype, flags, n = struct.unpack(">BBH", hdr)
                n |= (flags & 1) << 16
            else:
                ptype, n = hdr[0], struct.unpack(">I", hdr)[0] & 0xFFFFFF
            body = self._recv_exact(n)
            if ptype != NBT_KEEP_ALIVE:
                return ptype, body

    def recv(self, timeout=None, cls=Reply):
        """The next SMB reply, parsed."""
        ptype, body = self.recv_packet(timeout)
        if ptype != NBT_SESSION_MESSAGE:
            raise SmbError("expected an SMB message, got type 0x%02x" % ptype)
        return cls(body)

    def request(self, msg, timeout=None, cls=Reply):
        """Send @msg and return its reply (the next message received)."""
        self.send(msg)
        return self.recv(timeout, cls)

    def expect_silence(self, within=2.0):
        """Nothing arrives within @within seconds (a request that gets no
        reply); SmbError if something does."""
        try:
            ptype, body = self.recv_packet(within)
        except socket.timeout:
            return
        raise SmbError("unexpected packet 0x%02x: %r" % (ptype, body[:40]))

    def expect_closed(self, within=TIMEOUT):
        """The server closes the connection (EOF or reset) within
        @within seconds, whatever it sends before."""
        self.sock.settimeout(within)
        deadline = time.monotonic() + within
        try:
            while time.monotonic() < deadline:
                if not self.sock.recv(65536):
                    return
        except (ConnectionResetError, BrokenPipeError):
            return
        except socket.timeout:
            pass
        raise SmbError("not closed within %gs" % within)

    # -- commands --

    def negotiate(self, dialects=WINDOWS_DIALECTS, flags2=DEFAULT_FLAGS2,
                  **hdr):
        """NEGOTIATE; returns the NegotiateReply (any status)."""
        return self.request(negotiate_request(dialects, flags2=flags2, **hdr),
                            cls=NegotiateReply)

    def echo(self, data=b"", count=1, mid=1, **hdr):
        """ECHO with @count; returns the @count replies (none for 0)."""
        self.send(echo_request(data, count, mid=mid, **hdr))
        return [self.recv() for _ in range(count)]
