#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""smbfuzz: a structure-aware network fuzzer for kcifsd (SMB1 over
Direct TCP 445 and NetBIOS 139).

    smbfuzz.py [--seed N] [--seconds S] [--iterations N] [--parallel N]
               [--user U --password P [--domain D] --share NAME]
               [--log-dir DIR] [--only GEN,...] [--list]
    smbfuzz.py --replay FILE [--case I]

Each case is a generator (see --list) run with its own seed on a fresh
connection: it brings the connection to the state it needs (negotiated,
logged in, tree connected, a file open) with well-formed requests, then
sends requests mutated at the field level (WordCount/ByteCount, AndX
links, offsets, counts, strings, NTLMSSP and SPNEGO blobs) and the byte
level, or abuses the framing (lengths that lie, split writes, slowloris,
abrupt closes, pipelining). Cases run in batches, some batches in
parallel threads; after every batch a fresh connection must still get a
NEGOTIATE and an ECHO answered (and log in, if it could at the start),
and, when readable, the kernel log must not show a WARNING, BUG, oops,
lockdep or hung-task report.

Everything is derived from --seed: batch N of a run is the same cases
every time. Before a batch runs, its cases (generator, seed, transport)
go to DIR/inflight.json; when something breaks, DIR/failure.json holds
the last batches with the bytes sent; --replay either file runs the same
cases again one at a time, checking the server after each.

