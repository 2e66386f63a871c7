#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Byte-range locks seen from raw SMB1 (fs/locking.c): what smbtorture
does not send. Hostile LOCKING_ANDX requests (counts past the data, a
range past 2^64 - 1, a directory, an open without data access, a bare
oplock release that gets no reply), and locks across two connections:
a lock taken on one keeps the other's reads and writes out until the
first connection goes away, and a lock the other waits for is granted
then. Requests sent back to back act in arrival order (a write, then the
unlock of the range it meets). A connection holds at most 16384 locks,
over all its files.

    locks.py USER PASSWORD SHARE
    locks.py USER PASSWORD SHARE park   (leave a lock waiting, print
                                         "parked", sleep: for a server
                                         stop with a parked request)
"""
import os
import struct
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402

STATUS_INVALID_SMB = 0x00010002
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_ACCESS_DENIED = 0xC0000022
STATUS_FILE_LOCK_CONFLICT = 0xC0000054
STATUS_LOCK_NOT_GRANTED = 0xC0000055
STATUS_INVALID_LOCK_RANGE = 0xC00001A1
STATUS_INSUFF_SERVER_RESOURCES = 0xC0000205
FILE_READ_ATTRIBUTES = 0x80
FILE_DIRECTORY_FILE = 0x1


def check(what, r, status):
    got = None if r is None else r.status
    if got != status:
        sys.exit("%s: status %s, expected 0x%08x" %
                 (what, "none" if got is None else "0x%08x" % got, status))
    print("%s: 0x%08x" % (what, status))


def open_fid(ctx, name, **kw):
    r = ctx.request(ctx.msg(M.nt_create(name, **kw)))
    if r is None or r.status or r.wc < 4:
        sys.exit("open %s failed" % name)
    return struct.unpack_from("<H", r.words, 5)[0]


def lock(ctx, fid, *ranges, **kw):
    return ctx.request(ctx.msg(M.locking_andx(fid, locks=ranges, **kw)))


def park(a, b):
    fa = open_fid(a, "park.bin", disposition=5)
    check("A locks 0..9", lock(a, fa, (0, 10)), 0)
    fb = open_fid(b, "park.bin", disposition=1)
    m = b.msg(M.locking_andx(fb, locks=[(5, 1)], timeout=0xFFFFFFFF))
    b.conn.send(m.build())
    if b.conn.recv_reply(1, m.mid) is not None:
        sys.exit("a lock that must wait was answered at once")
    print("parked", flush=True)
    time.sleep(120)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    user, password, share = sys.argv[1:4]
    port = int(os.environ.get("KCIFSD_TCP_PORT", "445"))
    a = smbfuzz.session(user, password, share, "locks-a", port=port)
    b = smbfuzz.session(user, password, share, "locks-b", port=port)
    if len(sys.argv) == 5:
        park(a, b)
        return
    fa = open_fid(a, "locks.bin", disposition=5)
    r = a.request(a.msg(M.write_andx(fa, b"x" * 4096, 0)))
    if r is None or r.status:
        sys.exit("write failed")

    # Five locks announced, the Bytes hold one.
    blk = M.locking_andx(fa, locks=[(0, 1)])
    for f in blk.fields:
        if f[0] == "NumberOfRequestedLocks":
            f[2] = 5
    check("5 locks in the Bytes of 1", a.request(a.msg(blk)),
          STATUS_INVALID_SMB)
    check("a range past 2^64 - 1", lock(a, fa, (2 ** 64 - 1, 2)),
          STATUS_INVALID_LOCK_RANGE)
    fd = open_fid(a, "locks.dir", disposition=3, options=FILE_DIRECTORY_FILE)
    check("a lock on a directory", lock(a, fd, (0, 1)),
          STATUS_INVALID_PARAMETER)
    fr = open_fid(a, "locks.bin", access=FILE_READ_ATTRIBUTES, disposition=1)
    check("a lock on an open for attributes only", lock(a, fr, (0, 1)),
          STATUS_ACCESS_DENIED)

    # An oplock release alone gets no reply; the connection goes on.
    m = a.msg(M.locking_andx(fa, lock_type=0x02))
    a.conn.send(m.build())
    if a.conn.recv_reply(2, m.mid) is not None:
        sys.exit("a bare OPLOCK_RELEASE was answered")
    print("a bare OPLOCK_RELEASE gets no reply")

    # Across connections: B cannot read or write what A holds.
    check("A locks 100..199", lock(a, fa, (100, 100)), 0)
    fb = open_fid(b, "locks.bin", disposition=1)
    check("B reads into A's lock", b.request(b.msg(M.read_andx(fb, 150, 10))),
          STATUS_FILE_LOCK_CONFLICT)
    check("B writes into A's lock",
          b.request(b.msg(M.write_andx(fb, b"y", 199))),
          STATUS_FILE_LOCK_CONFLICT)
    check("B reads beside it", b.request(b.msg(M.read_andx(fb, 200, 10))), 0)
    check("B cannot take it", lock(b, fb, (150, 1)), STATUS_LOCK_NOT_GRANTED)
    # B waits for it (Timeout forever): parked, no reply yet.
    m = b.msg(M.locking_andx(fb, locks=[(150, 1)], timeout=0xFFFFFFFF))
    b.conn.send(m.build())
    if b.conn.recv_reply(1, m.mid) is not None:
        sys.exit("a lock that must wait was answered at once")
    # A's connection goes away: its locks go with its opens, and B's
    # waiting lock, on another connection, is granted.
    a.conn.close()
    check("B's waiting lock after A is gone", b.conn.recv_reply(20, m.mid),
          0)
    check("B reads its own lock", b.request(b.msg(M.read_andx(fb, 150, 10))),
          0)
    pipelined(b)
    conn_cap(b)


def lock_many(ctx, fid, first, count, unlock=False):
    """@count one-byte locks (or unlocks) from offset @first, 1000 to a
    request; the status of the last request."""
    for base in range(first, first + count, 1000):
        n = min(1000, first + count - base)
        ranges = [(2 * (base + i), 1) for i in range(n)]
        kw = {"unlocks": ranges} if unlock else {"locks": ranges}
        r = ctx.request(ctx.msg(M.locking_andx(fid, large=False, **kw)))
        if r is None or r.status:
            return r
    return r


def replies(ctx, mids):
    """{mid: status} of the replies to @mids, in any order."""
    got = {}
    while len(got) < len(mids):
        r = ctx.conn.recv_reply(30)
        if r is None:
            sys.exit("no reply to MIDs %s" % sorted(set(mids) - set(got)))
        if r.mid in mids:
            got[r.mid] = r.status
    return got


def pipelined(ctx):
    """Requests sent back to back act in the order they came (fs/order.h):
    a write, then the unlock of the range it meets: the write meets the
    lock (smbtorture raw.mux); a lock that waits, then the unlock it
    waits for: it is granted at once (a parked lock does not hold later
    requests back)."""
    f = open_fid(ctx, "order.bin", disposition=5)
    for i in range(40):
        check("lock 0..3 (%d)" % i, lock(ctx, f, (0, 4)), 0)
        w = ctx.msg(M.write_andx(f, b"abcd", 0), pid=0x4343)
        u = ctx.msg(M.locking_andx(f, unlocks=[(0, 4)]))
        ctx.conn.send(w.build())
        ctx.conn.send(u.build())
        got = replies(ctx, (w.mid, u.mid))
        if got[w.mid] != STATUS_FILE_LOCK_CONFLICT or got[u.mid]:
            sys.exit("write then unlock, round %d: write 0x%08x, unlock "
                     "0x%08x" % (i, got[w.mid], got[u.mid]))
        check("lock 0..3 again (%d)" % i, lock(ctx, f, (0, 4)), 0)
        wl = ctx.msg(M.locking_andx(f, locks=[(0, 4)], timeout=5000,
                                    pid=0x4444))
        u = ctx.msg(M.locking_andx(f, unlocks=[(0, 4)]))
        began = time.monotonic()
        ctx.conn.send(wl.build())
        ctx.conn.send(u.build())
        got = replies(ctx, (wl.mid, u.mid))
        if time.monotonic() - began > 2.5:
            sys.exit("waiting lock then unlock, round %d: %.1f s (the "
                     "unlock waited for the parked lock?)"
                     % (i, time.monotonic() - began))
        if got[wl.mid] or got[u.mid]:
            sys.exit("waiting lock then unlock, round %d: lock 0x%08x, "
                     "unlock 0x%08x" % (i, got[wl.mid], got[u.mid]))
        check("the waiter's lock released (%d)" % i,
              lock(ctx, f, unlocks=[(0, 4)], pid=0x4444), 0)
    r = ctx.request(ctx.msg(M.close(f)))
    if r is None or r.status:
        sys.exit("close failed")


def conn_cap(ctx):
    """16384 locks on one connection, whatever files they are on."""
    c1 = open_fid(ctx, "cap1.bin", disposition=5)
    c2 = open_fid(ctx, "cap2.bin", disposition=5)
    check("9000 locks on one file", lock_many(ctx, c1, 0, 9000), 0)
    check("7000 on another", lock_many(ctx, c2, 0, 7000), 0)
    check("1000 more: past the connection's 16384",
          lock_many(ctx, c2, 7000, 1000), STATUS_INSUFF_SERVER_RESOURCES)
    check("1000 unlocked", lock_many(ctx, c1, 0, 1000, unlock=True), 0)
    check("then the 1000 fit", lock_many(ctx, c2, 7000, 1000), 0)
    r = ctx.request(ctx.msg(M.close(c1)))
    if r is None or r.status:
        sys.exit("close failed")
    check("a close gives its 8000 back", lock_many(ctx, c2, 8000, 8000), 0)

if __name__ == "__main__":
    main()
