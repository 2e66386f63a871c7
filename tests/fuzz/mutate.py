# SPDX-License-Identifier: GPL-2.0-only
"""Mutators for the fuzzer, from the most structured to the least:

  fields  a Words field, WordCount, ByteCount, AndX command/offset,
          header fields, the block chain (repeat, drop, reorder, gaps)
  bytes   the serialized message: bit flips, interesting values at
          random offsets, truncation, insertion, deletion, duplication
  blobs   NTLMSSP field descriptors and SPNEGO DER lengths and tags

Every choice comes from the caller's random.Random, so a case built
from a seed is the same every time.
"""

import struct

import smbmsg

I8 = (0, 1, 0x7F, 0x80, 0xFE, 0xFF)
I16 = (0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x7FFF, 0x8000,
       0x8001, 0xFFFE, 0xFFFF)
I32 = (0, 1, 0xFF, 0xFFFF, 0x10000, 0x10001, 0x7FFFFFFF, 0x80000000,
       0xFFFFFFFE, 0xFFFFFFFF, 0x00FFFFFF, 0x01000000)
I64 = (0, 1, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF,
       0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFF000,
       0x7FFFFFFFFFFFF000)
INTERESTING = {"B": I8, "H": I16, "I": I32, "Q": I64}


def geometric(rng, p=0.5, cap=8):
    """1, 2, 3... with P(n+1)/P(n) = p, at most @cap."""
    n = 1
    while n < cap and rng.random() < p:
        n += 1
    return n


def mutate_int(rng, value, fmt, hints=()):
    """A hostile replacement for an integer field of width @fmt;
    @hints are offsets and lengths that matter in this message."""
    top = smbmsg.FMT_MAX[fmt]
    r = rng.random()
    if r < 0.35:
        v = rng.choice(INTERESTING[fmt])
    elif r < 0.6:
        v = value + rng.choice((-2, -1, 1, 2, rng.randint(-64, 64)))
    elif r < 0.75 and hints:
        v = rng.choice(hints) + rng.choice((-1, 0, 0, 1))
    elif r < 0.85:
        v = value ^ (1 << rng.randrange(8 * len(struct.pack("<" + fmt, 0))))
    elif r < 0.93:
        v = value * rng.choice((2, 16, 256, 65536))
    else:
        v = rng.randint(0, top)
    return v & top


def layout_hints(msg):
    """Offsets and sizes of the built message, for offset fields."""
    hints = [0, 32, 33, 35]
    for off, bytes_start, end in msg.layout:
        hints += [off, bytes_start, end]
    total = getattr(msg, "total", 64)
    hints += [total, total + 1, total - 1, total + 4096, 0xFFFF, 0x10000,
              16644, 65535 - 32]
    return hints


# ---- field-level ----

def m_field(rng, msg):
    blocks = [b for b in msg.blocks if b.fields]
    if not blocks:
        return m_bc(rng, msg)
    b = rng.choice(blocks)
    f = rng.choice(b.fields)
    b.set(f[0], mutate_int(rng, f[2], f[1], layout_hints(msg)))
    return "field %s 0x%02x %s" % (f[0], b.cmd, f[2])


def m_wc(rng, msg):
    b = rng.choice(msg.blocks)
    real = b.words_len() // 2
    b.wc = rng.choice((real - 1, real + 1, 0, 0xFF, real + 2, real - 2,
                       rng.randint(0, 0xFF))) & 0xFF
    return "wc 0x%02x %d" % (b.cmd, b.wc)


def m_bc(rng, msg):
    b = rng.choice(msg.blocks)
    real = len(b.data) if not callable(b.data) else 0
    b.bc = rng.choice((real - 1, real + 1, 0, 0xFFFF, real + 2, real * 2,
                       0x8000, rng.randint(0, 0xFFFF))) & 0xFFFF
    return "bc 0x%02x %d" % (b.cmd, b.bc)


def m_andx(rng, msg):
    andx = [(i, b) for i, b in enumerate(msg.blocks) if b.is_andx]
    if not andx:
        return m_chain(rng, msg)
    i, b = rng.choice(andx)
    off, bytes_start, end = msg.layout[i]
    r = rng.random()
    if r < 0.5:
        b.andx_off = rng.choice((
            0, off, off - 1, off + 1, 32, bytes_start - 2, bytes_start,
            end - 1, end, end + 1, msg.total, msg.total - 1, msg.total - 2,
            msg.total + 1, 0xFFFF, 0x8000,
            msg.layout[i - 1][0] if i else 32,
            rng.randint(0, msg.total + 8))) & 0xFFFF
    elif r < 0.85:
        b.andx_cmd = rng.choice((
            b.cmd, smbmsg.NO_ANDX, rng.choice(smbmsg.KNOWN_COMMANDS),
            rng.randint(0, 0xFF), smbmsg.NEGOTIATE, smbmsg.ECHO,
            smbmsg.SESSION_SETUP_ANDX, smbmsg.TREE_CONNECT_ANDX,
            smbmsg.LOGOFF_ANDX, smbmsg.LOCKING_ANDX, smbmsg.CLOSE,
            smbmsg.NT_CANCEL))
    else:
        b.andx_reserved = rng.randint(1, 0xFF)
    return "andx block %d -> cmd %s off %s" % (i, b.andx_cmd, b.andx_off)