Exit status: 0 all checks held, 1 a check failed, 2 usage or setup error.
"""

import argparse
import json
import os
import random
import re
import socket
import struct
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "vm"))

import inline  # noqa: E402
import mutate  # noqa: E402
import smbauth  # noqa: E402
import smbmsg as M  # noqa: E402
import smbraw  # noqa: E402
from mutate import geometric  # noqa: E402

STATUS_SUCCESS = 0
STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016

# What the runner (tests/vm/guest-runner.sh) treats as a kernel failure.
DMESG_BAD = re.compile(
    r"WARNING:|BUG:|Oops|general protection|possible circular locking|"
    r"possible recursive locking|inconsistent lock state|"
    r"suspicious RCU usage|refcount_t|list_add corruption|"
    r"list_del corruption|kernel BUG|UBSAN|KASAN|suspected memory leak|"
    r"hung_task|blocked for more than|"
    # SLUB debugging (slub_debug=FZPU): corruption found when freeing.
    r"Poison overwritten|Redzone overwritten|Object padding overwritten|"
    r"Freepointer corrupt|Object already free|Wrong object count")

CAPS = (smbraw.CAP_UNICODE | smbraw.CAP_LARGE_FILES | smbraw.CAP_NT_SMBS |
        smbraw.CAP_STATUS32 | smbraw.CAP_LARGE_READX |
        smbraw.CAP_LARGE_WRITEX)


class Closed(Exception):
    """The server closed (or reset) the connection."""


class Skip(Exception):
    """A case cannot run here (a port that is off)."""


# ---- the connection ----

class FuzzConn:
    """A socket with SMB framing and the hostile ways to use it."""

    def __init__(self, cfg, netbios, record, session=True):
        self.cfg = cfg
        self.netbios = netbios
        self.record = record
        port = cfg.nbt_port if netbios else cfg.port
        if not port:
            raise Skip("port off")
        self.sock = socket.create_connection((cfg.host, port),
                                             timeout=cfg.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.closed = False
        self.rx = b""
        self.signer = smbauth.Signer()
        self.strict_signing = False
        if netbios and session:
            self.send_raw(smbraw.nbt_session_request())
            ptype, body = self.recv_packet(cfg.timeout)
            if ptype != smbraw.NBT_POSITIVE_RESPONSE:
                raise Closed("NetBIOS session refused: 0x%02x" % ptype)

    def close(self, rst=False):
        if self.closed:
            return
        self.closed = True
        try:
            if rst:
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                     struct.pack("ii", 1, 0))
            self.sock.close()
        except OSError:
            pass

    # -- sending --

    def send_raw(self, data):
        self.record.sent.append(data)
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise Closed("send timed out (server not reading)")
        except OSError as e:
            raise Closed("send: %s" % e)

    def frame(self, msg, length=None, ptype=0):
        """Frame @msg; @length overrides the header's length field."""
        n = len(msg) if length is None else length
        if self.netbios:
            return struct.pack(">BBH", ptype, (n >> 16) & 0xFF,
                               n & 0xFFFF) + msg
        return struct.pack(">I", n & 0xFFFFFFFF) + msg

    def send(self, msg):
        """One message, numbered and, once signing is on, signed (after
        any mutation: the server then judges the content, not the MAC)."""
        arrival = self.signer.count(msg)
        self.send_raw(self.frame(self.signer.sign(msg, arrival)))
        return arrival

    # -- receiving --

    def _fill(self, n, deadline):
        while len(self.rx) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise
            except OSError as e:
                raise Closed("recv: %s" % e)
            if not chunk:
                raise Closed("EOF")
            self.rx += chunk

    def recv_packet(self, timeout):
        """(type, body) of the next framed packet; socket.timeout or
        Closed. NetBIOS keepalives are skipped."""
        deadline = time.monotonic() + timeout
        while True:
            self._fill(4, deadline)
            if self.netbios:
                ptype, fl, n = struct.unpack(">BBH", self.rx[:4])
                n |= (fl & 1) << 16
            else:
                ptype, n = 0, struct.unpack(">I", self.rx[:4])[0] & 0xFFFFFF
            self._fill(4 + n, deadline)
            body, self.rx = self.rx[4:4 + n], self.rx[4 + n:]
            if ptype != smbraw.NBT_KEEP_ALIVE:
                return ptype, body

    def recv_reply(self, timeout, mid=None):
        """The next SMB reply (with @mid if given, skipping others), or
        None on timeout. Checks its structure."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                ptype, body = self.recv_packet(left)
            except socket.timeout:
                return None
            if ptype != smbraw.NBT_SESSION_MESSAGE or not body:
                continue        # NetBIOS responses, keepalives
            self.record.replies += 1
            problems = M.check_reply(body)
            if self.cfg.canary_forms and \
                    any(c in body for c in self.cfg.canary_forms):
                problems.append("data from outside the share (the canary)")
            if problems:
                self.record.bad_reply(body, problems)
                continue
            good = self.signer.verify_reply(body)
            if good:
                self.record.signed += 1
            if good is False:
                if self.strict_signing:
                    self.record.bad_reply(body, ["bad reply signature"])
                else:
                    self.record.notes.append("bad reply signature")
            r = smbraw.Reply(M.normalize_reply(body))
            self.record.status(r.status)
            if mid is None or r.mid == mid:
                return r

    def drain(self, timeout):
        """Read replies until @timeout passes with nothing new; returns
        how many. Closed if the server closes."""
        n = 0
        while self.recv_reply(timeout) is not None:
            n += 1
        return n


# ---- one case ----

class Record:
    """What one case did: its identity, the bytes it sent, what came
    back. Kept for the failure report and for statistics."""

    def __init__(self, gen, seed, netbios):
        self.gen = gen
        self.seed = seed
        self.netbios = netbios
        self.sent = []
        self.replies = 0
        self.signed = 0
        self.statuses = {}
        self.bad = []
        self.notes = []
        self.outcome = "ok"
        self.lock = threading.Lock()

    def status(self, st):
        self.statuses[st] = self.statuses.get(st, 0) + 1

    def bad_reply(self, body, problems):
        self.bad.append({"reply": body[:256].hex(), "problems": problems})

    def ident(self):
        return {"gen": self.gen, "seed": self.seed, "netbios": self.netbios}

    def dump(self):
        d = self.ident()
        d.update(outcome=self.outcome, notes=self.notes[-20:],
                 sent=[s[:8192].hex() for s in self.sent[-64:]],
                 bad_replies=self.bad[:8])
        return d


class Ctx:
    """A case in progress: its random source, connection and the SMB
    state it built (negotiated flags, UID, TID, FID)."""

    def __init__(self, cfg, rng, record):
        self.cfg = cfg
        self.rng = rng
        self.rec = record
        self.conn = None
        self.mid = 1
        self.uid = 0
        self.tid = 0xFFFF
        self.fid = 0
        self.ext = False
        self.unicode = True
        self.challenge = b"\0" * 8
        self.session_key = 0
        self.neg = None
        self.logged_in = False
        self.signing = False
        self.caps = CAPS        # what SESSION_SETUP offers

    def note(self, s):
        self.rec.notes.append(s)

    def connect(self, netbios=None, session=True):
        if netbios is None:
            netbios = self.rec.netbios
        self.conn = FuzzConn(self.cfg, netbios, self.rec, session)
        return self.conn

    def next_mid(self):
        self.mid = (self.mid + 1) & 0xFFFF or 1
        return self.mid

    def msg(self, *blocks, **hdr):
        hdr.setdefault("uid", self.uid)
        hdr.setdefault("tid", self.tid)
        hdr.setdefault("mid", self.next_mid())
        hdr.setdefault("flags2", smbraw.DEFAULT_FLAGS2 |
                       (smbraw.SMB_FLAGS2_EXTENDED_SECURITY if self.ext
                        else 0))
        return M.Msg(blocks, **hdr)

    def request(self, msg, timeout=None):
        """Send @msg, return its reply (matched by MID) or None."""
        self.conn.send(msg.build())
        return self.conn.recv_reply(timeout or self.cfg.timeout, msg.mid)

    def fuzz_send(self, msg, level=None):
        """Mutate @msg (fields, then maybe bytes) and send it; sometimes
        it goes out untouched, so deeper states are reached too."""
        rng = self.rng
        if level is None:
            level = rng.random()
        if level < 0.12:
            data = msg.build()
        else:
            self.note(" ".join(mutate.mutate_msg(rng, msg)))
            data = msg.build()
            if rng.random() < 0.25:
                data = mutate.mutate_bytes(rng, data, geometric(rng, 0.5, 4),
                                           protect=4)
        self.conn.send(data)
        return msg.mid

    def poll(self):
        """Read the replies that are already there, without waiting."""
        self.conn.drain(0.01)

    def settle(self, timeout=None):
        """Read what the server has to say (and whether it closes)."""
        self.conn.drain(timeout if timeout is not None
                        else self.cfg.quiet)

    # -- reaching a state with well-formed requests --

    def negotiate(self, ext=None):
        if ext is None:
            ext = self.rng.random() < 0.5
        self.ext = ext
        flags2 = smbraw.DEFAULT_FLAGS2 | \
            (smbraw.SMB_FLAGS2_EXTENDED_SECURITY if ext else 0)
        m = M.Msg([M.negotiate(smbraw.WINDOWS_DIALECTS)], flags2=flags2,
                  mid=self.next_mid())
        self.conn.send(m.build())
        raw = self.conn.recv_reply(self.cfg.timeout, m.mid)
        if raw is None:
            raise Closed("no NEGOTIATE reply")
        r = smbraw.NegotiateReply(raw.raw)
        if r.status != STATUS_SUCCESS or r.wc != 17:
            raise Closed("NEGOTIATE failed: 0x%08x" % r.status)
        self.neg = r
        self.challenge = r.challenge
        self.session_key = r.session_key
        return r

    def login(self):
        """Log on with the configured account (NTLMv2, or NTLMSSP in
        SPNEGO after an extended NEGOTIATE); a null session without one.
        Leaves self.uid set on success."""
        cfg = self.cfg
        if self.neg is None:
            self.negotiate()
        if not cfg.user:
            m = self.msg(M.session_setup_nt(b"", b"", "", "", True,
                                            self.session_key), uid=0)
            if self.ext:
                m = self.msg(M.session_setup_ext(
                    self.ntlmssp_anonymous(), True, self.session_key),
                    uid=0)
            r = self.request(m)
        elif self.ext:
            r = self.login_ntlmssp()
        else:
            r = self.login_nt()
        if r is not None and r.status == STATUS_SUCCESS:
            self.uid = r.uid
            self.logged_in = True
        return r

    def ntlm_responses(self):
        cc = bytes(self.rng.getrandbits(8) for _ in range(8))
        av = smbauth.av_list([(smbauth.AV_NB_DOMAIN,
                               smbauth.utf16(self.cfg.domain or "WORKGROUP"))])
        return smbauth.ntlmv2_responses(self.cfg.nthash, self.cfg.user,
                                        self.cfg.domain, self.challenge,
                                        cc, 0x01D0000000000000, av)

    def login_nt(self, nt=None, lm=None, sign=False):
        key = None
        if nt is None:
            nt, lm, key = self.ntlm_responses()
        m = self.msg(M.session_setup_nt(lm, nt, self.cfg.user,
                                        self.cfg.domain, True,
                                        self.session_key, caps=self.caps),
                     uid=0, flags2=self.sign_flags2(sign))
        arrival = self.conn.signer.next
        r = self.request(m)
        if sign and key is not None:
            self.start_signing(r, key + nt, arrival)
        return r

    def sign_flags2(self, sign):
        flags2 = smbraw.DEFAULT_FLAGS2
        if self.ext:
            flags2 |= smbraw.SMB_FLAGS2_EXTENDED_SECURITY
        if sign:
            flags2 |= smbraw.SMB_FLAGS2_SMB_SECURITY_SIGNATURE
        return flags2

    def start_signing(self, r, key, arrival):
        """The logon reply @r tells whether the server turned signing
        on (it signed the reply); check that signature too."""
        if r is None or r.status != STATUS_SUCCESS or \
                not r.flags2 & smbraw.SMB_FLAGS2_SMB_SECURITY_SIGNATURE:
            return
        signer = self.conn.signer
        signer.activate(key, arrival)
        # Samba echoes the flag but leaves this one reply unsigned.
        if r.signature != b"\0" * 8 and signer.verify_reply(r.raw) is False:
            self.rec.bad_reply(r.raw, ["bad signature on the logon reply"])
        self.signing = True

    def ntlmssp_anonymous(self):
        return smbauth.ntlmssp_negotiate(smbauth.CLIENT_FLAGS |
                                         smbauth.NEGOTIATE_ANONYMOUS)

    def ext_leg1(self, token=None, wrap=True):
        """NTLMSSP NEGOTIATE; returns (reply, parsed CHALLENGE or None,
        the NEGOTIATE message)."""
        neg = token or smbauth.ntlmssp_negotiate()
        blob = smbauth.spnego_init(neg) if wrap else neg
        r = self.request(self.msg(M.session_setup_ext(
            blob, True, self.session_key, caps=self.caps | 0x80000000),
            uid=0))
        chal = None
        if r is not None and r.status == STATUS_MORE_PROCESSING_REQUIRED \
                and r.wc == 4:
            n = struct.unpack_from("<H", r.words, 6)[0]
            inner = smbauth.spnego_find_ntlmssp(r.data[:n])
            try:
                chal = smbauth.Challenge(inner) if inner else None
            except ValueError:
                chal = None
        return r, chal, neg

    def login_ntlmssp(self, wrap=None, sign=False):
        if wrap is None:
            wrap = self.rng.random() < 0.7
        token = None
        if sign:
            token = smbauth.ntlmssp_negotiate(smbauth.CLIENT_FLAGS |
                                              smbauth.NEGOTIATE_SIGN |
                                              smbauth.NEGOTIATE_KEY_EXCH)
        r, chal, neg = self.ext_leg1(token=token, wrap=wrap)
        if chal is None:
            return r
        uid = r.uid
        cc = bytes(self.rng.getrandbits(8) for _ in range(8))
        key = bytes(self.rng.getrandbits(8) for _ in range(16))
        flags = None
        if sign:
            flags = chal.flags & (smbauth.CLIENT_FLAGS |
                                  smbauth.NEGOTIATE_KEY_EXCH |
                                  smbauth.NEGOTIATE_SIGN)
            flags |= smbauth.NEGOTIATE_SIGN & chal.flags
        auth, session_key = smbauth.ntlmssp_authenticate(
            chal, neg, self.cfg.user, self.cfg.domain, self.cfg.nthash, cc,
            exported_key=key, with_mic=self.rng.random() < 0.5,
            flags=flags)
        blob = smbauth.spnego_resp(auth) if wrap else auth
        arrival = self.conn.signer.next
        r = self.request(self.msg(M.session_setup_ext(
            blob, True, self.session_key, caps=self.caps | 0x80000000),
            uid=uid, flags2=self.sign_flags2(sign)))
        if sign:
            self.start_signing(r, session_key, arrival)
        return r

    def share_path(self, share=None):
        return "\\\\127.0.0.1\\" + (share or self.cfg.share or "IPC$")

    def tree_connect(self, share=None):
        if not self.logged_in:
            self.login()
        r = self.request(self.msg(M.tree_connect(self.share_path(share))))
        if r is not None and r.status == STATUS_SUCCESS:
            self.tid = r.tid
        return r

    def open(self, name=None, disposition=3, options=0x40):
        """NT_CREATE_ANDX; self.fid on success."""
        if name is None:
            name = "fuzz-%d.bin" % self.rng.randrange(8)
        r = self.request(self.msg(M.nt_create(name, disposition=disposition,
                                              options=options)))
        if r is not None and r.status == STATUS_SUCCESS and r.wc >= 4:
            self.fid = struct.unpack_from("<H", r.words, 5)[0]
        return r

    def prelude(self, level):
        """Bring a fresh connection to @level: 0 connected, 1
        negotiated, 2 logged in, 3 tree connected (share, or IPC$ now
        and then), 4 a file open. A step that fails leaves the state as
        it is: later requests then exercise the error paths."""
        self.connect()
        if level >= 1:
            self.negotiate()
        if level >= 2:
            self.login()
        if level >= 3:
            ipc = not self.cfg.share or self.rng.random() < 0.15
            self.tree_connect("IPC$" if ipc else None)
        if level >= 4:
            self.open()


# ---- generators ----

GENERATORS = {}


def generator(level, weight, needs_login=False):
    def wrap(fn):
        GENERATORS[fn.__name__[4:]] = (fn, level, weight, needs_login)
        return fn
    return wrap


def rand_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def rand_len(rng, small=64):
    return rng.choice((0, 1, 2, 3, rng.randint(0, small),
                       rng.randint(0, small), rng.randint(0, 4096), 8192))


@generator(0, 6)
def gen_negotiate(ctx):
    """NEGOTIATE: dialect lists (SMB2 strings, long, many, none,
    missing terminators) and mutations, then ECHO if it answered."""
    rng = ctx.rng
    ctx.connect()
    r = rng.random()
    if r < 0.3:
        dialects = list(rng.sample(mutate.DIALECTS,
                                   rng.randint(0, len(mutate.DIALECTS))))
    elif r < 0.4:
        dialects = ["NT LM 0.12"] * rng.choice((100, 1000, 6000))
    else:
        dialects = list(smbraw.WINDOWS_DIALECTS)
    b = M.negotiate(dialects)
    if rng.random() < 0.2:
        b.data = b.data[:-1]                 # last string unterminated
    flags2 = smbraw.DEFAULT_FLAGS2
    if rng.random() < 0.5:
        flags2 |= smbraw.SMB_FLAGS2_EXTENDED_SECURITY
    ctx.fuzz_send(ctx.msg(b, flags2=flags2))
    for _ in range(rng.choice((0, 0, 1, 2))):
        ctx.fuzz_send(ctx.msg(M.negotiate(smbraw.WINDOWS_DIALECTS)))
    ctx.settle()
    ctx.conn.send(ctx.msg(M.echo(1, b"after")).build())
    ctx.settle()


@generator(0, 3)
def gen_before_negotiate(ctx):
    """Anything before NEGOTIATE: the server must close."""
    rng = ctx.rng
    ctx.connect()
    cmd = rng.choice(M.KNOWN_COMMANDS)
    b = M.raw_block(cmd, rand_bytes(rng, 2 * rng.randint(0, 24)),
                    rand_bytes(rng, rand_len(rng)))
    ctx.fuzz_send(ctx.msg(b))
    ctx.settle()


@generator(1, 6)
def gen_echo(ctx):
    """ECHO with odd counts and sizes; mutated."""
    rng = ctx.rng
    ctx.prelude(1)
    for _ in range(geometric(rng, 0.6, 6)):
        count = rng.choice((0, 1, 1, 2, 3, 100, 101, 0xFFFF))
        data = rand_bytes(rng, rng.choice((0, 1, 16, 1000, 16000)))
        ctx.fuzz_send(ctx.msg(M.echo(count, data)), level=rng.random())
    ctx.settle()


@generator(1, 5)
def gen_random_command(ctx):
    """A random command code with random Words and Bytes, after
    NEGOTIATE or after logon."""
    rng = ctx.rng
    ctx.prelude(rng.choice((1, 2, 3)))
    for _ in range(geometric(rng, 0.6, 8)):
        cmd = rng.choice(M.KNOWN_COMMANDS) if rng.random() < 0.8 \
            else rng.getrandbits(8)
        words = rand_bytes(rng, 2 * rng.choice((0, 1, 2, 3, 8, 12, 14, 15,
                                                 19, 24, rng.randint(0, 255))))
        b = M.raw_block(cmd, words, rand_bytes(rng, rand_len(rng)))
        ctx.fuzz_send(ctx.msg(b), level=rng.random())
    ctx.settle()


@generator(0, 8)
def gen_frame(ctx):
    """Framing: lengths that lie, bad NetBIOS types and flags, length 0,
    oversized lengths, keepalives, split writes, junk, abrupt ends."""
    rng = ctx.rng
    nb = ctx.rec.netbios
    conn = ctx.connect(session=not nb or rng.random() < 0.8)
    if rng.random() < 0.5:
        try:
            ctx.negotiate()
        except Closed:
            return
    msg = ctx.msg(M.echo(1, rand_bytes(rng, rng.randint(0, 64)))).build()
    r = rng.random()
    if r < 0.25:
        n = rng.choice((0, 1, 31, 32, 34, len(msg) - 1, len(msg) + 1,
                        len(msg) + 1000, 0xFFFF, 0x10000, 0x1FFFF, 0x20000,
                        0xFFFFFF, 0x1000000, 0xFFFFFFFF))
        ptype = 0
        if nb and rng.random() < 0.3:
            ptype = rng.choice((0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0xFF))
        data = conn.frame(msg, n, ptype)
        if not nb and rng.random() < 0.2:
            data = bytes((rng.choice((1, 0x80, 0xFE, 0xFF)),)) + data[1:]
        conn.send_raw(data)
    elif r < 0.45:
        # One message in pieces, with pauses (split TCP writes).
        data = conn.frame(msg) * rng.choice((1, 2, 5))
        pos = 0
        while pos < len(data):
            step = rng.choice((1, 2, 3, 4, 7, 33))
            conn.send_raw(data[pos:pos + step])
            pos += step
            time.sleep(rng.choice((0, 0, 0.001, 0.01)))
    elif r < 0.55:
        # Slowloris: a header, then one byte at a time, bounded.
        data = conn.frame(msg)
        for i in range(min(len(data), rng.randint(1, 20))):
            conn.send_raw(data[i:i + 1])
            time.sleep(0.05)
    elif r < 0.7:
        # Half a message, then close or reset.
        data = conn.frame(msg)
        conn.send_raw(data[:rng.randint(1, len(data) - 1)])
        conn.close(rst=rng.random() < 0.5)
        return
    elif r < 0.8:
        # Keepalives, with and without (illegal) bodies, between messages
        # (on 445 too, where clients send the bare NetBIOS one).
        for _ in range(rng.randint(1, 5)):
            body = b"" if rng.random() < 0.7 else rand_bytes(rng, 4)
            conn.send_raw(struct.pack(">BBH", 0x85, 0, len(body)) + body)
        conn.send(msg)
    elif r < 0.9:
        # A message carried inside a message, and junk after.
        conn.send_raw(conn.frame(conn.frame(msg)))
        conn.send_raw(rand_bytes(rng, rng.randint(1, 100)))
    else:
        conn.send_raw(rand_bytes(rng, rng.randint(1, 300)))
    ctx.settle()


@generator(0, 3)
def gen_nbt_session(ctx):
    """NetBIOS SESSION REQUEST bodies: names, scopes, lengths, twice."""
    rng = ctx.rng
    ctx.rec.netbios = True
    conn = ctx.connect(netbios=True, session=False)
    body = smbraw.nbt_encode_name(rng.choice(("*SMBSERVER", "KCIFSD", "")),
                                  rng.choice((0x20, 0x00, 0x1B))) + \
        smbraw.nbt_encode_name("FUZZER", 0)
    r = rng.random()
    if r < 0.3:
        body = mutate.mutate_bytes(rng, body, geometric(rng, 0.5, 4))
    elif r < 0.45:
        # Scope labels, possibly with lengths past the end.
        scope = b""
        for _ in range(rng.randint(1, 8)):
            n = rng.choice((1, 5, 63, 64, 200))
            scope += bytes((n,)) + b"a" * min(n, rng.choice((n, n - 1)))
        body = body[:33] + scope + body[33:]
    elif r < 0.55:
        body = body[:rng.randint(0, len(body))]
    n = len(body)
    if rng.random() < 0.2:
        n = rng.choice((0, 1, 67, 68, 69, 510, 511, 0xFFFF, 0x1FFFF))
    conn.send_raw(struct.pack(">BBH", 0x81, (n >> 16) & 1, n & 0xFFFF) + body)
    if rng.random() < 0.3:
        conn.send_raw(smbraw.nbt_session_request())
    ctx.settle()
    conn.send(ctx.msg(M.negotiate(smbraw.WINDOWS_DIALECTS)).build())
    ctx.settle()


@generator(1, 5)
def gen_pipeline(ctx):
    """Many requests in one write (past MaxMpxCount), read all, some or
    none of the replies, maybe reset the connection under them."""
    rng = ctx.rng
    ctx.prelude(rng.choice((1, 1, 2)))
    n = rng.choice((10, 60, 200, 500))
    blob = b""
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            m = ctx.msg(M.echo(rng.choice((1, 1, 2)), rand_bytes(rng, 32)))
        elif r < 0.6:
            m = ctx.msg(M.Block(M.NT_CANCEL))
        elif r < 0.7:
            m = ctx.msg(M.locking_andx(rng.getrandbits(16), lock_type=0x02))
        else:
            m = ctx.msg(M.raw_block(rng.choice(M.KNOWN_COMMANDS),
                                    rand_bytes(rng, 2 * rng.randint(0, 16)),
                                    rand_bytes(rng, rng.randint(0, 40))))
        blob += ctx.conn.frame(m.build())
    ctx.conn.send_raw(blob)
    r = rng.random()
    if r < 0.3:
        ctx.conn.close(rst=rng.random() < 0.5)
    elif r < 0.5:
        time.sleep(rng.choice((0.05, 0.3)))
        ctx.conn.close(rst=True)
    else:
        ctx.settle(max(ctx.cfg.quiet, 1.0))


@generator(1, 4)
def gen_nt_cancel(ctx):
    """NT_CANCEL aimed at parked requests (a failed logon waits for
    its delay), at nothing, at itself; then maybe a disconnect."""
    rng = ctx.rng
    ctx.prelude(1)
    mids = []
    for _ in range(rng.randint(1, 6)):
        m = ctx.msg(M.session_setup_nt(b"x" * 24, b"y" * 24,
                                       "nobody%d" % rng.randrange(99), "",
                                       True, ctx.session_key), uid=0)
        ctx.conn.send(m.build())
        mids.append(m.mid)
    for _ in range(rng.randint(1, 6)):
        mid = rng.choice(mids + [0, 0xFFFF, rng.getrandbits(16)])
        c = ctx.msg(M.Block(M.NT_CANCEL), mid=mid, uid=0)
        if rng.random() < 0.3:
            ctx.fuzz_send(c)
        else:
            ctx.conn.send(c.build())
    if rng.random() < 0.4:
        ctx.conn.close(rst=rng.random() < 0.5)
        return
    ctx.settle(1.5)


@generator(1, 3)
def gen_mpx_parked(ctx):
    """More failing logons than MaxMpxCount: they park, the rest waits
    in the backlog; then the connection goes away or waits it out."""
    rng = ctx.rng
    ctx.prelude(1)
    n = rng.choice((20, 60, 120))
    blob = b""
    for i in range(n):
        m = ctx.msg(M.session_setup_nt(b"", b"z" * 24, "x%d" % i, "",
                                       True, ctx.session_key), uid=0)
        blob += ctx.conn.frame(m.build())
    ctx.conn.send_raw(blob)
    if rng.random() < 0.6:
        time.sleep(rng.choice((0.1, 0.5)))
        ctx.conn.close(rst=rng.random() < 0.5)
    else:
        ctx.settle(2.5)


@generator(1, 2)
def gen_stuck_reader(ctx):
    """Requests with large and many replies to a client that never
    reads; bounded in time, then closed."""
    rng = ctx.rng
    ctx.prelude(1)
    ctx.conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    data = rand_bytes(rng, 16000)
    deadline = time.monotonic() + rng.choice((0.5, 2.0))
    ctx.conn.sock.settimeout(1.0)
    try:
        while time.monotonic() < deadline:
            m = ctx.msg(M.echo(rng.choice((1, 100)), data))
            ctx.conn.send(m.build())
    except Closed:
        pass
    ctx.conn.close(rst=rng.random() < 0.5)


def mutated_ntlmssp_leg1(ctx):
    rng = ctx.rng
    flags = smbauth.CLIENT_FLAGS ^ (rng.getrandbits(32) if rng.random() < 0.3
                                    else 0)
    neg = smbauth.ntlmssp_negotiate(flags, rand_bytes(rng, rng.choice(
        (0, 0, 4, 300))), b"WKS" if rng.random() < 0.5 else b"")
    if rng.random() < 0.6:
        neg = mutate.mutate_ntlmssp(rng, neg)
    return neg


def spnego_wrap(ctx, token, init):
    rng = ctx.rng
    if rng.random() < 0.2:
        return token                             # bare NTLMSSP
    if init:
        mechs = [smbauth.NTLMSSP_OID]
        if rng.random() < 0.3:
            mechs = rng.sample([smbauth.NTLMSSP_OID,
                                bytes.fromhex("2a864886f712010202"),
                                bytes.fromhex("2a864882f712010202"),
                                b"", rand_bytes(rng, 5)],
                               rng.randint(1, 4))
        blob = smbauth.spnego_init(token, mechs)
    else:
        blob = smbauth.spnego_resp(token, rng.choice((None, 1, 0, 3, 9)),
                                   rand_bytes(rng, 16)
                                   if rng.random() < 0.2 else None)
    if rng.random() < 0.5:
        blob = mutate.mutate_der(rng, blob)
    return blob


@generator(1, 8)
def gen_session_ext(ctx):
    """Extended-security SESSION_SETUP: SPNEGO and NTLMSSP blobs
    mutated in either leg, wrong UIDs between legs, legs repeated or
    out of order, blob lengths that lie."""
    rng = ctx.rng
    ctx.connect()
    ctx.negotiate(ext=True)
    r = rng.random()
    if r < 0.45:
        blob = spnego_wrap(ctx, mutated_ntlmssp_leg1(ctx), True)
        b = M.session_setup_ext(blob, rng.random() < 0.8, ctx.session_key,
                                caps=CAPS | 0x80000000)
        ctx.fuzz_send(ctx.msg(b, uid=0), level=rng.random() * 0.6)
        ctx.settle()
        return
    resp, chal, neg = ctx.ext_leg1(wrap=rng.random() < 0.8)
    if resp is None:
        return
    uid = resp.uid
    if rng.random() < 0.2:
        uid = rng.choice((0, uid + 1, 0xFFFE, rng.getrandbits(16)))
    if chal is None:
        chal = smbauth.Challenge(smbauth.NTLMSSP_SIGNATURE +
                                 struct.pack("<I", 2) + b"\0" * 40)
    auth, _ = smbauth.ntlmssp_authenticate(
        chal, neg, ctx.cfg.user or "nobody", ctx.cfg.domain,
        ctx.cfg.nthash, rand_bytes(rng, 8),
        exported_key=rand_bytes(rng, 16) if rng.random() < 0.5 else None,
        with_mic=rng.random() < 0.5,
        flags=(None if rng.random() < 0.7 else rng.getrandbits(32)))
    r = rng.random()
    if r < 0.4:
        auth = mutate.mutate_ntlmssp(rng, auth)
    elif r < 0.6:
        # The NT response's AV pairs: lengths past the end.
        n, _, off = struct.unpack_from("<HHI", auth, 20)
        nt = mutate.mutate_ntlmv2_response(rng, auth[off:off + n])
        auth = auth[:off] + nt + auth[off + n:]
        delta = len(nt) - n
        auth = bytearray(auth)
        struct.pack_into("<HH", auth, 20, len(nt) & 0xFFFF, len(nt) & 0xFFFF)
        for at in (28, 36, 44, 52):
            ln, mx, o = struct.unpack_from("<HHI", auth, at)
            if o > off:
                struct.pack_into("<I", auth, at, o + delta)
        auth = bytes(auth)
    blob = spnego_wrap(ctx, auth, False)
    b = M.session_setup_ext(blob, True, ctx.session_key,
                            caps=CAPS | 0x80000000)
    level = rng.random() * 0.7
    for _ in range(rng.choice((1, 1, 2))):
        ctx.fuzz_send(ctx.msg(b, uid=uid), level=level)
    ctx.settle()
    if rng.random() < 0.3:
        # A third leg, or a leg 1 on a UID that is mid-logon.
        ctx.conn.send(ctx.msg(M.session_setup_ext(
            smbauth.spnego_init(smbauth.ntlmssp_negotiate()), True),
            uid=uid).build())
        ctx.settle()


@generator(1, 6, needs_login=True)
def gen_session_nt(ctx):
    """Non-extended SESSION_SETUP (WordCount 13): password lengths
    past ByteCount, odd Unicode strings, NTLMv2 blobs with broken AV
    pairs, and chains with TREE_CONNECT and more after it."""
    rng = ctx.rng
    ctx.connect()
    ctx.negotiate(ext=False)
    nt, lm, _ = ctx.ntlm_responses()
    r = rng.random()
    if r < 0.25:
        nt = mutate.mutate_ntlmv2_response(rng, nt)
    elif r < 0.35:
        nt, lm = rand_bytes(rng, 24), rand_bytes(rng, 24)      # NTLMv1
    elif r < 0.45:
        nt, lm = b"", b"\0"                                     # null
    account = ctx.cfg.user or ""
    if rng.random() < 0.2:
        account = mutate.hostile_string(rng, ("guest", "", "a" * 300,
                                              "\ud800", account), True)
    b = M.session_setup_nt(lm, nt, account, ctx.cfg.domain,
                           rng.random() < 0.85, ctx.session_key, caps=CAPS)
    blocks = [b]
    if rng.random() < 0.5:
        blocks.append(M.tree_connect(ctx.share_path(
            rng.choice((ctx.cfg.share, "IPC$")))))
        if rng.random() < 0.5:
            blocks.append(rng.choice((
                M.nt_create("chain.txt"), M.core_path(M.CHECK_DIRECTORY, ""),
                M.core_path(M.QUERY_INFORMATION, "chain.txt"),
                M.transaction(M.TRANSACTION, [0x26, 0], b"", b"x" * 16,
                              name="\\PIPE\\"))))
    m = ctx.msg(*blocks, uid=0)
    ctx.fuzz_send(m, level=rng.random() * 0.8)
    ctx.settle(1.3)


@generator(2, 6)
def gen_tree(ctx):
    """TREE_CONNECT_ANDX: paths, services, password lengths; chains of
    TREE_CONNECT and its follow-ons; TREE_DISCONNECT twice."""
    rng = ctx.rng
    ctx.prelude(2)
    share = ctx.cfg.share or "IPC$"
    for _ in range(geometric(rng, 0.5, 5)):
        unicode = rng.random() < 0.85
        path = mutate.hostile_string(rng, mutate.SHARE_PATHS, unicode,
                                     share=share)
        svc = M.Raw(M.smb_string(rng.choice(mutate.SERVICES), False))
        pw = rng.choice((b"\0", b"", rand_bytes(rng, 24), b"\0" * 300))
        b = M.tree_connect(path, svc, unicode, pw,
                           rng.choice((0, 0x8, 0x1, 0xFFFF)))
        blocks = [b]
        if rng.random() < 0.3:
            blocks.append(rng.choice((
                M.core_path(M.CHECK_DIRECTORY, "\\"),
                M.nt_create("t.txt"),
                M.core_path(M.SEARCH, "*", words=[["MaxCount", "H", 10],
                                                  ["Attrs", "H", 0x16]]))))
        flags2 = smbraw.DEFAULT_FLAGS2 & ~(0 if unicode
                                          else smbraw.SMB_FLAGS2_UNICODE)
        ctx.fuzz_send(ctx.msg(*blocks, flags2=flags2),
                      level=rng.random() * 0.7)
        ctx.poll()
    for _ in range(rng.choice((0, 1, 2))):
        ctx.conn.send(ctx.msg(M.tree_disconnect(),
                              tid=rng.choice((ctx.tid, 0, 1,
                                              0xFFFF))).build())
    ctx.settle()


@generator(2, 4)
def gen_logoff(ctx):
    """LOGOFF_ANDX with requests around it: double logoff, logoff then
    tree use, LOGOFF -> SESSION_SETUP chains, logoff mid-pipeline."""
    rng = ctx.rng
    ctx.prelude(rng.choice((2, 3, 4)))
    blob = b""
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.3:
            b = [M.logoff()]
            if rng.random() < 0.3:
                b.append(M.session_setup_nt(b"", b"", "", "", True))
            m = ctx.msg(*b)
        elif r < 0.5:
            m = ctx.msg(M.tree_disconnect())
        elif r < 0.7:
            m = ctx.msg(M.echo(1, b"e"))
        elif r < 0.85:
            m = ctx.msg(M.read_andx(ctx.fid, 0, 100))
        else:
            m = ctx.msg(M.tree_connect(ctx.share_path()))
        if rng.random() < 0.3:
            mutate.mutate_msg(rng, m, 1)
        blob += ctx.conn.frame(m.build())
    ctx.conn.send_raw(blob)
    if rng.random() < 0.3:
        ctx.conn.close(rst=True)
        return
    ctx.settle()


def hostile_name(ctx):
    return mutate.hostile_string(ctx.rng, mutate.PATHS, True)


@generator(3, 8)
def gen_create(ctx):
    """NT_CREATE_ANDX: hostile names (.., streams, devices, long,
    odd UTF-16), NameLength lies, dispositions, options, huge
    AllocationSize, RootDirectoryFID; OPEN_ANDX too."""
    rng = ctx.rng
    ctx.prelude(3)
    for _ in range(geometric(rng, 0.5, 5)):
        name = hostile_name(ctx) if rng.random() < 0.7 else \
            "fuzz-%d" % rng.randrange(8)
        if rng.random() < 0.85:
            b = M.nt_create(
                name,
                disposition=rng.choice((0, 1, 2, 3, 4, 5, 6, 0xFFFFFFFF)),
                options=rng.choice((0, 0x1, 0x40, 0x1000, 0x21, 0x200000,
                                    0x00FFFFFF, rng.getrandbits(32))),
                access=rng.choice((0x0012019F, 0x80000000, 0x10000000,
                                   0x02000000, 0, rng.getrandbits(32))),
                alloc=rng.choice((0, 0, 4096, 1 << 40, (1 << 64) - 1)),
                flags=rng.choice((0, 0x2, 0x4, 0x10, 0x16)),
                share=rng.choice((0, 7, 0xFF)),
                root_fid=rng.choice((0, 0, ctx.fid, 0xFFFF)),
                attrs=rng.choice((0x80, 0x10, 0x1, 0xFFFFFFFF)))
        else:
            b = M.open_andx(name)
        blocks = [b]
        if rng.random() < 0.3:
            blocks.append(M.read_andx(0, 0, rng.choice((0, 10, 0xFFFF))))
        ctx.fuzz_send(ctx.msg(*blocks), level=rng.random() * 0.8)
        ctx.poll()
    ctx.settle()


@generator(4, 10)
def gen_readwrite(ctx):
    """READ_ANDX / WRITE_ANDX / CLOSE / FLUSH / LOCKING_ANDX on an
    open file: DataOffset and DataLength past the message, high words,
    huge offsets, count overflows, WRITE->READ->CLOSE chains."""
    rng = ctx.rng
    ctx.prelude(4)
    fid = ctx.fid
    for _ in range(geometric(rng, 0.6, 8)):
        r = rng.random()
        off = rng.choice((0, 1, 4095, 4096, 1 << 31, (1 << 32) - 1, 1 << 32,
                          (1 << 63) - 1, (1 << 64) - 1, 0x7FFFFFFFFFFFF000))
        if r < 0.35:
            payload = rand_bytes(rng, rng.choice((0, 1, 100, 4096, 16000)))
            b = M.write_andx(fid, payload, off, rng.random() < 0.8,
                             rng.choice((0, 1, 8)), rng.choice((0, 1, 2)))
            if rng.random() < 0.3:
                b.set("DataLengthHigh", rng.choice((1, 0xFF, 0xFFFF)))
            blocks = [b]
            if rng.random() < 0.3:
                blocks.append(M.read_andx(fid, 0, 64))
                if rng.random() < 0.5:
                    blocks.append(M.close(fid))
            m = ctx.msg(*blocks)
        elif r < 0.6:
            b = M.read_andx(fid, off, rng.choice((0, 1, 4096, 0xFFFF)),
                            rng.random() < 0.8,
                            rng.choice((0, 0xFFFF)),
                            rng.choice((0, 1, 0xFFFF, 0xFFFFFFFF)))
            blocks = [b]
            if rng.random() < 0.2:
                blocks.append(M.close(fid))
            m = ctx.msg(*blocks)
        elif r < 0.7:
            m = ctx.msg(M.close(rng.choice((fid, fid, 0xFFFF, fid + 1))))
        elif r < 0.75:
            m = ctx.msg(M.flush(rng.choice((fid, 0xFFFF))))
        else:
            n = rng.choice((0, 1, 2, 100, 3000))
            ranges = [(rng.choice((0, off)), rng.choice((1, 0, (1 << 64) - 1)))
                      for _ in range(min(n, 50))]
            b = M.locking_andx(fid, rng.choice((0, 1, 2, 0x8, 0x4)),
                               timeout=rng.choice((0, 0, 100, 0xFFFFFFFF)),
                               locks=ranges, large=rng.random() < 0.7)
            if n > 50:
                b.set("NumberOfRequestedLocks", n)
            m = ctx.msg(b)
        ctx.fuzz_send(m, level=rng.random() * 0.9)
        ctx.poll()
    if rng.random() < 0.3:
        ctx.conn.close(rst=True)
        return
    ctx.settle()


TRANS2_PARAMS = {
    M.TRANS2_FIND_FIRST2: lambda rng, u: struct.pack(
        "<HHHHI", 0x16, rng.choice((1, 100, 0xFFFF)), rng.choice((0, 2, 6)),
        rng.choice((1, 0x101, 0x102, 0x103, 0x104, 0x105, 0x202, 0x20B,
                    0x3FF, 0xFFFF)), 0) +
    M.smb_string(rng.choice(("\\*", "*", "\\..\\*", "\\x" * 200, "")), u),
    M.TRANS2_FIND_NEXT2: lambda rng, u: struct.pack(
        "<HHHIH", rng.getrandbits(16), rng.choice((1, 100)),
        rng.choice((0x104, 0x101, 0xFFFF)), 0, rng.choice((0, 8))) +
    M.smb_string(rng.choice(("", "a", "x" * 300)), u),
    M.TRANS2_QUERY_FS_INFORMATION: lambda rng, u: struct.pack(
        "<H", rng.choice((1, 2, 0x102, 0x103, 0x104, 0x105, 0x200, 0x201,
                          0x202, 0x301, 0x3E9, 0xFFFF))),
    M.TRANS2_QUERY_PATH_INFORMATION: lambda rng, u: struct.pack(
        "<HI", rng.choice((1, 2, 3, 4, 6, 0x101, 0x102, 0x103, 0x104,
                           0x107, 0x108, 0x109, 0x10B, 0x200, 0x201,
                           0x204, 0x20B, 0x3EC, 0x3F0, 0xFFFF)), 0) +
    M.smb_string(rng.choice(mutate.PATHS), u),
    M.TRANS2_SET_PATH_INFORMATION: lambda rng, u: struct.pack(
        "<HI", rng.choice((1, 2, 0x101, 0x102, 0x200, 0x201, 0x204, 0x20B,
                           0x3EC, 0x3F8, 0xFFFF)), 0) +
    M.smb_string(rng.choice(mutate.PATHS), u),
    M.TRANS2_QUERY_FILE_INFORMATION: lambda rng, u: struct.pack(
        "<HH", rng.getrandbits(16), rng.choice((1, 0x101, 0x102, 0x104,
                                               0x107, 0x109, 0x200, 0x204,
                                               0x20B, 0x3EC, 0xFFFF))),
    M.TRANS2_SET_FILE_INFORMATION: lambda rng, u: struct.pack(
        "<HHH", rng.getrandbits(16), rng.choice((0x101, 0x102, 0x103, 0x104,
                                                0x200, 0x204, 0x20B,
                                                0x3EC, 0x3EE, 0x3F2, 0x3F3,
                                                0x3F4, 0x3F6, 0x3FB,
                                                0xFFFF)), 0),
    M.TRANS2_CREATE_DIRECTORY: lambda rng, u: b"\0" * 4 +
    M.smb_string(rng.choice(mutate.PATHS), u),
    M.TRANS2_GET_DFS_REFERRAL: lambda rng, u: struct.pack("<H", 4) +
    M.smb_string(rng.choice(("\\127.0.0.1\\x", "", "\\\\a\\b")), u),
    M.TRANS2_OPEN2: lambda rng, u: b"\0" * 28 +
    M.smb_string(rng.choice(mutate.PATHS), u),
}


def posix_acl_data(rng):
    """An SMB_SET_POSIX_ACL structure (version 1) with counts that may
    lie: past the data, 0xFFFF, over the server's limit."""
    n = rng.choice((0, 1, 3, 5, 40))
    ents = b"".join(struct.pack("<BBQ", rng.choice((1, 2, 4, 8, 0x10, 0x20,
                                                    rng.getrandbits(8))),
                                rng.choice((0, 4, 6, 7, rng.getrandbits(8))),
                                rng.choice((0xFFFFFFFFFFFFFFFF, 1000, 1001,
                                            rng.getrandbits(64))))
                    for _ in range(n))
    counts = (n, 0, 0xFFFF, n + 1, 1025, rng.getrandbits(16))
    return struct.pack("<HHH", 1, rng.choice(counts),
                       rng.choice(counts)) + ents


