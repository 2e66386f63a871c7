#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Limits at the edges of 16- and 17-bit fields.

A WRITE_ANDX of 64 KiB - 1 has a ByteCount of 1 + 0xFFFF, which wraps to
0: clients send it so, and the write must happen.

Chained replies stay within the transport's frame limit.

A chained reply is one message: on port 139 its 17-bit NetBIOS length
(128 KiB - 1) is reached before the large READ_ANDX limit, so a
WRITE_ANDX -> READ_ANDX chain asking for 128 KiB - 1 must get a shorter
read, with the right data, not a dropped reply (or a kernel WARN).

    chain_limits.py chain|wrapped USER PASSWORD SHARE
                    exit 0 when every case holds
"""
import os
import random
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402

NBT_MAX = 0x1FFFF
FILE_SIZE = 200 * 1024
SMB_COM_READ_ANDX = 0x2E


def session(user, password, share, netbios):
    return smbfuzz.session(user, password, share, "chain-limits", netbios)


def read_block(reply):
    """(data length, data) of the READ_ANDX block of @reply."""
    for cmd, _, wc, words, _, _ in reply.blocks():
        if cmd != SMB_COM_READ_ANDX or wc < 12:
            continue
        length, off, high = struct.unpack_from("<HHH", words, 10)
        length |= high << 16
        return length, reply.raw[off:off + length]
    raise SystemExit("no READ_ANDX block in the reply")


def case(user, password, share, netbios):
    where = "139" if netbios else "445"
    ctx = session(user, password, share, netbios)
    if not ctx.open("chain-limits-%s.bin" % where, disposition=5):
        raise SystemExit("%s: open failed" % where)
    content = bytearray(b"B" * FILE_SIZE)
    for off in range(0, FILE_SIZE, 60000):
        chunk = bytes(content[off:off + 60000])
        r = ctx.request(ctx.msg(M.write_andx(ctx.fid, chunk, off)))
        if r is None or r.status:
            raise SystemExit("%s: write at %d failed" % (where, off))
    content[0:1] = b"W"
    want = NBT_MAX
    r = ctx.request(ctx.msg(M.write_andx(ctx.fid, b"W", 0),
                            M.read_andx(ctx.fid, 0, want & 0xFFFF,
                                        max_count_high=want >> 16)))
    if r is None:
        raise SystemExit("%s: no reply to WRITE_ANDX -> READ_ANDX of %d"
                         % (where, want))
    if r.status:
        raise SystemExit("%s: chain failed: status 0x%08x" % (where, r.status))
    if netbios and len(r.raw) > NBT_MAX:
        raise SystemExit("139: reply of %d bytes" % len(r.raw))
    length, data = read_block(r)
    if netbios and not 0 < length < want:
        raise SystemExit("139: read %d of %d: not cut to the frame"
                         % (length, want))
    if not netbios and length != want:
        raise SystemExit("445: read %d of %d" % (length, want))
    if data != bytes(content[:length]):
        raise SystemExit("%s: the %d bytes read are not the file's"
                         % (where, length))
    print("%s: chained read of %d returned %d bytes in a %d-byte reply"
          % (where, want, length, len(r.raw)))


def write_wrapped(user, password, share):
    """WRITE_ANDX of 64 KiB - 1 bytes, ByteCount wrapped to 0."""
    ctx = session(user, password, share, False)
    for size in (0xFFFE, 0xFFFF, 0x10000):
        if not ctx.open("wrapped-%d.bin" % size, disposition=5):
            raise SystemExit("open failed")
        data = bytes(random.Random(size).randrange(256) for _ in range(size))
        r = ctx.request(ctx.msg(M.write_andx(ctx.fid, data, 0)))
        if r is None or r.status:
            raise SystemExit("WRITE_ANDX of %d bytes: %s" % (
                size, "no reply" if r is None else "0x%08x" % r.status))
        count = r.word(2) | r.word(4) << 16
        if count != size:
            raise SystemExit("WRITE_ANDX of %d bytes wrote %d" % (size, count))
        r = ctx.request(ctx.msg(M.read_andx(ctx.fid, 0, size & 0xFFFF,
                                            max_count_high=size >> 16)))
        if r is None or r.status or read_block(r)[1] != data:
            raise SystemExit("%d bytes written, others read back" % size)
    print("WRITE_ANDX of 64 KiB - 1 with ByteCount 0 written and read back")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("chain", "wrapped"):
        sys.exit(__doc__)
    if sys.argv[1] == "wrapped":
        write_wrapped(*sys.argv[2:])
        return
    for netbios in (True, False):
        case(*sys.argv[2:], netbios)


if __name__ == "__main__":
    main()