def m_chain(rng, msg):
    """Grow, shrink or reorder the chain; gaps between blocks."""
    r = rng.random()
    blocks = msg.blocks
    if r < 0.4 and len(blocks) < 12:
        src = rng.choice(blocks).copy()
        n = rng.choice((1, 1, 2, 7, 8, 9))
        for _ in range(n):
            blocks.insert(rng.randint(1, len(blocks)), src.copy())
        return "chain +%d x 0x%02x" % (n, src.cmd)
    if r < 0.55 and len(blocks) > 1:
        del blocks[rng.randrange(1, len(blocks))]
        return "chain drop"
    if r < 0.7 and len(blocks) > 1:
        i, j = rng.sample(range(len(blocks)), 2)
        blocks[i], blocks[j] = blocks[j], blocks[i]
        return "chain swap"
    b = rng.choice(blocks)
    b.gap = bytes(rng.getrandbits(8) for _ in range(rng.choice((1, 2, 3,
                                                                 64))))
    return "chain gap %d" % len(b.gap)


def m_header(rng, msg):
    r = rng.random()
    if r < 0.2:
        msg.flags2 ^= 1 << rng.randrange(16)
    elif r < 0.3:
        msg.flags ^= 1 << rng.randrange(8)
    elif r < 0.45:
        msg.uid = rng.choice((0, 1, 2, 0xFFFE, 0xFFFF, msg.uid + 1,
                              rng.getrandbits(16)))
    elif r < 0.6:
        msg.tid = rng.choice((0, 1, 0xFFFF, 0xFFFE, msg.tid + 1,
                              rng.getrandbits(16)))
    elif r < 0.65:
        msg.mid = rng.choice((0, 0xFFFF, rng.getrandbits(16)))
    elif r < 0.7:
        msg.pid = rng.choice((0xFFFF, 0xFFFFFFFF, 0xFEFF,
                              rng.getrandbits(32)))
    elif r < 0.78:
        msg.status = rng.choice((0xC0000016, 0xFFFFFFFF, 1,
                                 rng.getrandbits(32)))
    elif r < 0.85:
        msg.signature = bytes(rng.getrandbits(8) for _ in range(8))
    elif r < 0.93:
        msg.command = rng.choice((rng.getrandbits(8),
                                  rng.choice(smbmsg.KNOWN_COMMANDS)))
    else:
        msg.reserved = rng.getrandbits(16)
    return "header"


def m_data(rng, msg):
    b = rng.choice(msg.blocks)
    if callable(b.data):
        return "data (lazy)"
    b.data = mutate_bytes(rng, b.data, rounds=geometric(rng, 0.4, 4))
    return "data 0x%02x" % b.cmd


def m_trailer(rng, msg):
    msg.trailer = bytes(rng.getrandbits(8)
                        for _ in range(rng.choice((1, 2, 16, 300))))
    return "trailer"


FIELD_MUTATORS = ((m_field, 40), (m_wc, 8), (m_bc, 10), (m_andx, 12),
                  (m_chain, 6), (m_header, 8), (m_data, 12), (m_trailer, 3))


def pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def mutate_msg(rng, msg, rounds=None):
    """Apply field-level mutations to @msg (frozen first so every hint
    is known). Returns the list of what was done."""
    msg.freeze()
    done = []
    for _ in range(rounds or geometric(rng, 0.45, 6)):
        done.append(pick(rng, FIELD_MUTATORS)(rng, msg))
        msg.freeze()
    return done


# ---- byte-level ----