@generator(3, 10)
def gen_trans2(ctx):
    """TRANSACTION2: each subcommand with its parameters, then counts,
    offsets and totals that lie, SetupCount past WordCount, and
    multi-part requests with secondaries whose displacements overlap,
    leave holes or run past the totals."""
    rng = ctx.rng
    ctx.prelude(rng.choice((3, 4)))
    for _ in range(geometric(rng, 0.5, 5)):
        sub = rng.choice(list(TRANS2_PARAMS) + [rng.getrandbits(16)])
        mk = TRANS2_PARAMS.get(sub)
        params = mk(rng, True) if mk else rand_bytes(rng, rand_len(rng))
        if sub in (M.TRANS2_QUERY_FILE_INFORMATION,
                   M.TRANS2_SET_FILE_INFORMATION) and rng.random() < 0.7:
            params = struct.pack("<H", ctx.fid) + params[2:]
        data = rand_bytes(rng, rng.choice((0, 0, 8, 40, 100, 4000)))
        level = {M.TRANS2_SET_PATH_INFORMATION: params[:2],
                 M.TRANS2_SET_FILE_INFORMATION: params[2:4]}.get(sub)
        if level == struct.pack("<H", 0x204) and rng.random() < 0.7:
            data = posix_acl_data(rng)
        multi = rng.random() < 0.3
        tp, td = len(params), len(data)
        p_first = params[:len(params) // 2] if multi else params
        d_first = data[:len(data) // 2] if multi else data
        b = M.transaction(M.TRANSACTION2, [sub], p_first, d_first,
                          max_param=rng.choice((0, 10, 1024, 0xFFFF)),
                          max_data=rng.choice((0, 10, 4096, 0xFFFF)),
                          max_setup=rng.choice((0, 1, 0xFF)),
                          total_param=tp, total_data=td)
        if rng.random() < 0.15:
            b.fields += [["SetupX%d" % i, "H", rng.getrandbits(16)]
                         for i in range(rng.randint(1, 4))]
        ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.8)
        if multi:
            mid = ctx.mid
            for _ in range(rng.randint(1, 4)):
                pd = rng.choice((len(p_first), 0, len(params),
                                 len(params) + 1, 0xFFFF))
                dd = rng.choice((len(d_first), 0, len(data), 0xFFF0))
                s = M.transaction_secondary(
                    M.TRANSACTION2_SECONDARY, params[len(p_first):],
                    data[len(d_first):],
                    rng.choice((tp, tp + 1, tp - 1, 0xFFFF)),
                    rng.choice((td, td + 1, 0)), pd, dd,
                    rng.choice((ctx.fid, 0xFFFF)))
                m = ctx.msg(s, mid=mid)
                ctx.fuzz_send(m, level=rng.random() * 0.7)
        ctx.poll()
    ctx.settle()


@generator(3, 5)
def gen_nt_transact(ctx):
    """NT_TRANSACT: functions with hostile 32-bit counts and offsets,
    SetupCount lies, secondaries."""
    rng = ctx.rng
    ctx.prelude(rng.choice((3, 4)))
    for _ in range(geometric(rng, 0.5, 4)):
        fn = rng.choice((1, 2, 3, 4, 5, 6, 0, 7, 0xFFFF))
        setup = [rng.getrandbits(16) for _ in range(rng.choice((0, 4, 4,
                                                                 2)))]
        if fn in (2, 4, 6, 3) and setup:
            setup[2 % len(setup)] = ctx.fid
        params = rand_bytes(rng, rng.choice((0, 8, 53, 100)))
        data = rand_bytes(rng, rng.choice((0, 20, 500)))
        b = M.nt_transact(fn, setup, params, data,
                          max_param=rng.choice((0, 1024, 0xFFFFFFFF)),
                          max_data=rng.choice((0, 4096, 0xFFFFFFFF)))
        ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.8)
        if rng.random() < 0.3:
            s = M.Block(M.NT_TRANSACT_SECONDARY,
                        [["Reserved", "B", 0], ["Reserved2", "H", 0],
                         ["TotalParameterCount", "I", 0xFFFFFFFF],
                         ["TotalDataCount", "I", 100],
                         ["ParameterCount", "I", 4],
                         ["ParameterOffset", "I", 0],
                         ["ParameterDisplacement", "I", 0xFFFFFFF0],
                         ["DataCount", "I", 0], ["DataOffset", "I", 0],
                         ["DataDisplacement", "I", 0],
                         ["Reserved3", "B", 0]], b"\0" * 8)
            s.rel["ParameterOffset"] = ("bytes", 0)
            ctx.fuzz_send(ctx.msg(s, mid=ctx.mid), level=0.5)
        ctx.poll()
    ctx.settle()


