# SPDX-License-Identifier: GPL-2.0-only
"""The "inline" generator: requests the server's receive work may answer
itself when they are alone in flight on their connection
(fs/rx_inline.c): a WRITE_ANDX split from the socket (net/split.h: at
least KCIFSD_SPLIT_MIN_PAYLOAD bytes after the SMB header, no AndX
follow-on, DataOffset past the words and within KCIFSD_SPLIT_HEAD_MAX),
TRANS2 QUERY_PATH/QUERY_FILE_INFORMATION and SET_PATH_INFORMATION
SMB_POSIX_PATH_UNLINK, CLOSE, and DELETE of one name.

Every request goes out alone (the case waits for its reply, then for an
ECHO's) on a logged-on connection with a file of the case's own open,
well formed or with one field lying, its bytes sent in one write or in
pieces with pauses (so the server sees part of a write's payload in the
socket and the rest later). What the server answers is checked against
what the request asked: a write that succeeds wrote exactly DataLength
bytes from DataOffset, one that fails wrote nothing; a CLOSE or DELETE
that fails changed nothing, one that succeeds did what it says. At the
end the file is read back (on a fresh connection if the server dropped
this one) and compared with a shadow copy, and its size with what the
server reports.

smbfuzz.py registers gen_inline after calling bind().
"""

import os
import random
import struct
import time

import smbmsg as M
import smbraw

F = None        # the smbfuzz module (its Closed, Ctx, CAPS), see bind()

# net/split.h: a message this long after the SMB header may be split.
SPLIT_MIN_PAYLOAD = 8 * 1024
SPLIT_HEAD_MAX = 256
HDR = 32
CAP_UNIX = 0x00800000
CAP_LARGE_WRITEX = 0x00008000

STATUS_END_OF_FILE = 0xC0000011
STATUS_DISK_FULL = 0xC000007F
STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034
STATUS_INVALID_HANDLE = 0xC0000008

QUERY_FILE_BASIC = 0x101
QUERY_FILE_STANDARD = 0x102
QUERY_FILE_ALL = 0x107
POSIX_PATH_UNLINK = 0x20A

# The low part of the file the shadow copy covers; writes beyond it (a
# 64-bit offset) are checked by reading them back at once.
LOW_LIMIT = 1 << 20
LLONG_MAX = (1 << 63) - 1
# Compare the file after every step (to find the step that broke it).
CHECK_EACH = bool(os.environ.get("KCIFSD_INLINE_CHECK"))


def bind(module):
    global F
    F = module


class Mismatch(Exception):
    """The server's answer and the request disagree."""


def u16(b, o):
    return struct.unpack_from("<H", b, o)[0]


def u32(b, o):
    return struct.unpack_from("<I", b, o)[0]


def write_effect(raw, large_cap, frame_len=None):
    """What a WRITE_ANDX message @raw must do (MS-CIFS 3.3.5.37, MS-SMB
    3.3.5.9 for the large form): ("write", offset, bytes) or ("error",).
    @frame_len: the length the framing announced, if not len(@raw)."""
    n_msg = len(raw) if frame_len is None else frame_len
    if len(raw) < HDR + 3 or raw[4] != M.WRITE_ANDX:
        return ("error",)
    wc = raw[HDR]
    if wc not in (12, 14) or HDR + 1 + 2 * wc + 2 > n_msg:
        return ("error",)
    w = raw[HDR + 1:HDR + 1 + 2 * wc]
    bytes_start = HDR + 1 + 2 * wc + 2
    bc = u16(raw, HDR + 1 + 2 * wc)
    if n_msg - bytes_start < bc:
        return ("error",)
    off = u32(w, 6)
    if wc == 14:
        off |= u32(w, 24) << 32
    n = u16(w, 20)
    if large_cap:
        n |= u16(w, 18) << 16
    doff = u16(w, 22)
    if doff < bytes_start or doff > n_msg or n > n_msg - doff:
        return ("error",)
    if off > LLONG_MAX or n > LLONG_MAX - off:
        return ("error",)
    return ("write", off, bytes(raw[doff:doff + n]))