def mutate_bytes(rng, data, rounds=1, protect=0):
    """@data with @rounds random edits; the first @protect bytes are
    left alone (the protocol id, so the message is still SMB1)."""
    buf = bytearray(data)
    for _ in range(rounds):
        n = len(buf)
        lo = min(protect, n)
        r = rng.random()
        if n <= lo or r < 0.05:
            buf += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 8)))
        elif r < 0.3:
            i = rng.randrange(lo, n)
            buf[i] ^= 1 << rng.randrange(8)
        elif r < 0.5:
            i = rng.randrange(lo, n)
            buf[i] = rng.choice(I8)
        elif r < 0.62 and n - lo >= 2:
            i = rng.randrange(lo, n - 1)
            buf[i:i + 2] = struct.pack("<H", rng.choice(I16))
        elif r < 0.7 and n - lo >= 4:
            i = rng.randrange(lo, n - 3)
            buf[i:i + 4] = struct.pack("<I", rng.choice(I32))
        elif r < 0.78:
            del buf[rng.randint(lo, n):]
        elif r < 0.85:
            i = rng.randint(lo, n)
            buf[i:i] = bytes(rng.getrandbits(8)
                             for _ in range(rng.choice((1, 2, 4, 33))))
        elif r < 0.92:
            i = rng.randrange(lo, n)
            del buf[i:i + rng.randint(1, 16)]
        else:
            i = rng.randrange(lo, n)
            j = rng.randint(i, min(n, i + 64))
            buf[i:i] = buf[i:j]
    return bytes(buf)


# ---- blobs ----

def mutate_ntlmssp(rng, msg):
    """Hostile Len/MaxLen/Offset descriptors, type and flags in an
    NTLMSSP message (MS-NLMP 2.2.1)."""
    buf = bytearray(msg)
    if len(buf) < 16:
        return mutate_bytes(rng, msg, 2)
    (mtype,) = struct.unpack_from("<I", buf, 8)
    # Field descriptors: NEGOTIATE at 16, 24; AUTHENTICATE 12..52 step 8;
    # CHALLENGE at 12 and 40.
    desc = {1: (16, 24), 2: (12, 40),
            3: (12, 20, 28, 36, 44, 52)}.get(mtype, (12, 20))
    for _ in range(geometric(rng, 0.5, 4)):
        r = rng.random()
        if r < 0.6:
            at = rng.choice(desc)
            if at + 8 > len(buf):
                continue
            length, maxlen, off = struct.unpack_from("<HHI", buf, at)
            which = rng.randrange(3)
            if which == 0:
                length = mutate_int(rng, length, "H",
                                    (len(buf), len(buf) - off))
            elif which == 1:
                maxlen = mutate_int(rng, maxlen, "H")
            else:
                off = mutate_int(rng, off, "I",
                                 (0, 8, 12, 64, 72, 88, len(buf),
                                  len(buf) - 1, len(buf) - length))
            struct.pack_into("<HHI", buf, at, length, maxlen, off)
        elif r < 0.7:
            struct.pack_into("<I", buf, 8, rng.choice((0, 1, 2, 3, 4,
                                                        0xFFFFFFFF)))
        elif r < 0.85:
            flags_at = {1: 12, 2: 20, 3: 60}.get(mtype, 12)
            if flags_at + 4 <= len(buf):
                (fl,) = struct.unpack_from("<I", buf, flags_at)
                fl ^= 1 << rng.randrange(32)
                struct.pack_into("<I", buf, flags_at, fl)
        elif r < 0.92:
            del buf[rng.randint(8, len(buf)):]
        else:
            buf = bytearray(mutate_bytes(rng, bytes(buf), 1, protect=12))
    return bytes(buf)


def mutate_ntlmv2_response(rng, nt):
    """Break the AV pairs or the blob header of an NTLMv2 response."""
    buf = bytearray(nt)
    if len(buf) < 48:
        return mutate_bytes(rng, nt, 1)
    r = rng.random()
    if r < 0.5:
        # AV pair lengths start at 48 + 2 (after NTProofStr 16, header 28).
        off = 44
        pairs = []
        while off + 4 <= len(buf):
            pairs.append(off)
            avid, n = struct.unpack_from("<HH", buf, off)
            if avid == 0:
                break
            off += 4 + n
        at = rng.choice(pairs)
        struct.pack_into("<H", buf, at + 2,
                         rng.choice((0xFFFF, 0x8000, len(buf), len(buf) - at,
                                     len(buf) - at - 3, 1, 3)))
    elif r < 0.7:
        del buf[rng.randint(16, len(buf)):]
    else:
        buf = bytearray(mutate_bytes(rng, bytes(buf), 2, protect=16))
    return bytes(buf)