SRVSVC_UUID = bytes.fromhex("c84f324b7016d30112785a47bf6ee188")
WKSSVC_UUID = bytes.fromhex("98d0ff6b12a11036983346c3f87e345a")
NDR_UUID = bytes.fromhex("045d888aeb1cc9119fe808002b104860")


def srvsvc_bind(pipe):
    """A DCE/RPC BIND (C706 12.6.4.3) for srvsvc, or wkssvc on that
    pipe, with the NDR transfer syntax."""
    uuid, ver = (WKSSVC_UUID, 1) if "wkssvc" in pipe else (SRVSVC_UUID, 3)
    body = struct.pack("<HHI", 4280, 4280, 0) + struct.pack("<I", 1) + \
        struct.pack("<HBB", 0, 1, 0) + uuid + struct.pack("<HH", ver, 0) + \
        NDR_UUID + struct.pack("<I", 2)
    return struct.pack("<BBBBIHHI", 5, 0, 11, 3, 0x10, 16 + len(body), 0,
                       1) + body


def ndr_string(s):
    """A unique pointer to a conformant varying UTF-16 string."""
    raw = (s + "\0").encode("utf-16-le")
    n = len(raw) // 2
    out = struct.pack("<IIII", 0x00020000, n, 0, n) + raw
    return out + b"\0" * (-len(out) % 4)