class Shadow:
    """What the case's file must hold: its low LOW_LIMIT bytes, and its
    size (None once it is not known)."""

    def __init__(self):
        self.low = bytearray()
        self.size = 0

    def apply(self, off, data):
        if not data:
            return              # a zero-length write changes nothing
        end = off + len(data)
        if self.size is not None:
            self.size = max(self.size, end)
        if off >= LOW_LIMIT:
            return
        data = data[:LOW_LIMIT - off]
        if len(self.low) < off:
            self.low += bytes(off - len(self.low))
        self.low[off:off + len(data)] = data

    def full(self):
        """The low part as it reads: zeros up to the size (a write
        beyond LOW_LIMIT leaves a hole)."""
        n = min(self.size, LOW_LIMIT) if self.size is not None else 0
        return bytes(self.low) + bytes(max(0, n - len(self.low)))

    def copy(self):
        s = Shadow()
        s.low = bytearray(self.low)
        s.size = self.size
        return s


class Case:
    """One gen_inline case: the connection's state and the shadow."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng
        self.prefix = "inl%08x" % self.rng.getrandbits(32)
        self.name = self.prefix + ".bin"
        self.fid = None
        self.large = False
        self.shadow = Shadow()
        # Set when the last act may or may not have happened (the
        # connection dropped under a write, the disk filled): the shadow
        # before it and the write's (offset, data).
        self.maybe = None
        self.extra = {}         # kind -> FID (read-only, write-through...)
        self.share_tid = 0xFFFF
        self.ipc_tid = None
        self.pipe_name = None
        self.bound = False
        self.scratch = 0
        self.pending = None     # a write sent, its reply not in yet

    # -- helpers --

    def fail(self, why, reply=None):
        self.ctx.rec.bad_reply(reply.raw[:256] if reply is not None
                               else b"", [why])
        raise Mismatch(why)

    def request(self, msg, tid=None):
        if tid is not None:
            msg.tid = tid
        r = self.ctx.request(msg)
        if r is None:
            self.fail("no reply to command 0x%02x alone in flight"
                      % msg.blocks[0].cmd)
        return r

    def echo(self):
        """The connection must still answer (it may also have closed,
        which raises Closed)."""
        ctx = self.ctx
        m = ctx.msg(M.echo(1, b"inline"))
        ctx.conn.send(m.build())
        r = ctx.conn.recv_reply(ctx.cfg.timeout, m.mid)
        if r is None:
            self.fail("no ECHO reply after the request")

    def open(self, name, disposition=1, access=0x0012019F, options=0x40,
             tid=None):
        r = self.request(self.ctx.msg(M.nt_create(
            name, disposition=disposition, access=access, options=options)),
            tid)
        if r.status != 0 or r.wc < 4:
            return None
        fid = u16(r.words, 5)
        if self.extra.get("closed") == fid:
            del self.extra["closed"]        # its number is in use again
        return fid

    def close(self, fid, tid=None):
        return self.request(self.ctx.msg(M.close(fid)), tid)

    def exists(self, name):
        r = self.request(self.ctx.msg(M.transaction(
            M.TRANSACTION2, [M.TRANS2_QUERY_PATH_INFORMATION],
            struct.pack("<HI", QUERY_FILE_BASIC, 0) +
            M.smb_string(name, True), b"")))
        if r.status == 0:
            return True
        if r.status == STATUS_OBJECT_NAME_NOT_FOUND:
            return False
        self.fail("QUERY_PATH_INFORMATION of %s: 0x%08x" % (name, r.status),
                  r)

    def new_scratch(self, suffix=""):
        self.scratch += 1
        name = "%s-s%d%s" % (self.prefix, self.scratch, suffix)
        fid = self.open(name, disposition=2)
        if fid is None:
            return None
        self.close(fid)
        return name

    def send_pieces(self, data, mode):
        """Send @data (framed) whole, or in pieces with pauses."""
        conn = self.ctx.conn
        rng = self.rng
        if mode == "whole":
            conn.send_raw(data)
            return
        cuts = set()
        if mode == "head":
            # Up to where the payload starts: the server has the head and
            # decides while the payload is not there yet.
            cuts.add(min(len(data) - 1, 4 + HDR + 1 + 28 + 2 +
                         rng.choice((0, 1, 2))))
        for _ in range(rng.randint(1, 4)):
            cuts.add(rng.choice((rng.randint(1, 4 + HDR + 1),
                                 rng.randint(1, min(len(data) - 1, 300)),
                                 rng.randint(1, len(data) - 1))))
        pos = 0
        for cut in sorted(cuts) + [len(data)]:
            if cut <= pos:
                continue
            conn.send_raw(data[pos:cut])
            pos = cut
            time.sleep(rng.choice((0.001, 0.005, 0.02, 0.1)))

    def exchange(self, raw, mid, what, modes=("whole", "whole", "pieces")):
        """Send the message @raw, whole or in pieces, and return its
        reply: there must be one."""
        ctx = self.ctx
        ctx.conn.signer.count(raw)
        self.send_pieces(ctx.conn.frame(raw), self.rng.choice(modes))
        rep = ctx.conn.recv_reply(ctx.cfg.timeout, mid)
        if rep is None:
            self.fail("no reply to %s" % what)
        return rep

    # -- setting up --

    def setup(self):
        ctx = self.ctx
        rng = self.rng
        ctx.caps = F.CAPS | CAP_UNIX
        ctx.prelude(2)
        if not ctx.logged_in or not ctx.cfg.share:
            return False
        r = ctx.tree_connect()
        if r is None or r.status != 0:
            return False
        self.share_tid = ctx.tid
        self.large = bool(ctx.neg.capabilities & CAP_LARGE_WRITEX)
        self.fid = self.open(self.name, disposition=5)
        if self.fid is None:
            return False
        if rng.random() < 0.5:
            self.extra["ro"] = self.open(self.name, access=0x00120089)
        if rng.random() < 0.4:
            self.extra["wt"] = self.open(self.name, options=0x42)
        if rng.random() < 0.4:
            self.extra["dir"] = self.open(self.prefix + "-d", disposition=2,
                                          access=0x00100081, options=0x1)
        if rng.random() < 0.4:
            fid = self.open(self.name)
            if fid is not None:
                self.close(fid)
                self.extra["closed"] = fid
        if rng.random() < 0.3:
            r = self.request(ctx.msg(M.tree_connect(ctx.share_path("IPC$"))))
            if r.status == 0:
                self.ipc_tid = r.tid
                self.pipe_name = rng.choice(("\\srvsvc", "\\wkssvc"))
                self.extra["pipe"] = self.open(self.pipe_name,
                                               access=0x2019F, options=0,
                                               tid=self.ipc_tid)
        self.extra = dict((k, v) for k, v in self.extra.items()
                          if v is not None)
        return True

    # -- writes --

    def payload_len(self):
        rng = self.rng
        n = rng.choice((SPLIT_MIN_PAYLOAD - 64, SPLIT_MIN_PAYLOAD - 40,
                        SPLIT_MIN_PAYLOAD, SPLIT_MIN_PAYLOAD + 1, 12000,
                        16384, 61440, 65535, 65536, 100000, 120000))
        if not self.large:
            n = min(n, self.ctx.neg.max_buffer_size - 100)
        return max(n, 1)

    def write(self, last):
        """One WRITE_ANDX, maybe lying, maybe trickled; its effect checked
        (and put in the shadow)."""
        ctx = self.ctx
        rng = self.rng
        n = self.payload_len()
        off = rng.choice((0, 1, 4095, 4096, len(self.shadow.low),
                          rng.randint(0, len(self.shadow.low) + 9000),
                          rng.randint(0, 300000)))
        fid, tid, writable = self.fid, self.share_tid, True
        unchecked = False
        r = rng.random()
        if r < 0.2 and self.extra:
            kind = rng.choice(sorted(self.extra))
            fid = self.extra[kind]
            writable = kind == "wt"
            if kind == "pipe":
                if not self.bound and rng.random() < 0.7:
                    return self.pipe_bind()
                tid = rng.choice((self.ipc_tid, self.share_tid))
                writable = False
                # On IPC$ a write of junk to the pipe may well succeed.
                unchecked = tid == self.ipc_tid
        elif r < 0.25:
            fid, writable = rng.choice((0xFFFF, 0, rng.getrandbits(16))), \
                False
            if fid == self.fid or fid in self.extra.values():
                fid, writable = 0xFFFF, False
        payload = bytes(rng.getrandbits(8) for _ in range(n))
        b = M.write_andx(fid, payload, off, large=rng.random() < 0.8,
                         write_mode=rng.choice((0, 0, 0, 1, 8)),
                         pad=rng.choice((1, 1, 0, 3, 100, 250)))
        lie = []
        if rng.random() < 0.5:
            lie = self.write_lie(b, n, off)
        m = ctx.msg(b, tid=tid)
        raw = m.build()
        if rng.random() < 0.1:
            raw += bytes(rng.getrandbits(8) for _ in range(rng.choice(
                (1, 7, 5000))))                 # past DataLength
            lie.append("trailer")
        ctx.note("write fid %d off %d len %d%s" % (fid, off, n, (" lies: " +
                 ",".join(lie)) if lie else ""))
        writable = writable and "andx" not in lie
        effect = write_effect(raw, self.large)
        if effect[0] == "write" and not writable:
            effect = ("error",)
        ctx.conn.signer.count(raw)
        framed = ctx.conn.frame(raw)
        if last and rng.random() < 0.3:
            return self.write_dropped(framed, raw, writable)
        mode = rng.choice(("whole", "whole", "pieces", "head"))
        if effect[0] == "write":
            self.pending = (self.shadow.copy(),) + effect[1:]
        self.send_pieces(framed, mode)
        rep = ctx.conn.recv_reply(ctx.cfg.timeout, m.mid)
        self.pending = None
        if rep is None:
            self.fail("no reply to a WRITE_ANDX of %d bytes sent %s"
                      % (len(raw), mode))
        if unchecked:
            return
        if effect[0] == "error":
            if rep.status == 0:
                self.fail("WRITE_ANDX that must fail (%s) answered "
                          "success" % (",".join(lie) or "fid"), rep)
            return
        _, woff, data = effect
        if rep.status == STATUS_DISK_FULL:
            self.maybe = (self.shadow.copy(), woff, data)
            self.shadow.apply(woff, data)
            return "stop"
        if rep.status != 0 and woff + len(data) > 1 << 44:
            return      # a file system with a smaller maximum size
        if rep.status != 0 or rep.wc < 6:
            self.fail("WRITE_ANDX of %d bytes at %d failed: 0x%08x (%s)"
                      % (len(data), woff, rep.status, ",".join(lie)), rep)
        count = u16(rep.words, 4) | u16(rep.words, 8) << 16
        if count != len(data):
            self.fail("WRITE_ANDX of %d bytes answered Count %d"
                      % (len(data), count), rep)
        self.shadow.apply(woff, data)
        if woff + len(data) > LOW_LIMIT:
            self.read_check(woff, data)

    def pipe_bind(self):
        """A DCE/RPC BIND padded to a large write (its frag_length
        covers the padding, which a BIND may carry) on the pipe: the
        helper must see the bytes sent and answer a BIND_ACK."""
        ctx = self.ctx
        rng = self.rng
        n = rng.choice((1000, SPLIT_MIN_PAYLOAD + 8, 12000, 61440))
        if not self.large:
            n = min(n, ctx.neg.max_buffer_size - 100)
        pdu = bytearray(F.srvsvc_bind(self.pipe_name))
        pdu += bytes(rng.getrandbits(8) for _ in range(n - len(pdu)))
        struct.pack_into("<H", pdu, 8, n)
        # DataOffset past KCIFSD_SPLIT_HEAD_MAX: never split.
        pad = rng.choice((1, 1, 250))
        m = ctx.msg(M.write_andx(self.extra["pipe"], bytes(pdu), 0, True,
                                 rng.choice((0, 8, 0xC)), pad),
                    tid=self.ipc_tid)
        raw = m.build()
        ctx.note("pipe BIND in a WRITE_ANDX of %d bytes, pad %d" % (n, pad))
        rep = self.exchange(raw, m.mid, "a pipe WRITE_ANDX of %d bytes" % n,
                            ("whole", "pieces"))
        if rep.status != 0:
            self.fail("pipe WRITE_ANDX of a BIND (%d bytes): 0x%08x"
                      % (n, rep.status), rep)
        self.bound = True
        r = ctx.request(ctx.msg(M.read_andx(self.extra["pipe"], 0, 4280),
                                tid=self.ipc_tid),
                        timeout=ctx.cfg.timeout)
        if r is None:
            self.fail("no BIND_ACK to a BIND written in a WRITE_ANDX of %d "
                      "bytes (the helper got other bytes?)" % n)
        doff = u16(r.words, 12) if r.wc >= 12 else 0
        if r.status != 0 or r.raw[doff + 2:doff + 3] != b"\x0c":
            self.fail("a BIND written in a WRITE_ANDX of %d bytes (pad %d) "
                      "got no BIND_ACK: status 0x%08x, %s" % (
                          n, pad, r.status, r.raw[doff:doff + 16].hex()), r)

    def write_lie(self, b, n, off):
        """One or two fields of @b that lie; returns their names."""
        rng = self.rng
        lies = []
        for _ in range(rng.choice((1, 1, 2))):
            what = rng.choice(("DataOffset", "DataLength", "DataLengthHigh",
                               "OffsetHigh", "wc", "bc", "andx"))
            if what == "DataOffset":
                b.set("DataOffset", rng.choice((0, 32, 58, 59, 60, 61, 63,
                                                64, 255, 256, 257, 0xFFFF,
                                                rng.getrandbits(16))))
            elif what == "DataLength":
                b.set("DataLength", rng.choice((0, 1, n - 1, n + 1,
                                                0xFFFF, n >> 1)))
            elif what == "DataLengthHigh":
                b.set("DataLengthHigh", rng.choice((0, 1, 2, 0xFFFF)))
            elif what == "OffsetHigh":
                if not b.has("OffsetHigh"):
                    continue
                b.set("OffsetHigh", rng.choice((1, 0x7FFFFFFF, 0x80000000,
                                                0xFFFFFFFF)))
            elif what == "wc":
                b.wc = rng.choice((0, 10, 11, 13, 15, 12, 14))
            elif what == "bc":
                b.bc = rng.choice((0, 1, 0xFFFF, n + 1))
            else:
                # A follow-on at an offset no chain allows: refused whole.
                b.andx_cmd = rng.choice((M.CLOSE, M.READ_ANDX, 0x2F))
                b.andx_off = rng.choice((0, 1, 33))
            lies.append(what)
        return lies

    def write_dropped(self, framed, raw, writable):
        """The last write breaks off: its frame says more than comes, or
        the connection goes in the middle of the payload. Whether any of
        it was written is open; the rest of the file is not. A frame that
        says more may make a write valid that the bytes sent are not."""
        rng = self.rng
        conn = self.ctx.conn
        if rng.random() < 0.5:
            more = rng.choice((1, 100, 5000))
            framed = conn.frame(raw, len(raw) + more)
            conn.send_raw(framed)
            time.sleep(rng.choice((0, 0.05, 0.3)))
            self.ctx.note("frame announced %d bytes more" % more)
            effect = write_effect(raw + bytes(more), self.large)
        else:
            effect = write_effect(raw, self.large)
            cut = rng.randint(4 + HDR + 60, len(framed) - 1)
            self.send_pieces(framed[:cut], "pieces")
            self.ctx.note("connection dropped after %d of %d bytes"
                          % (cut, len(framed)))
        conn.close(rst=rng.random() < 0.5)
        if writable and effect[0] == "write":
            _, woff, data = effect
            self.maybe = (self.shadow.copy(), woff, data)
            self.shadow.apply(woff, data)
        return "stop"

    def read_check(self, off, data):
        """Read @data back at @off at once (beyond the shadow's span)."""
        ctx = self.ctx
        pos = 0
        while pos < len(data):
            want = min(60000, len(data) - pos)
            r = self.request(ctx.msg(M.read_andx(self.fid, off + pos, want,
                                                 max_count_high=0)))
            if r.status != 0 or r.wc < 12:
                self.fail("READ_ANDX of %d at %d after a write there: "
                          "0x%08x" % (want, off + pos, r.status), r)
            n = u16(r.words, 10) | u16(r.words, 14) << 16
            doff = u16(r.words, 12)
            got = r.raw[doff:doff + n]
            if n == 0 or got != data[pos:pos + n]:
                self.fail("read back %d bytes at %d: not what was written"
                          % (n, off + pos), r)
            pos += n

    # -- TRANS2 --

    def trans2(self):
        ctx = self.ctx
        rng = self.rng
        kind = rng.choice(("qpi", "qfi", "qfi", "spi"))
        level = rng.choice((QUERY_FILE_BASIC, QUERY_FILE_STANDARD,
                            QUERY_FILE_ALL, 0x3EC, 0x200, 0xFFFF))
        target = None
        data = b""
        if kind == "qpi":
            name = rng.choice((self.name, self.name, self.prefix + "-none",
                               "", "\\" + self.name))
            params = struct.pack("<HI", level, 0) + M.smb_string(name, True)
            sub = M.TRANS2_QUERY_PATH_INFORMATION
        elif kind == "qfi":
            fid = rng.choice([self.fid] * 3 + list(self.extra.values()) +
                             [0xFFFF])
            params = struct.pack("<HH", fid, level)
            sub = M.TRANS2_QUERY_FILE_INFORMATION
            name = self.name if fid == self.fid else None
        else:
            target = self.new_scratch()
            if target is None:
                return
            name = target
            level = POSIX_PATH_UNLINK
            params = struct.pack("<HI", level, 0) + M.smb_string(name, True)
            data = struct.pack("<H", rng.choice((0, 0, 0, 1, 2)))
            sub = M.TRANS2_SET_PATH_INFORMATION
        b = M.transaction(M.TRANSACTION2, [sub], params, data,
                          max_param=rng.choice((2, 10, 1024, 0xFFFF, 0)),
                          max_data=rng.choice((0, 10, 40, 4096, 0xFFFF)))
        m = ctx.msg(b)
        raw = m.build()
        lie = None
        if rng.random() < 0.6:
            lie = rng.choice(("poff_end", "poff_low", "pcount", "wc",
                              "setup", "cut_word", "truncate", "doff"))
            total = len(raw)
            if lie == "poff_end":
                b.set("ParameterOffset", rng.choice((total - 2, total - 1,
                                                     total, total + 1,
                                                     0xFFFF)))
            elif lie == "poff_low":
                b.set("ParameterOffset", rng.choice((0, 1, 60, 61, 62, 63)))
            elif lie == "pcount":
                b.set("ParameterCount", rng.choice((0, 1, 2, 3, 0xFFFF)))
            elif lie == "wc":
                b.wc = rng.choice((14, 16, 0, 17))
            elif lie == "setup":
                b.set("SetupCount", rng.choice((0, 2, 3, 0xFF)))
            elif lie == "cut_word":
                # The first parameter word cut: one byte of it, the end.
                b.set("ParameterCount", 1)
                b.set("TotalParameterCount", 1)
            elif lie == "doff":
                b.set("DataOffset", rng.choice((0, total, 0xFFFF)))
            raw = m.build()
            if lie == "truncate":
                raw = raw[:rng.choice((HDR + 1 + 30, HDR + 1 + 29,
                                       HDR + 1 + 31, HDR + 1 + 32))]
            elif lie == "cut_word":
                poff = b.get("ParameterOffset")
                raw = raw[:poff + 1]
            ctx.note("trans2 %s %s" % (kind, lie))
        rep = self.exchange(raw, m.mid, "TRANS2 %s (%s)" % (kind, lie))
        if lie is None and rep.status == 0 and name == self.name and \
                level in (QUERY_FILE_STANDARD, QUERY_FILE_ALL) and \
                self.shadow.size is not None and rep.wc >= 10:
            doff, dcnt = u16(rep.words, 14), u16(rep.words, 12)
            at = 8 if level == QUERY_FILE_STANDARD else 48
            if dcnt >= at + 8:
                eof = struct.unpack_from("<Q", rep.raw, doff + at)[0]
                if eof != self.shadow.size:
                    self.fail("%s says EndOfFile %d, %d written"
                              % (kind, eof, self.shadow.size), rep)
        if target is not None:
            gone = not self.exists(target)
            if rep.status != 0 and gone:
                self.fail("POSIX unlink failed (0x%08x) yet the file is "
                          "gone" % rep.status, rep)
            if rep.status == 0 and lie is None and not gone:
                self.fail("POSIX unlink answered success, the file is "
                          "still there", rep)

    # -- CLOSE and DELETE --

    def close_case(self):
        ctx = self.ctx
        rng = self.rng
        which = rng.choice(("own", "own", "own", "main", "closed", "bad"))
        fid = {"main": self.fid, "closed": self.extra.get("closed", 0xFFFF),
               "bad": 0xFFFF}.get(which)
        if which == "own":
            fid = self.open(self.name)
            if fid is None:
                self.fail("could not open the case's own file again")
        b = M.close(fid, rng.choice((0xFFFFFFFF, 0, 0xFFFFFFFF)))
        lie = None
        if rng.random() < 0.5:
            lie = rng.choice(("wc", "bc", "bytes"))
            if lie == "wc":
                b.wc = rng.choice((0, 1, 2, 4, 255))
            elif lie == "bc":
                b.bc = rng.choice((1, 2, 0xFFFF))
            else:
                b.data = bytes(rng.getrandbits(8) for _ in range(
                    rng.choice((1, 2, 100))))
        m = ctx.msg(b)
        raw = m.build()
        if lie == "wc" and b.wc > 3:
            raw += bytes(2 * (b.wc - 3))         # room for what it says
        ctx.note("close %s%s" % (which, " " + lie if lie else ""))
        rep = self.exchange(raw, m.mid, "CLOSE (%s)" % lie)
        if which in ("closed", "bad") and rep.status == 0:
            self.fail("CLOSE of a FID not open answered success", rep)
        if which not in ("own", "main"):
            return
        r = self.request(ctx.msg(M.transaction(
            M.TRANSACTION2, [M.TRANS2_QUERY_FILE_INFORMATION],
            struct.pack("<HH", fid, QUERY_FILE_BASIC), b"")))
        if rep.status == 0 and r.status == 0:
            self.fail("CLOSE answered success, the FID still works", rep)
        if rep.status != 0 and r.status != 0:
            self.fail("CLOSE failed (0x%08x), the FID is gone" % rep.status,
                      rep)
        if rep.status != 0 and which == "own":
            self.close(fid)
        if rep.status == 0 and which == "main":
            self.fid = self.open(self.name)
            if self.fid is None:
                self.fail("could not open the case's own file again")

    def delete_name(self, name, rng):
        """DELETE's Bytes for @name: BufferFormat, maybe the pad, the
        name, maybe no terminator; or an OEM name. Returns (bytes,
        unicode, what lies)."""
        unicode = rng.random() < 0.85
        pad = 1 if unicode else 0
        fmt = 0x04
        lie = rng.choice((None, None, "nonul", "nopad", "extrapad",
                          "format", "oddname"))
        if lie == "nopad":
            pad = 0
        elif lie == "extrapad":
            pad = 2
        elif lie == "format":
            fmt = rng.choice((0x00, 0x01, 0x05, 0xFF))
        body = M.smb_string(name, unicode, terminate=lie != "nonul")
        if lie == "oddname":
            body = body[:-3] + body[-2:] if unicode else body
        return bytes((fmt,)) + b"\0" * pad + body, unicode, lie

    def delete(self):
        ctx = self.ctx
        rng = self.rng
        wild = rng.random() < 0.35
        # Characters whose UTF-16 units hold a byte of a wildcard
        # character ('*' 2A, '?' 3F, '<' 3C, '>' 3E, '"' 22).
        suffix = rng.choice(("", "", "\u2a2a", "\u3f41", "\u413c",
                             "\u223e", "x"))
        target = self.new_scratch(suffix)
        if target is None:
            return
        name = target
        if wild:
            # Only in the scratch part: the case's data file (open) and
            # directory share the prefix.
            i = rng.randrange(target.index("-s") + 2, len(target))
            name = target[:i] + rng.choice("*?<>\"") + target[i + 1:]
            if rng.random() < 0.3:
                name = target[:i] + "*"
        data, unicode, lie = self.delete_name(name, rng)
        b = M.Block(M.DELETE, [["SearchAttributes", "H", 0x16]], data)
        if rng.random() < 0.3:
            b.wc = rng.choice((0, 2, 255))
            lie = (lie or "") + " wc"
        elif rng.random() < 0.2:
            b.bc = rng.choice((0, 1, len(data) - 1, len(data) + 1, 0xFFFF))
            lie = (lie or "") + " bc"
        flags2 = smbraw.DEFAULT_FLAGS2
        if not unicode:
            flags2 &= ~smbraw.SMB_FLAGS2_UNICODE
        m = ctx.msg(b, flags2=flags2)
        raw = m.build()
        if b.wc == 255:
            raw += bytes(500)
        ctx.note("delete %r%s" % (name, " lies: " + lie if lie else ""))
        rep = self.exchange(raw, m.mid, "DELETE of %r (%s)" % (name, lie))
        gone = not self.exists(target)
        if rep.status != 0 and gone:
            self.fail("DELETE of %r failed (0x%08x) yet %r is gone"
                      % (name, rep.status, target), rep)
        if rep.status == 0 and not lie and not gone:
            self.fail("DELETE of %r answered success, %r is still there"
                      % (name, target), rep)
        if not gone:
            self.request(ctx.msg(M.core_path(
                M.DELETE, target, True, [["SearchAttributes", "H", 0x16]])))

    # -- the end --

    def verify(self):
        """Read the file back (a fresh connection if this one is gone)
        and compare with the shadow; then remove it."""
        ctx = self.ctx
        if ctx.conn is not None and not ctx.conn.closed:
            for kind, fid in sorted(self.extra.items()):
                if kind != "closed":
                    self.close(fid, self.ipc_tid if kind == "pipe" else None)
        else:
            fresh = F.Ctx(ctx.cfg, random.Random(self.rng.getrandbits(48)),
                          ctx.rec)
            fresh.caps = F.CAPS
            fresh.prelude(2)
            r = fresh.tree_connect()
            if r is None or r.status != 0:
                return
            self.ctx = ctx = fresh
            self.share_tid = ctx.tid
            self.fid = self.open(self.name)
            if self.fid is None:
                self.fail("the case's file cannot be opened again")
        self.compare(self.read_low())
        self.close(self.fid)
        self.request(ctx.msg(M.core_path(M.DELETE, self.name, True,
                                         [["SearchAttributes", "H", 0x16]])))
        if "dir" in self.extra:
            self.request(ctx.msg(M.core_path(M.DELETE_DIRECTORY,
                                             self.prefix + "-d", True)))

    def read_low(self):
        ctx = self.ctx
        got = bytearray()
        want = len(self.shadow.full())
        if self.maybe is not None:
            want = max(want, len(self.maybe[0].full()))
        while len(got) < want:
            n = min(60000, want - len(got))
            r = self.request(ctx.msg(M.read_andx(self.fid, len(got), n)))
            if r.status == STATUS_END_OF_FILE:
                break
            if r.status != 0 or r.wc < 12:
                self.fail("READ_ANDX at %d: 0x%08x" % (len(got), r.status), r)
            k = u16(r.words, 10) | u16(r.words, 14) << 16
            doff = u16(r.words, 12)
            if k == 0:
                break
            got += r.raw[doff:doff + k]
        return bytes(got)

    def check_now(self, when):
        """KCIFSD_INLINE_CHECK: compare after every step (no random
        numbers drawn, so a seed runs the same cases)."""
        self.ctx.note("check after %s" % when)
        self.compare(self.read_low())

    def compare(self, got):
        want = self.shadow.full()
        if self.maybe is None:
            if got != want:
                i = first_diff(got, want)
                self.fail("file content differs from what the writes put "
                          "there (%d bytes read, %d expected, first "
                          "difference at %d: %s, expected %s)"
                          % (len(got), len(want), i, got[i:i + 8].hex(),
                             want[i:i + 8].hex()))
            return
        before, woff, data = self.maybe
        old = before.full()
        # Either length; every byte the old or the new one, outside the
        # write's range the old one.
        if len(got) not in (len(old), len(want)):
            self.fail("after a broken-off write the file has %d bytes, "
                      "not %d or %d" % (len(got), len(old), len(want)))
        for i in range(len(got)):
            o = old[i] if i < len(old) else None
            w = want[i] if i < len(want) else None
            if got[i] != o and got[i] != w:
                self.fail("after a broken-off write at %d (%d bytes) byte "
                          "%d is neither old nor new: %s, old %s, new %s"
                          % (woff, len(data), i, got[i:i + 8].hex(),
                             old[i:i + 8].hex(), want[i:i + 8].hex()))
            if got[i] != o and not woff <= i < woff + len(data) and \
                    i < len(old):
                self.fail("a broken-off write at %d changed byte %d "
                          "outside its range" % (woff, i))


def first_diff(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i
    return min(len(a), len(b))


def gen_inline(ctx):
    """Requests alone in flight, which the receive work may answer
    itself (fs/rx_inline.c): large WRITE_ANDX split from the socket
    (DataOffset, DataLength(High), OffsetHigh, WordCount 12/14 lies,
    payload short or long, sent whole or trickled, FIDs closed, unknown,
    read-only, write-through, a pipe, a directory, connections dropped
    mid-payload), TRANS2 QPI/QFI/POSIX unlink with parameters at and past
    the end, CLOSE and DELETE with count lies, names without NUL, odd
    alignment, wildcard bytes; each followed by an ECHO, with replies
    checked against effects and the file read back at the end."""
    case = Case(ctx)
    if not case.setup():
        return
    rng = ctx.rng
    steps = rng.randint(2, 10)
    try:
        try:
            run_steps(case, steps)
        except F.Closed as e:
            # Dropped: the write in flight may or may not have landed.
            ctx.note("connection closed: %s" % e)
            case.ctx.conn.close()
            if case.pending is not None:
                case.maybe = case.pending
                case.shadow.apply(*case.pending[1:])
        case.verify()
    except Mismatch:
        pass


def run_steps(case, steps):
    rng = case.rng
    for i in range(steps):
        r = rng.random()
        if r < 0.5:
            stop = case.write(i == steps - 1)
        elif r < 0.7:
            stop = case.trans2()
        elif r < 0.85:
            stop = case.close_case()
        else:
            stop = case.delete()
        if stop:
            return
        case.echo()
        if CHECK_EACH:
            case.check_now("step %d" % i)