def mutate_der(rng, blob):
    """Lie in DER lengths and tags: long forms, indefinite (0x80),
    lengths past the end, high tag numbers, deep nesting."""
    buf = bytearray(blob)
    if not buf:
        return blob
    r = rng.random()
    # Candidate TLV heads: bytes that look like tags we use.
    heads = [i for i in range(len(buf) - 1)
             if buf[i] in (0x60, 0x06, 0xA0, 0xA1, 0xA2, 0xA3, 0x30, 0x04,
                           0x0A) and i < 64]
    if r < 0.45 and heads:
        i = rng.choice(heads)
        choice = rng.random()
        if choice < 0.3:
            buf[i + 1] = rng.choice((0x80, 0x81, 0x84, 0x85, 0x88, 0xFF,
                                     0x7F, 0x00))
        elif choice < 0.6:
            lf = rng.choice((b"\x84\xff\xff\xff\xff", b"\x84\x7f\xff\xff\xff",
                             b"\x82\xff\xff", b"\x81\x00",
                             b"\x84\x00\x00\x00\x01"))
            buf[i + 1:i + 2] = lf
        else:
            buf[i + 1] = (buf[i + 1] + rng.choice((-1, 1, 2, -2))) & 0x7F
    elif r < 0.6 and heads:
        buf[rng.choice(heads)] = rng.choice((0x1F, 0x3F, 0xBF, 0xFF, 0x00,
                                             0xA4, 0x31, 0x05))
    elif r < 0.72:
        depth = rng.choice((8, 64, 500))
        inner = bytes(blob)
        for _ in range(depth):
            inner = bytes((0x30,)) + der_len(len(inner)) + inner
        return inner[:0xF000]
    elif r < 0.85:
        del buf[rng.randint(1, len(buf)):]
    else:
        buf = bytearray(mutate_bytes(rng, bytes(buf), 2))
    return bytes(buf)


def der_len(n):
    if n < 0x80:
        return bytes((n,))
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(raw),)) + raw


# ---- hostile strings ----

PATHS = (
    "", "\\", "\\\\", ".", "..", "\\..", "..\\..\\..\\etc\\passwd",
    "\\..\\..\\..\\..\\etc\\shadow", "a\\..\\..\\b", "a/../../b",
    "file.txt", "dir\\file.txt", "\\dir\\..\\..\\x", "con", "NUL", "COM1",
    "LPT1.txt", "aux.c", "file:stream", "file::$DATA", "file:s:$DATA",
    "*", "?", "<", ">", "\"", "a*b?c", "trailing.", "trailing ",
    "x" * 255, "x" * 256, "y" * 1024, ("d\\" * 300) + "f",
    "\\\\server\\share\\file", "c:\\windows", "emb\0edded", "\x01\x02\x7f",
    "\u00e9t\u00e9", "\u65e5\u672c", "\U0001F600", "\ud800", "\udc00x",
    "a\\.\\b", "....", ". .", "\\.\\.\\.", "dir\\", "~1", "PIPE\\srvsvc",
    "\\PIPE\\lanman", "$Extend\\$Quota", "..\\" * 40,
)

SHARE_PATHS = (
    "\\\\127.0.0.1\\{share}", "\\\\SERVER\\{share}", "\\\\*SMBSERVER\\IPC$",
    "\\\\127.0.0.1\\IPC$", "\\\\127.0.0.1\\ipc$", "\\\\127.0.0.1\\nosuch",
    "\\\\127.0.0.1\\", "\\\\\\{share}", "\\\\127.0.0.1", "\\\\",
    "", "\\", "{share}", "\\\\127.0.0.1\\{share}\\sub", "\\\\a\\b\\c\\d",
    "//127.0.0.1/{share}", "\\\\127.0.0.1\\..", "\\\\127.0.0.1\\.",
    "\\\\127.0.0.1\\" + "s" * 300, "\\\\" + "h" * 300 + "\\{share}",
    "\\\\127.0.0.1\\{share}\0junk", "\\\\127.0.0.1\\sh:are",
    "\\\\127.0.0.1\\\ud800", "\\\\127.0.0.1\\\u00e9",
)

SERVICES = ("?????", "A:", "IPC", "LPT1:", "COMM", "", "a:", "ipc",
            "?????" * 50, "A:\0", "NTFS", "\xff\xfe")

DIALECTS = ("PC NETWORK PROGRAM 1.0", "LANMAN1.0",
            "Windows for Workgroups 3.1a", "LM1.2X002", "LANMAN2.1",
            "NT LM 0.12", "SMB 2.002", "SMB 2.???", "NT LANMAN 1.0",
            "nt lm 0.12", "NT LM 0.12 ", "", "x" * 300, "POSIX 2")


def hostile_string(rng, choices, unicode, **fmt):
    """One of @choices (formatted), perhaps cut, unterminated, oddly
    long in UTF-16, or raw bytes."""
    s = rng.choice(choices).format(**fmt) if fmt else rng.choice(choices)
    raw = smbmsg.smb_string(s, unicode)
    r = rng.random()
    if r < 0.1:
        raw = raw[:-2] if unicode else raw[:-1]      # no terminator
    elif r < 0.18 and unicode:
        raw = raw[:-1]                                # odd length
    elif r < 0.24:
        raw = raw + raw                               # two terminators
    elif r < 0.3:
        raw = mutate_bytes(rng, raw, 2)
    return smbmsg.Raw(raw)