def rpc_request(rng, pipe):
    """A DCE/RPC REQUEST (C706 12.6.4.9) for one of the calls the helper
    serves, its NDR stub mutated, sometimes split into fragments or
    lying about its lengths."""
    server = ndr_string(rng.choice(("\\\\127.0.0.1", "", "x" * 300)))
    if "wkssvc" in pipe:
        opnum, stub = 0, server + struct.pack("<I", rng.choice((100, 101,
                                                               102, 0xFFFF)))
    else:
        level = rng.choice((0, 1, 2, 501, 502, 0xFFFFFFFF))
        opnum, stub = rng.choice((
            (15, server + struct.pack("<IIIII", level, level, 0x00020004,
                                      0, 0) +
             struct.pack("<III", 0xFFFFFFFF, 0x00020008, 0)),
            (16, server + ndr_string(rng.choice(("fuzz", "IPC$", "", "n" *
                                                 200)))[4:] +
             struct.pack("<I", level)),
            (21, server + struct.pack("<I", rng.choice((100, 101, 102,
                                                        0xFFFF)))),
            (28, server),
            (rng.randrange(64), rand_bytes(rng, rng.choice((0, 8, 64))))))
    if rng.random() < 0.6:
        stub = mutate.mutate_bytes(rng, stub, geometric(rng, 0.5, 4))
    flags = 3
    frags = [stub]
    if rng.random() < 0.2 and len(stub) > 8:
        cut = rng.randrange(1, len(stub))
        frags = [stub[:cut], stub[cut:]]
    out = b""
    for i, frag in enumerate(frags):
        if len(frags) > 1:
            flags = (1 if i == 0 else 0) | (2 if i == len(frags) - 1 else 0)
        length = 24 + len(frag)
        if rng.random() < 0.1:
            length = rng.choice((0, 10, 23, 0xFFFF, length + 1))
        out += struct.pack("<BBBBIHHIIHH", 5, 0, 0, flags, 0x10, length,
                           0, 2, len(stub), 0, opnum) + frag
    return out


@generator(2, 5)
def gen_ipc(ctx):
    """IPC$: TRANSACTION on pipes (TransactNmPipe, RAP on \\PIPE\\LANMAN,
    peek, state), named-pipe opens, writes and reads of DCE/RPC
    fragments with lying lengths."""
    rng = ctx.rng
    ctx.prelude(2)
    ctx.tree_connect("IPC$")
    pipe = rng.choice(("\\srvsvc", "\\wkssvc", "\\lsarpc", "\\samr",
                       "srvsvc", "\\nosuch", "\\PIPE\\srvsvc"))
    r = ctx.request(ctx.msg(M.nt_create(pipe, access=0x2019F, options=0,
                                        disposition=1)))
    fid = 0
    if r is not None and r.status == 0 and r.wc >= 4:
        fid = struct.unpack_from("<H", r.words, 5)[0]
    bind = struct.pack("<BBBBIHHI", 5, 0, 11, 3, 0x10, 72, 0, 1) + \
        struct.pack("<HHIHH", 4280, 4280, 0, 1, 0) + \
        struct.pack("<HBB", 0, 1, 0) + \
        bytes.fromhex("c84f324b7016d30112785a47bf6ee188") + \
        struct.pack("<HH", 3, 0) + \
        bytes.fromhex("045d888aeb1cc9119fe808002b104860") + \
        struct.pack("<I", 2)
    if rng.random() < 0.7:
        # A good bind first, so requests reach the helper's NDR code.
        ctx.request(ctx.msg(M.transaction(M.TRANSACTION, [0x26, fid], b"",
                                          srvsvc_bind(pipe), name="\\PIPE\\")))
    for _ in range(geometric(rng, 0.6, 6)):
        if rng.random() < 0.5:
            payload = rpc_request(rng, pipe)
        else:
            payload = mutate.mutate_bytes(rng, bind, rng.choice((0, 1, 3))) \
                if rng.random() < 0.7 else rand_bytes(rng,
                                                      rand_len(rng, 300))
        r = rng.random()
        if r < 0.4:
            name = rng.choice(("\\PIPE\\", "\\PIPE\\LANMAN", "\\MAILSLOT\\x",
                               "", "\\PIPE\\" + "x" * 300))
            sub = rng.choice((0x26, 0x23, 0x01, 0x21, 0x22, 0x53, 0x54,
                              rng.getrandbits(16)))
            params = b""
            if "LANMAN" in name:
                params = struct.pack("<H", rng.choice((0, 13, 63, 0xFFFF))) + \
                    b"WrLeh\0B13BWz\0" + struct.pack("<HH", 1, 0xFFFF)
                params = mutate.mutate_bytes(rng, params, rng.choice((0, 2)))
            b = M.transaction(M.TRANSACTION, [sub, fid], params, payload,
                              name=name)
        elif r < 0.7:
            b = M.write_andx(fid, payload, 0, True, rng.choice((0, 8, 0xC)))
        else:
            b = M.read_andx(fid, 0, rng.choice((0, 16, 4280, 0xFFFF)))
        ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.7)
        ctx.poll()
    ctx.settle()


@generator(3, 5)
def gen_core_paths(ctx):
    """Core path commands (QUERY_INFORMATION, CHECK_DIRECTORY, DELETE,
    CREATE_DIRECTORY, DELETE_DIRECTORY, RENAME, NT_RENAME, SEARCH,
    SET_INFORMATION) with hostile paths and buffer formats."""
    rng = ctx.rng
    ctx.prelude(3)
    for _ in range(geometric(rng, 0.6, 6)):
        cmd = rng.choice((M.QUERY_INFORMATION, M.CHECK_DIRECTORY, M.DELETE,
                          M.CREATE_DIRECTORY, M.DELETE_DIRECTORY, M.RENAME,
                          M.NT_RENAME, M.SEARCH, M.SET_INFORMATION,
                          M.OPEN, M.CREATE, M.CREATE_NEW,
                          M.QUERY_INFORMATION_DISK))
        words = {M.DELETE: [["SearchAttributes", "H", 0x16]],
                 M.RENAME: [["SearchAttributes", "H", 0x16]],
                 M.NT_RENAME: [["SearchAttributes", "H", 0x16],
                               ["InformationLevel", "H",
                                rng.choice((0x103, 0x104, 0x105, 0x106))],
                               ["Reserved", "I", 0]],
                 M.SEARCH: [["MaxCount", "H", rng.choice((1, 0xFFFF))],
                            ["SearchAttributes", "H", 0x16]],
                 M.SET_INFORMATION: [["FileAttributes", "H", 0x20],
                                     ["LastWriteTime", "I", 0]] +
                 [["Reserved%d" % i, "H", 0] for i in range(5)],
                 M.OPEN: [["AccessMode", "H", 0x42],
                          ["SearchAttributes", "H", 0x16]],
                 M.CREATE: [["FileAttributes", "H", 0],
                            ["CreationTime", "I", 0]],
                 M.CREATE_NEW: [["FileAttributes", "H", 0],
                                ["CreationTime", "I", 0]]}.get(cmd, [])
        second = hostile_name(ctx) if cmd in (M.RENAME, M.NT_RENAME) \
            else None
        if cmd == M.QUERY_INFORMATION_DISK:
            b = M.Block(cmd)
        else:
            b = M.core_path(cmd, hostile_name(ctx), True, words, second)
        ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.8)
        ctx.poll()
    ctx.settle()


@generator(2, 7)
def gen_chain(ctx):
    """AndX chains after logon: long chains (past the limit), loops,
    backward and outside offsets, follow-ons that are not allowed,
    chains that change UID/TID midway."""
    rng = ctx.rng
    ctx.prelude(rng.choice((2, 3, 4)))
    pool = [lambda: M.tree_connect(ctx.share_path()),
            lambda: M.logoff(),
            lambda: M.nt_create("c-%d" % rng.randrange(4)),
            lambda: M.read_andx(ctx.fid, 0, 32),
            lambda: M.write_andx(ctx.fid, b"chain", 0),
            lambda: M.locking_andx(ctx.fid, 0, locks=[(0, 1)]),
            lambda: M.close(ctx.fid),
            lambda: M.echo(1, b"x"),
            lambda: M.session_setup_nt(b"", b"", "", "", True),
            lambda: M.core_path(M.CHECK_DIRECTORY, "\\"),
            lambda: M.transaction(M.TRANSACTION, [0x26, ctx.fid], b"",
                                  b"x", name="\\PIPE\\"),
            lambda: M.open_andx("c.txt"),
            lambda: M.flush(ctx.fid)]
    blocks = [rng.choice(pool[:6] + [pool[11]])()]
    for _ in range(rng.choice((1, 2, 3, 7, 8, 9, 12))):
        blocks.append(rng.choice(pool)())
    m = ctx.msg(*blocks)
    ctx.fuzz_send(m, level=rng.random() * 0.9)
    ctx.settle()


@generator(2, 4)
def gen_teardown(ctx):
    """Leave a connection in a busy state and drop it: opens, parked
    logons, pending transactions, half-sent messages."""
    rng = ctx.rng
    ctx.prelude(rng.choice((2, 3, 4)))
    for _ in range(rng.randint(0, 4)):
        ctx.open("td-%d" % rng.randrange(10), rng.choice((2, 3, 5)))
    msgs = [ctx.msg(M.transaction(M.TRANSACTION2, [M.TRANS2_FIND_FIRST2],
                                  b"\0" * 4, b"", total_param=100)),
            ctx.msg(M.session_setup_nt(b"", b"q" * 24, "nobody", "", True,
                                       ctx.session_key), uid=0),
            ctx.msg(M.read_andx(ctx.fid, 0, 0xFFFF)),
            ctx.msg(M.write_andx(ctx.fid, rand_bytes(rng, 8000), 0)),
            ctx.msg(M.echo(100, rand_bytes(rng, 4000)))]
    for m in rng.sample(msgs, rng.randint(1, len(msgs))):
        ctx.conn.send(m.build())
    if rng.random() < 0.5:
        m = ctx.msg(M.echo(1, b"half")).build()
        ctx.conn.send_raw(ctx.conn.frame(m)[:rng.randint(1, len(m))])
    time.sleep(rng.choice((0, 0.01, 0.2)))
    ctx.conn.close(rst=rng.random() < 0.5)


ESCAPES = (
    "..\\{n}", "..\\..\\{n}", "\\..\\{n}", "a\\..\\..\\{n}",
    "link\\{n}", "link\\..\\{n}", "link", "flink", "abslink\\{n}",
    "abslink\\passwd", "loop\\{n}", "link\\{c}.txt", "dotdot\\{n}",
    "..\\outside\\{c}.txt", "\\..\\outside\\{c}.txt",
    ".\\..\\outside\\{c}.txt", "...\\{n}", "..\u2215{n}",
    "\uff0e\uff0e\\{n}", "..:stream", "..\\share\\{n}",
)


def escape_name(ctx):
    rng = ctx.rng
    n = "kcifsd-escape-%d" % rng.randrange(1000)
    name = rng.choice(ESCAPES).format(n=n, c=ctx.cfg.canary or "CANARY")
    if rng.random() < 0.2:
        name = name.replace("\\", "/")
    return name


@generator(3, 4)
def gen_escape(ctx):
    """Ways out of the share: "..", symbolic links (relative, absolute,
    to a file, looping) the suite plants in the share, Unicode look-alike
    dots, with every command that takes a path: open and read (the reply
    must not carry the canary the suite put outside), create, rename and
    hard-link to outside, directories, TRANS2 path queries."""
    rng = ctx.rng
    ctx.prelude(3)
    for _ in range(geometric(rng, 0.6, 6)):
        name = escape_name(ctx)
        r = rng.random()
        if r < 0.4:
            disp = rng.choice((1, 1, 2, 3, 5))
            opts = rng.choice((0x40, 0x1, 0x0, 0x200000))
            resp = ctx.request(ctx.msg(M.nt_create(name, disposition=disp,
                                                   options=opts)))
            if resp is not None and resp.status == 0 and resp.wc >= 4:
                fid = struct.unpack_from("<H", resp.words, 5)[0]
                ctx.request(ctx.msg(M.read_andx(fid, 0, 4096)))
                if rng.random() < 0.3:
                    ctx.request(ctx.msg(M.write_andx(fid, b"escaped", 0)))
                ctx.request(ctx.msg(M.close(fid)))
        elif r < 0.55:
            words = [["SearchAttributes", "H", 0x16]]
            cmd = rng.choice((M.RENAME, M.NT_RENAME))
            if cmd == M.NT_RENAME:      # hard link or rename
                words += [["InformationLevel", "H",
                           rng.choice((0x103, 0x104))], ["Reserved", "I", 0]]
            ctx.request(ctx.msg(M.core_path(
                cmd, rng.choice(("fuzz-0", "fuzz-1", name)), True, words,
                escape_name(ctx))))
        elif r < 0.7:
            cmd = rng.choice((M.CREATE_DIRECTORY, M.DELETE,
                              M.DELETE_DIRECTORY, M.CHECK_DIRECTORY,
                              M.QUERY_INFORMATION))
            words = [["SearchAttributes", "H", 0x16]] if cmd == M.DELETE \
                else []
            ctx.request(ctx.msg(M.core_path(cmd, name, True, words)))
        elif r < 0.85:
            params = struct.pack("<HI", rng.choice((0x101, 0x107, 0x3EC,
                                                    0x102)), 0) + \
                M.smb_string(name, True)
            ctx.request(ctx.msg(M.transaction(
                M.TRANSACTION2, [M.TRANS2_QUERY_PATH_INFORMATION], params,
                b"")))
        else:
            params = struct.pack("<HHHHI", 0x16, 100, 2, 0x104, 0) + \
                M.smb_string(name + "\\*", True)
            ctx.request(ctx.msg(M.transaction(
                M.TRANSACTION2, [M.TRANS2_FIND_FIRST2], params, b"")))
    ctx.settle()


@generator(3, 5)
def gen_find(ctx):
    """Directory searches: FIND_FIRST2 with real patterns and levels,
    then FIND_NEXT2 on the SID it returned (and on others), resume keys
    and names, tiny SearchCount and MaxDataCount, FIND_CLOSE2 twice,
    searches left open at disconnect."""
    rng = ctx.rng
    ctx.prelude(3)
    for i in range(rng.choice((0, 3, 30))):
        r = ctx.request(ctx.msg(M.nt_create("dir-%d.txt" % i, disposition=3)))
        if r is not None and r.status == 0 and r.wc >= 4:
            ctx.conn.send(ctx.msg(M.close(
                struct.unpack_from("<H", r.words, 5)[0])).build())
    ctx.poll()
    sids = []
    for _ in range(geometric(rng, 0.6, 6)):
        level = rng.choice((0x1, 0x2, 0x3, 0x101, 0x102, 0x103, 0x104,
                            0x105, 0x106, 0x202, 0x0, 0xFFFF))
        if not sids or rng.random() < 0.4:
            pattern = rng.choice(("\\*", "*", "dir-*", "\\dir-?.txt",
                                  "<", "\\*.*", "\\nosuch\\*", "",
                                  "\\..\\*", "dir-1.txt", "\"*"))
            params = struct.pack("<HHHHI", 0x16, rng.choice((1, 2, 5, 100,
                                                             0, 0xFFFF)),
                                 rng.choice((0, 2, 4, 6, 0x10, 0xFFFF)),
                                 level, 0) + M.smb_string(pattern, True)
            b = M.transaction(M.TRANSACTION2, [M.TRANS2_FIND_FIRST2],
                              params, b"",
                              max_data=rng.choice((0, 10, 100, 4096,
                                                   0xFFFF)))
            ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.5 + 0.05)
            r = ctx.conn.recv_reply(ctx.cfg.timeout, ctx.mid)
            if r is not None and r.status in (0, 0x80000005) and \
                    r.wc >= 10:
                poff = struct.unpack_from("<H", r.words, 8)[0]
                if poff + 2 <= len(r.raw):
                    sids.append(struct.unpack_from("<H", r.raw, poff)[0])
        else:
            sid = rng.choice(sids + [0, 0xFFFF, rng.getrandbits(16)])
            params = struct.pack("<HHHIH", sid, rng.choice((1, 3, 100)),
                                 level, rng.getrandbits(32),
                                 rng.choice((0, 2, 4, 8, 0xE))) + \
                M.smb_string(rng.choice(("", "dir-1.txt", "x" * 300)), True)
            b = M.transaction(M.TRANSACTION2, [M.TRANS2_FIND_NEXT2],
                              params, b"",
                              max_data=rng.choice((10, 4096, 0xFFFF)))
            ctx.fuzz_send(ctx.msg(b), level=rng.random() * 0.5 + 0.05)
            if rng.random() < 0.3:
                ctx.conn.send(ctx.msg(M.find_close2(sid)).build())
        ctx.poll()
    if rng.random() < 0.5:
        for sid in sids:
            ctx.conn.send(ctx.msg(M.find_close2(sid)).build())
    if rng.random() < 0.3:
        ctx.conn.close(rst=True)
        return
    ctx.settle()


@generator(3, 5)
def gen_race(ctx):
    """Well-formed requests that race inside one connection (the server
    runs a connection's requests on several workers at once): READ,
    WRITE, CLOSE, FLUSH and set-info on one FID, FIND on one SID, against
    CLOSE, TREE_DISCONNECT, LOGOFF and new opens, all in one write; then
    the connection goes on, or is reset under them."""
    rng = ctx.rng
    ctx.prelude(3)
    for round_no in range(rng.randint(1, 4)):
        if round_no:        # the last round may have logged off
            ctx.login()
            ctx.tree_connect()
        r = ctx.open("race-%d" % rng.randrange(3), disposition=3)
        fid = ctx.fid if r is not None and r.status == 0 else 0
        params = struct.pack("<HHHHI", 0x16, 5, 0, 0x104, 0) + \
            M.smb_string("\\*", True)
        makers = [
            lambda: M.read_andx(fid, rng.choice((0, 4096)), 4096),
            lambda: M.write_andx(fid, rand_bytes(rng, rng.choice((1, 6000))),
                                 rng.choice((0, 100))),
            lambda: M.close(fid),
            lambda: M.flush(fid),
            lambda: M.locking_andx(fid, 0, locks=[(0, 1)]),
            lambda: M.transaction(
                M.TRANSACTION2, [M.TRANS2_SET_FILE_INFORMATION],
                struct.pack("<HHH", fid, 0x3F5, 0), b"\1"),
            lambda: M.transaction(
                M.TRANSACTION2, [M.TRANS2_QUERY_FILE_INFORMATION],
                struct.pack("<HH", fid, 0x107), b""),
            lambda: M.transaction(M.TRANSACTION2, [M.TRANS2_FIND_FIRST2],
                                  params, b""),
            lambda: M.nt_create("race-%d" % rng.randrange(3), disposition=3),
            lambda: M.tree_disconnect(),
            lambda: M.logoff(),
            lambda: M.echo(1, b"r"),
        ]
        blob = b""
        for _ in range(rng.randint(4, 40)):
            i = rng.randrange(len(makers))
            # The state-ending ones now and then, the rest often.
            if i in (9, 10) and rng.random() < 0.8:
                i = rng.randrange(9)
            blob += ctx.conn.frame(ctx.msg(makers[i]()).build())
        ctx.conn.send_raw(blob)
        if rng.random() < 0.2:
            ctx.conn.close(rst=True)
            return
        ctx.settle()


@generator(3, 4)
def gen_integrity(ctx):
    """Data written is data read: random writes (small, unaligned, past
    the end, large WRITE_ANDX when CAP_LARGE_WRITEX is offered, core
    WRITE) to a file of this case's own, kept in a shadow copy, then read
    back in random pieces (large READ_ANDX too) and compared byte for
    byte, while other cases hammer the server."""
    rng = ctx.rng
    ctx.prelude(3)
    if ctx.tid == 0xFFFF or not ctx.cfg.share:
        return
    caps = ctx.neg.capabilities if ctx.neg is not None else 0
    name = "integrity-%d.bin" % rng.getrandbits(32)
    r = ctx.request(ctx.msg(M.nt_create(name, disposition=5)))
    if r is None or r.status != 0 or r.wc < 4:
        return
    fid = struct.unpack_from("<H", r.words, 5)[0]
    shadow = bytearray()
    room = ctx.neg.max_buffer_size - 100 if ctx.neg is not None else 4000
    for _ in range(rng.randint(1, 12)):
        big = caps & smbraw.CAP_LARGE_WRITEX and rng.random() < 0.2
        n = rng.choice((1, 7, 512, 4096, 4097, room)) if not big else \
            rng.choice((65536, 100000, 131072))
        off = rng.choice((0, len(shadow), max(0, len(shadow) - 3),
                          rng.randint(0, len(shadow) + 5000)))
        data = rand_bytes(rng, n)
        if rng.random() < 0.15 and n <= 0xFFFF and off < 1 << 32:
            b = M.Block(M.WRITE, [["FID", "H", fid], ["Count", "H", n],
                                  ["Offset", "I", off],
                                  ["Remaining", "H", 0]],
                        b"\x01" + struct.pack("<H", n) + data)
        else:
            b = M.write_andx(fid, data, off)
        r = ctx.request(ctx.msg(b))
        if r is None or r.status != 0:
            ctx.note("write of %d at %d: %s" % (n, off, r))
            return
        if len(shadow) < off:
            shadow += bytes(off - len(shadow))
        shadow[off:off + n] = data
    pos = 0
    while pos < len(shadow):
        want = rng.choice((1, 100, 4096, 60000, len(shadow) - pos))
        if not caps & smbraw.CAP_LARGE_READX:
            want = min(want, room)
        want = min(want, len(shadow) - pos, 0xFFFF if not
                   caps & smbraw.CAP_LARGE_READX else 1 << 20)
        high = want >> 16
        b = M.read_andx(fid, pos, want & 0xFFFF, max_count_high=high)
        r = ctx.request(ctx.msg(b))
        if r is None or r.status != 0 or r.wc < 12:
            ctx.note("read of %d at %d: %s" % (want, pos, r))
            return
        n = struct.unpack_from("<H", r.words, 10)[0] | \
            struct.unpack_from("<H", r.words, 14)[0] << 16
        doff = struct.unpack_from("<H", r.words, 12)[0]
        got = r.raw[doff:doff + n]
        if n == 0 or len(got) != n or got != shadow[pos:pos + n]:
            ctx.rec.bad_reply(r.raw[:64], [
                "read back %d bytes at %d (asked %d) differ from what was "
                "written" % (n, pos, want)])
            return
        pos += n
    ctx.request(ctx.msg(M.close(fid)))
    ctx.request(ctx.msg(M.core_path(M.DELETE, name, True,
                                    [["SearchAttributes", "H", 0x16]])))


@generator(3, 5)
def gen_multi(ctx):
    """Two and three connections of the same user on the same files at
    once: share modes, delete-on-close and delete-pending, rename and
    delete under an open, writes and reads from both, one connection
    dropped while the other goes on."""
    rng = ctx.rng
    ctx.prelude(3)
    peers = [ctx]
    for i in range(rng.choice((1, 1, 2))):
        other = Ctx(ctx.cfg, random.Random(rng.getrandbits(48)), ctx.rec)
        other.prelude(3)
        peers.append(other)
    names = ["shared-%d" % i for i in range(3)]
    fids = {}
    try:
        for _ in range(rng.randint(4, 24)):
            c = rng.choice(peers)
            name = rng.choice(names)
            r = rng.random()
            if r < 0.35:
                m = c.msg(M.nt_create(
                    name, disposition=rng.choice((1, 2, 3, 5)),
                    share=rng.choice((0, 1, 2, 3, 4, 7)),
                    access=rng.choice((0x0012019F, 0x00120089, 0x00010000,
                                       0x80000000, 0x02000000)),
                    options=rng.choice((0x40, 0x1000 | 0x40, 0x1))))
                c.conn.send(m.build())
                rep = c.conn.recv_reply(c.cfg.timeout, m.mid)
                if rep is not None and rep.status == 0 and rep.wc >= 4:
                    fids.setdefault(id(c), []).append(
                        struct.unpack_from("<H", rep.words, 5)[0])
            elif r < 0.55 and fids.get(id(c)):
                fid = rng.choice(fids[id(c)])
                c.conn.send(c.msg(rng.choice((
                    M.write_andx(fid, rand_bytes(rng, rng.choice((10, 5000))),
                                 rng.choice((0, 100, 1 << 20))),
                    M.read_andx(fid, 0, 4096),
                    M.close(fid),
                    M.locking_andx(fid, 0, locks=[(0, 10)]),
                    M.flush(fid)))).build())
            elif r < 0.7:
                c.conn.send(c.msg(M.core_path(
                    M.RENAME, name, True, [["SearchAttributes", "H", 0x16]],
                    rng.choice(names))).build())
            elif r < 0.8:
                c.conn.send(c.msg(M.core_path(
                    M.DELETE, rng.choice((name, "shared-*")), True,
                    [["SearchAttributes", "H", 0x16]])).build())
            elif r < 0.9:
                params = struct.pack("<HHH", rng.choice(fids.get(id(c),
                                                                 [0])),
                                     rng.choice((0x102, 0x3F5, 0x104,
                                                 0x3EC)), 0)
                data = b"\1" if rng.random() < 0.5 else struct.pack(
                    "<Q", rng.choice((0, 100, 1 << 40)))
                c.conn.send(c.msg(M.transaction(
                    M.TRANSACTION2, [M.TRANS2_SET_FILE_INFORMATION], params,
                    data)).build())
            elif len(peers) > 1:
                victim = peers.pop(rng.randrange(1, len(peers)))
                victim.conn.close(rst=rng.random() < 0.5)
            for p in peers:
                p.poll()
    finally:
        for p in peers[1:]:
            p.conn.close()
    ctx.settle()


@generator(2, 5)
def gen_signing(ctx):
    """A signed session (NTLMv2 or NTLMSSP asking for signing): every
    request signed after its mutation, every reply's signature checked
    (ECHO with several replies, reads whose data pages are signed,
    transactions, errors); NT_CANCEL's single sequence number; requests
    with a wrong signature, which must end the connection, not the
    server."""
    rng = ctx.rng
    ctx.connect()
    ctx.negotiate()
    if not ctx.cfg.user:
        return
    if ctx.ext:
        r = ctx.login_ntlmssp(sign=True)
    else:
        r = ctx.login_nt(sign=True)
    if ctx.rec.bad or not ctx.signing:
        return
    ctx.logged_in = True
    ctx.uid = r.uid
    ctx.conn.strict_signing = True
    r = ctx.request(ctx.msg(M.tree_connect(ctx.share_path())))
    if r is not None and r.status == 0:
        ctx.tid = r.tid
    ctx.open("signed-%d" % rng.randrange(3), disposition=3)
    for _ in range(geometric(rng, 0.7, 12)):
        r = rng.random()
        if r < 0.15:
            m = ctx.msg(M.echo(rng.choice((1, 2, 5)), rand_bytes(rng, 100)))
        elif r < 0.3:
            m = ctx.msg(M.write_andx(ctx.fid, rand_bytes(rng, rng.choice(
                (1, 1000, 9000))), rng.choice((0, 4096))))
        elif r < 0.5:
            m = ctx.msg(M.read_andx(ctx.fid, rng.choice((0, 1, 4095)),
                                    rng.choice((1, 100, 5000, 16000))))
        elif r < 0.6:
            m = ctx.msg(M.transaction(
                M.TRANSACTION2, [M.TRANS2_QUERY_FS_INFORMATION],
                struct.pack("<H", rng.choice((0x102, 0x103, 0x105))), b""))
        elif r < 0.7:
            m = ctx.msg(M.Block(M.NT_CANCEL), mid=ctx.mid)
        elif r < 0.8:
            params = struct.pack("<HHHHI", 0x16, 50, 2, 0x104, 0) + \
                M.smb_string("\\*", True)
            m = ctx.msg(M.transaction(M.TRANSACTION2, [M.TRANS2_FIND_FIRST2],
                                      params, b""))
        else:
            m = ctx.msg(M.raw_block(rng.choice(M.KNOWN_COMMANDS),
                                    rand_bytes(rng, 2 * rng.randint(0, 12)),
                                    rand_bytes(rng, rng.randint(0, 30))))
        m.flags2 |= smbraw.SMB_FLAGS2_SMB_SECURITY_SIGNATURE
        if rng.random() < 0.3:
            mutate.mutate_msg(rng, m, 1)
        data = m.build()
        if rng.random() < 0.05:
            # A wrong signature: sent unsigned, it must be refused.
            ctx.conn.signer.count(data)
            ctx.conn.send_raw(ctx.conn.frame(data))
            ctx.conn.strict_signing = False
            ctx.settle()
            return
        ctx.conn.send(data)
        ctx.poll()
    ctx.settle()


@generator(1, 2)
def gen_flood(ctx):
    """Requests that skip the MaxMpxCount queue (NT_CANCEL, oplock
    break acknowledgments) and ordinary ones, as fast as the socket
    takes them, from a client that never reads; then reset."""
    rng = ctx.rng
    ctx.prelude(1)
    ctx.conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    kind = rng.choice(("lock", "cancel", "echo", "mixed"))
    msgs = []
    for _ in range(50):
        k = kind if kind != "mixed" else rng.choice(("lock", "cancel",
                                                     "echo"))
        if k == "lock":
            b = M.locking_andx(rng.getrandbits(16), lock_type=0x02)
        elif k == "cancel":
            b = M.Block(M.NT_CANCEL)
        else:
            b = M.echo(1, rand_bytes(rng, 16))
        msgs.append(ctx.conn.frame(ctx.msg(b).build()))
    blob = b"".join(msgs)
    deadline = time.monotonic() + rng.choice((0.3, 1.0, 1.5))
    ctx.conn.sock.settimeout(0.3)
    while time.monotonic() < deadline:
        try:
            ctx.conn.sock.sendall(blob)
        except (socket.timeout, OSError):
            break
    ctx.conn.close(rst=True)


# Requests the receive work answers itself: tests/fuzz/inline.py.
inline.bind(sys.modules[__name__])
generator(4, 6)(inline.gen_inline)


def flood_check(cfg, seconds, limit_kb):
    """One client that never reads floods oplock break acknowledgments
    (they skip the MaxMpxCount queue) for @seconds: the kernel's slab
    must not grow by more than @limit_kb meanwhile."""
    def slab():
        for line in open("/proc/meminfo"):
            if line.startswith("Slab:"):
                return int(line.split()[1])
        return 0
    rec = Record("flood", 0, False)
    ctx = Ctx(cfg, random.Random(0), rec)
    ctx.connect(netbios=False)
    ctx.negotiate(ext=False)
    ctx.conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    blob = b"".join(ctx.conn.frame(ctx.msg(
        M.locking_andx(0x1234, lock_type=0x02)).build()) for _ in range(200))
    before = slab()
    peak = before
    sent = 0
    end = time.monotonic() + seconds
    ctx.conn.sock.settimeout(0.5)
    while time.monotonic() < end:
        try:
            ctx.conn.sock.sendall(blob)
            sent += 200
        except (socket.timeout, OSError):
            time.sleep(0.1)
        peak = max(peak, slab())
    ctx.conn.close(rst=True)
    grew = peak - before
    print("smbfuzz: flood check: %d requests unread in %ds, slab grew %d kB"
          " (limit %d kB)" % (sent, seconds, grew, limit_kb), flush=True)
    return 0 if grew <= limit_kb else 1


# ---- running ----

class Config:
    pass


def session(user, password, share, name, netbios=False, seed=1, port=445,
            logon=True):
    """A Ctx logged in to 127.0.0.1 (port 139 with @netbios, else @port)
    with its tree connected, for test clients outside the fuzzer (the
    guest suites' chain_limits.py, freeze_write.py); without @logon only
    negotiated (non-extended security). Exits on failure."""
    cfg = Config()
    for k, v in dict(host="127.0.0.1", port=port, nbt_port=139, timeout=30,
                     quiet=0.5, user=user, password=password, domain="",
                     share=share, verbose=False, canary="",
                     canary_forms=[]).items():
        setattr(cfg, k, v)
    cfg.nthash = smbauth.nt_hash(password)
    ctx = Ctx(cfg, random.Random(seed), Record(name, 0, netbios))
    ctx.connect(netbios=netbios)
    ctx.negotiate(ext=False)
    if not logon:
        return ctx
    if not ctx.login() or not ctx.tree_connect():
        raise SystemExit("login or tree connect failed")
    return ctx


class KernelLog:
    """New /dev/kmsg records since the last look, for reports the
    runner would fail the suite on."""

    def __init__(self):
        self.fd = None
        try:
            self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
            os.lseek(self.fd, 0, os.SEEK_END)
        except OSError:
            self.fd = None

    def bad_lines(self):
        if self.fd is None:
            return []
        bad = []
        while True:
            try:
                rec = os.read(self.fd, 8192)
            except BlockingIOError:
                break
            except OSError:     # EPIPE: records overwritten; go on
                continue
            if not rec:
                break
            text = rec.decode("utf-8", "replace").split(";", 1)[-1].strip()
            if DMESG_BAD.search(text):
                bad.append(text)
        return bad


class Fuzzer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.stats = {}
        self.total = 0
        self.recent = []        # records of the last batches
        self.failures = []
        self.kmsg = KernelLog() if cfg.dmesg else None
        self.baseline = {}
        self.gens = [(name, g) for name, g in sorted(GENERATORS.items())
                     if (not cfg.only or name in cfg.only) and
                     not (g[3] and not cfg.user)]
        if not self.gens:
            raise SystemExit("smbfuzz: no generator selected")

    # -- one case --

    def run_case(self, gen, seed, netbios):
        fn, level, _, _ = GENERATORS[gen]
        rec = Record(gen, seed, netbios)
        ctx = Ctx(self.cfg, random.Random(seed), rec)
        try:
            fn(ctx)
        except Closed as e:
            rec.outcome = "closed: %s" % e
        except Skip as e:
            rec.outcome = "skipped: %s" % e
        except (ConnectionError, socket.timeout, OSError) as e:
            rec.outcome = "socket: %s" % e
        except Exception as e:      # a fuzzer bug: report, keep going
            rec.outcome = "fuzzer error: %r" % e
            rec.notes.append(traceback.format_exc())
            if self.cfg.verbose:
                traceback.print_exc()
        finally:
            if ctx.conn is not None:
                ctx.conn.close()
        return rec

    # -- checks between batches --

    def probe(self, login):
        """A fresh connection gets NEGOTIATE and ECHO answered; with
        @login, also a logon and a tree connect. Returns what worked."""
        rec = Record("health", 0, False)
        ctx = Ctx(self.cfg, random.Random(0), rec)
        got = set()
        try:
            ctx.connect(netbios=False)
            ctx.negotiate(ext=False)
            got.add("negotiate")
            r = ctx.request(ctx.msg(M.echo(1, b"health")))
            if r is not None and r.status == 0 and r.data == b"health":
                got.add("echo")
            if login:
                r = ctx.login()
                if ctx.logged_in:
                    got.add("login")
                    r = ctx.tree_connect()
                    if r is not None and r.status == 0:
                        got.add("tree")
                        got |= self.probe_file(ctx)
        except (Closed, OSError, socket.timeout, ValueError) as e:
            got.add("error: %s" % e)
        finally:
            if ctx.conn is not None:
                ctx.conn.close()
        if self.cfg.nbt_port:
            try:
                ctx = Ctx(self.cfg, random.Random(0),
                          Record("health", 0, True))
                ctx.connect(netbios=True)
                ctx.negotiate(ext=True)
                r = ctx.request(ctx.msg(M.echo(1, b"nb")))
                if r is not None and r.status == 0:
                    got.add("nbt")
            except (Closed, OSError, socket.timeout, ValueError):
                pass
            finally:
                if ctx.conn is not None:
                    ctx.conn.close()
        return got

    def probe_file(self, ctx):
        """Write a pattern to a file of the share, read it back: data
        written is data kept (if the server has opens and I/O yet)."""
        got = set()
        pattern = os.urandom(3000)
        r = ctx.open("health-check.bin", disposition=5)     # OVERWRITE_IF
        if r is None or r.status != 0:
            return got
        got.add("open")
        r = ctx.request(ctx.msg(M.write_andx(ctx.fid, pattern, 0)))
        if r is None or r.status != 0:
            return got
        got.add("write")
        r = ctx.request(ctx.msg(M.read_andx(ctx.fid, 0, len(pattern))))
        if r is None or r.status != 0 or r.wc < 12:
            return got
        n = struct.unpack_from("<H", r.words, 10)[0]
        off = struct.unpack_from("<H", r.words, 12)[0]
        if r.raw[off:off + n] == pattern:
            got.add("read back")
        ctx.request(ctx.msg(M.close(ctx.fid)))
        return got

    def check(self, label):
        """Health and kernel log after a batch; False on failure."""
        ok = True
        bad = self.kmsg.bad_lines() if self.kmsg else []
        if bad:
            self.fail(label, "kernel log: " + " | ".join(bad[:5]))
            ok = False
        want = self.baseline
        for attempt in range(3):
            got = self.probe(bool(self.cfg.user))
            missing = set(k for k in want if not k.startswith("error")) - got
            if not missing:
                break
            time.sleep(5)
        else:
            self.fail(label, "server stopped answering: %s missing (%s)"
                      % (", ".join(sorted(missing)),
                         ", ".join(sorted(got)) or "nothing"))
            ok = False
        bad = self.kmsg.bad_lines() if self.kmsg else []
        if bad:
            self.fail(label, "kernel log: " + " | ".join(bad[:5]))
            ok = False
        return ok

    def fail(self, label, why):
        print("smbfuzz: FAIL after %s: %s" % (label, why), flush=True)
        self.failures.append({"after": label, "why": why})
        self.write_log("failure.json", self.failure_report())

    def failure_report(self):
        return {"seed": self.cfg.seed, "failures": self.failures,
                "cases": [r.dump() for r in self.recent]}

    def write_log(self, name, obj):
        if not self.cfg.log_dir:
            return
        path = os.path.join(self.cfg.log_dir, name)
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(obj, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)

    # -- the run --

    def plan_batch(self, master, size):
        weights = [(name, g[2]) for name, g in self.gens]
        cases = []
        for _ in range(size):
            gen = mutate.pick(master, weights)
            seed = master.getrandbits(48)
            netbios = bool(self.cfg.nbt_port) and master.random() < 0.2
            cases.append((gen, seed, netbios))
        parallel = self.cfg.parallel > 1 and master.random() < 0.6
        return cases, parallel

    def run_batch(self, cases, parallel):
        records = [None] * len(cases)
        if parallel:
            lock = threading.Lock()
            todo = list(range(len(cases)))

            def worker():
                while True:
                    with lock:
                        if not todo:
                            return
                        i = todo.pop(0)
                    records[i] = self.run_case(*cases[i])
            threads = [threading.Thread(target=worker)
                       for _ in range(self.cfg.parallel)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        else:
            for i, c in enumerate(cases):
                records[i] = self.run_case(*c)
                if self.deadline_passed():
                    records = records[:i + 1]
                    break
        # Before accounting: a failure it finds reports these cases too.
        self.recent = (self.recent + records)[-3 * self.cfg.batch:]
        for rec in records:
            self.account(rec)
        return records

    def account(self, rec):
        s = self.stats.setdefault(rec.gen, {"cases": 0, "closed": 0,
                                           "replies": 0, "errors": 0,
                                           "signed": 0, "statuses": {}})
        s["cases"] += 1
        s["signed"] += rec.signed
        s["replies"] += rec.replies
        if rec.outcome.startswith(("closed", "socket")):
            s["closed"] += 1
        if rec.outcome.startswith("fuzzer error"):
            s["errors"] += 1
            if s["errors"] <= 3:
                print("smbfuzz: fuzzer error in %s seed %d: %s"
                      % (rec.gen, rec.seed, rec.notes[-1]), flush=True)
        for st, n in rec.statuses.items():
            s["statuses"][st] = s["statuses"].get(st, 0) + n
        if rec.bad:
            self.fail("%s seed %d" % (rec.gen, rec.seed),
                      "malformed reply: %s" % rec.bad[0])
        self.total += 1

    def deadline_passed(self):
        return time.monotonic() >= self.end

    def run(self):
        cfg = self.cfg
        print("smbfuzz: seed %d, %s, %d generators, parallel %d"
              % (cfg.seed, "%ds" % cfg.seconds if cfg.seconds else
                 "%d cases" % cfg.iterations, len(self.gens),
                 cfg.parallel), flush=True)
        self.baseline = self.probe(bool(cfg.user))
        print("smbfuzz: server offers: %s"
              % ", ".join(sorted(self.baseline)), flush=True)
        if "echo" not in self.baseline:
            print("smbfuzz: the server does not answer NEGOTIATE+ECHO "
                  "before fuzzing", flush=True)
            return 2
        self.baseline = set(k for k in self.baseline
                            if not k.startswith("error"))
        if cfg.user and "login" not in self.baseline:
            print("smbfuzz: warning: logon with %s failed; post-logon "
                  "cases run against error paths" % cfg.user, flush=True)
        master = random.Random(cfg.seed)
        self.start = time.monotonic()
        self.end = self.start + (cfg.seconds or 1e12)
        last_report = self.start
        batch_no = 0
        while not self.deadline_passed() and \
                (not cfg.iterations or self.total < cfg.iterations):
            size = cfg.batch
            if cfg.iterations:
                size = min(size, cfg.iterations - self.total)
            cases, parallel = self.plan_batch(master, size)
            self.write_log("inflight.json", {
                "seed": cfg.seed, "batch": batch_no,
                "cases": [{"gen": g, "seed": s, "netbios": n}
                          for g, s, n in cases]})
            records = self.run_batch(cases, parallel)
            batch_no += 1
            if not self.check("batch %d (cases %d..%d)"
                              % (batch_no - 1, self.total - len(records),
                                 self.total - 1)):
                break
            if time.monotonic() - last_report >= 15:
                last_report = time.monotonic()
                self.progress()
        self.progress()
        self.summary()
        self.write_log("last.json", self.failure_report())
        return 1 if self.failures else 0

    def progress(self):
        t = time.monotonic() - self.start
        closed = sum(s["closed"] for s in self.stats.values())
        replies = sum(s["replies"] for s in self.stats.values())
        print("smbfuzz: %4.0fs %6d cases (%.1f/s) %7d replies, %d "
              "connections closed by the server"
              % (t, self.total, self.total / max(t, 1), replies, closed),
              flush=True)

    def summary(self):
        print("smbfuzz: per generator: cases, replies, closed, top "
              "statuses")
        for gen in sorted(self.stats):
            s = self.stats[gen]
            top = sorted(s["statuses"].items(), key=lambda kv: -kv[1])[:4]
            print("  %-18s %6d %7d %5d  %s%s"
                  % (gen, s["cases"], s["replies"], s["closed"],
                     " ".join("%08x:%d" % kv for kv in top),
                     ("  signed %d" % s["signed"]) if s["signed"] else "") +
                  ("  FUZZER ERRORS %d" % s["errors"] if s["errors"]
                   else ""))
        print("smbfuzz: %s after %d cases"
              % ("FAILED" if self.failures else "passed", self.total),
              flush=True)

    def replay(self, path, only_case=None):
        with open(path) as f:
            doc = json.load(f)
        cases = doc.get("cases", [])
        if only_case is not None:
            cases = [cases[only_case]]
        self.baseline = set(k for k in self.probe(bool(self.cfg.user))
                            if not k.startswith("error"))
        self.start = time.monotonic()
        self.end = self.start + 1e12
        print("smbfuzz: replaying %d cases from %s (seed %s)"
              % (len(cases), path, doc.get("seed")), flush=True)
        for i, c in enumerate(cases):
            rec = self.run_case(c["gen"], c["seed"], c.get("netbios", False))
            self.recent = [rec]
            print("  case %d: %s seed %d netbios %s: %s"
                  % (i, c["gen"], c["seed"], c.get("netbios", False),
                     rec.outcome), flush=True)
            self.account(rec)
            if not self.check("replayed case %d" % i):
                print("smbfuzz: case %d breaks the server; its bytes are "
                      "in failure.json" % i)
                return 1
        if self.failures:
            print("smbfuzz: replay done, the server answers, but replies "
                  "were wrong")
            return 1
        print("smbfuzz: replay done, the server is fine")
        return 0


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Structure-aware SMB1 network fuzzer for kcifsd.")
    p.add_argument("--host", default=os.environ.get("KCIFSD_HOST",
                                                    "127.0.0.1"))
    p.add_argument("--port", type=int, default=445,
                   help="Direct TCP port (0: off)")
    p.add_argument("--nbt-port", type=int, default=139,
                   help="NetBIOS session port (0: off)")
    p.add_argument("--seed", type=int, default=None,
                   help="master seed (default: random, printed)")
    p.add_argument("--seconds", type=float, default=0,
                   help="stop after this long (0: no limit)")
    p.add_argument("--iterations", type=int, default=0,
                   help="stop after this many cases (0: no limit)")
    p.add_argument("--batch", type=int, default=25,
                   help="cases between two health checks")
    p.add_argument("--parallel", type=int, default=6,
                   help="threads for parallel batches (1: none)")
    p.add_argument("--timeout", type=float, default=15.0,
                   help="seconds to wait for a reply that must come")
    p.add_argument("--quiet", type=float, default=0.25,
                   help="seconds of silence that end a case's reading")
    p.add_argument("--user", default="")
    p.add_argument("--password", default="")
    p.add_argument("--domain", default="")
    p.add_argument("--share", default="",
                   help="a writable share of the account")
    p.add_argument("--canary", default="",
                   help="a string the suite put only outside the share: "
                   "a reply that carries it is a failure")
    p.add_argument("--log-dir", default="",
                   help="write inflight.json, failure.json, last.json here")
    p.add_argument("--only", default="",
                   help="comma-separated generators (see --list)")
    p.add_argument("--no-dmesg", dest="dmesg", action="store_false",
                   help="do not watch /dev/kmsg")
    p.add_argument("--replay", default="",
                   help="run the cases of an inflight/failure/last file")
    p.add_argument("--case", type=int, default=None,
                   help="with --replay: only this case (0-based)")
    p.add_argument("--flood-check", type=int, default=0, metavar="SECONDS",
                   help="only check that a client that never reads cannot "
                   "make the server's memory grow (reads /proc/meminfo)")
    p.add_argument("--list", action="store_true",
                   help="list the generators and exit")
    p.add_argument("-v", "--verbose", action="store_true")
    a = p.parse_args(argv)
    if not a.list and not a.replay and not a.seconds and \
            not a.iterations and not a.flood_check:
        p.error("give --seconds or --iterations (the run must end)")
    return a


def main(argv):
    a = parse_args(argv)
    if a.list:
        for name, (fn, level, weight, needs) in sorted(GENERATORS.items()):
            doc = " ".join((fn.__doc__ or "").split())
            print("%-18s level %d weight %2d%s\n    %s"
                  % (name, level, weight, " (needs --user)" if needs else "",
                     doc))
        return 0
    cfg = Config()
    for k, v in vars(a).items():
        setattr(cfg, k, v)
    if cfg.seed is None:
        cfg.seed = random.SystemRandom().getrandbits(32)
    cfg.only = set(x for x in a.only.split(",") if x)
    unknown = cfg.only - set(GENERATORS)
    if unknown:
        print("smbfuzz: unknown generators: %s" % ", ".join(sorted(unknown)))
        return 2
    cfg.nthash = smbauth.nt_hash(cfg.password)
    cfg.canary_forms = []
    if cfg.canary:
        cfg.canary_forms = [cfg.canary.encode(),
                            cfg.canary.encode("utf-16-le")]
    if cfg.log_dir:
        os.makedirs(cfg.log_dir, exist_ok=True)
    if a.flood_check:
        return flood_check(cfg, a.flood_check, 64 * 1024)
    fz = Fuzzer(cfg)
    if a.replay:
        return fz.replay(a.replay, a.case)
    return fz.run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
