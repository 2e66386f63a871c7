#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Named-pipe operations on IPC$ at the edges the DCE/RPC clients do not
reach: TRANS_PEEK_NMPIPE with small MaxParameterCount and MaxDataCount
(MS-CIFS 2.2.5.5, <328>), TRANS_QUERY_NMPIPE_INFO (its Unicode name's
alignment) with a small MaxDataCount (2.2.5.4.2) and TRANS2_QUERY_FILE_INFORMATION on a pipe FID
(fs/pipe_info.c), READ_ANDX and TRANS_READ_NMPIPE on an empty pipe:
blocking, they wait for a message, NT_CANCEL or the close; non-blocking,
STATUS_PIPE_EMPTY (MS-CIFS 2.2.1.3, 2.2.4.42.2, 3.3.5.57.9). Data in the
pipe: an RPC bind to srvsvc, whose bind_ack the helper makes readable.

A bind padded to a large WRITE_ANDX (its frag_length covers the padding):
the server takes such a write's data from the socket after its head
(net/split.h) and must still hand the helper the bytes sent.

    pipe_ops.py PORT USER PASSWORD {peek|qfi|block|block-trans|large}
"""
import os
import struct
import sys
import uuid

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402
import smbraw           # noqa: E402

TRANS_SET_NMPIPE_STATE = 0x0001
TRANS_QUERY_NMPIPE_STATE = 0x0021
TRANS_QUERY_NMPIPE_INFO = 0x0022
TRANS_PEEK_NMPIPE = 0x0023
TRANS_READ_NMPIPE = 0x0036
STATUS_CANCELLED = 0xC0000120
STATUS_PIPE_BUSY = 0xC00000AE
STATUS_PIPE_CLOSING = 0xC00000B1
STATUS_PIPE_EMPTY = 0xC00000D9
STATUS_BUFFER_OVERFLOW = 0x80000005
STATUS_INFO_LENGTH_MISMATCH = 0xC0000004
STATUS_BUFFER_TOO_SMALL = 0xC0000023
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_INVALID_SMB = 0x00010002         # ERRSRV/ERRerror, SMBSTATUS form
SRVSVC = ("4b324fc8-1670-01d3-1278-5a47bf6ee188", 3)
NDR = ("8a885d04-1ceb-11c9-9fe8-08002b104860", 2)


def bind_pdu():
    """A DCE/RPC bind (C706 12.6.4.3) to srvsvc 3.0 in NDR."""
    body = struct.pack("<HHIB3x", 4280, 4280, 0, 1)
    body += struct.pack("<HBx", 0, 1)
    body += uuid.UUID(SRVSVC[0]).bytes_le + struct.pack("<HH", SRVSVC[1], 0)
    body += uuid.UUID(NDR[0]).bytes_le + struct.pack("<I", NDR[1])
    hdr = struct.pack("<BBBB4sHHI", 5, 0, 11, 3, b"\x10\0\0\0",
                      16 + len(body), 0, 1)
    return hdr + body


def trans_parts(r):
    """(parameters, data) of a single TRANS/TRANS2 response."""
    if r.wc < 10:
        return b"", b""
    pc, po, _, dc, do = struct.unpack_from("<HHHHH", r.words, 6)
    return r.raw[po:po + pc], r.raw[do:do + dc]


def fail(what):
    sys.exit("FAIL: " + what)


def open_pipe(ctx, bind=True):
    r = ctx.open("\\srvsvc")
    if r is None or r.status:
        fail("open \\srvsvc: %s" % (r and "0x%08x" % r.status))
    if not bind:
        return ctx.fid
    r = ctx.request(ctx.msg(M.write_andx(ctx.fid, bind_pdu(), large=False)))
    if r is None or r.status:
        fail("bind write: %s" % (r and "0x%08x" % r.status))
    return ctx.fid


def peek(ctx, fid, max_param, max_data):
    return ctx.request(ctx.msg(M.transaction(
        M.TRANSACTION, [TRANS_PEEK_NMPIPE, fid], b"", b"",
        name="\\PIPE\\", max_param=max_param, max_data=max_data)))


def test_peek(ctx):
    fid = open_pipe(ctx)
    r = peek(ctx, fid, 6, 4096)
    if r is None or r.status:
        fail("peek: %s" % (r and "0x%08x" % r.status))
    p, d = trans_parts(r)
    avail, left, state = struct.unpack("<HHH", p)
    if not d or avail != len(d) or left != 0 or state != 3 or d[2] != 12:
        fail("peek: avail %d left %d state %d, %d bytes, type %d"
             % (avail, left, state, len(d), d[2] if d else -1))
    whole = d
    # MaxParameterCount 4: the 6-byte answer does not fit.
    r = peek(ctx, fid, 4, 4096)
    if r is None or r.status != STATUS_INVALID_SMB:
        fail("peek, MaxParameterCount 4: %s, want STATUS_INVALID_SMB"
             % (r and "0x%08x" % r.status))
    # QUERY_NMPIPE_STATE, MaxParameterCount 1: its 2 bytes do not fit.
    r = ctx.request(ctx.msg(M.transaction(
        M.TRANSACTION, [TRANS_QUERY_NMPIPE_STATE, fid], b"", b"",
        name="\\PIPE\\", max_param=1)))
    if r is None or r.status != STATUS_INVALID_SMB:
        fail("QUERY_NMPIPE_STATE, MaxParameterCount 1: %s"
             % (r and "0x%08x" % r.status))
    # MaxDataCount 10: the first 10 bytes, the rest counted as left.
    r = peek(ctx, fid, 6, 10)
    if r is None or r.status != STATUS_BUFFER_OVERFLOW:
        fail("peek, MaxDataCount 10: %s" % (r and "0x%08x" % r.status))
    p, d = trans_parts(r)
    avail, left, state = struct.unpack("<HHH", p)
    if d != whole[:10] or avail != len(whole) or left != len(whole) - 10:
        fail("peek, MaxDataCount 10: avail %d left %d, %d bytes"
             % (avail, left, len(d)))
    # Peeking left it all there.
    r = ctx.request(ctx.msg(M.read_andx(fid, count=4096)))
    if r is None or r.status:
        fail("read after peek: %s" % (r and "0x%08x" % r.status))
    n, off = struct.unpack_from("<HH", r.words, 10)
    if r.raw[off:off + n] != whole:
        fail("read after peek: %d bytes, not the peeked %d" % (n, len(whole)))
    print("peek: %d bytes, small MaxParameterCount and MaxDataCount ok"
          % len(whole))


def qfi(ctx, fid, level, max_data=1024):
    return ctx.request(ctx.msg(M.transaction(
        M.TRANSACTION2, [M.TRANS2_QUERY_FILE_INFORMATION],
        struct.pack("<HH", fid, level), b"", max_param=2,
        max_data=max_data)))


def nmpipe_info(ctx, fid, max_data, unicode=True):
    flags2 = smbraw.DEFAULT_FLAGS2
    if not unicode:
        flags2 &= ~smbraw.SMB_FLAGS2_UNICODE
    return ctx.request(ctx.msg(M.transaction(
        M.TRANSACTION, [TRANS_QUERY_NMPIPE_INFO, fid], struct.pack("<H", 1),
        b"", name="\\PIPE\\", unicode=unicode, max_param=0,
        max_data=max_data), flags2=flags2))


def test_nmpipe_info(ctx, fid, unicode=True):
    """TRANS_QUERY_NMPIPE_INFO (MS-CIFS 2.2.5.4.2): a Unicode PipeName 2-byte
    aligned from the header (a pad byte after the 7 bytes before it, as
    Trans_Data is 4-byte aligned), an OEM one right after them. In a short
    MaxDataCount: below the 7 bytes STATUS_BUFFER_TOO_SMALL, no data; the
    name cut short STATUS_BUFFER_OVERFLOW with what fits, a Unicode name at
    a whole character."""
    what = "QUERY_NMPIPE_INFO (%s)" % ("Unicode" if unicode else "OEM")
    r = nmpipe_info(ctx, fid, 1024, unicode)
    if r is None or r.status:
        fail("%s: %s" % (what, r and "0x%08x" % r.status))
    whole = trans_parts(r)[1]
    at = 8 if unicode else 7
    name = "\\PIPE\\srvsvc\0"
    want = name.encode("utf-16-le" if unicode else "ascii")
    doff = struct.unpack_from("<H", r.words, 14)[0]
    if len(whole) != at + len(want) or whole[6] != len(want) or \
            whole[at:] != want or (unicode and whole[7] != 0):
        fail("%s: %r" % (what, whole))
    if unicode and (doff + at) % 2:
        fail("%s: PipeName at %d from the header" % (what, doff + at))
    for room in (6, 0):
        r = nmpipe_info(ctx, fid, room, unicode)
        if r is None or r.status != STATUS_BUFFER_TOO_SMALL or \
                trans_parts(r)[1]:
            fail("%s in %d bytes: %s" %
                 (what, room, r and "0x%08x" % r.status))
    for room in (7, 8, 9, 10, 11, len(whole) - 2, len(whole) - 1):
        cut = room
        if unicode and room > at:
            cut = at + (room - at) // 2 * 2
        r = nmpipe_info(ctx, fid, room, unicode)
        if r is None or r.status != STATUS_BUFFER_OVERFLOW or \
                trans_parts(r)[1] != whole[:cut]:
            fail("%s in %d bytes: %s %r, want %d bytes" %
                 (what, room, r and "0x%08x" % r.status,
                  r and trans_parts(r)[1], cut))
    r = nmpipe_info(ctx, fid, len(whole), unicode)
    if r is None or r.status or trans_parts(r)[1] != whole:
        fail("%s in %d bytes" % (what, len(whole)))


def test_qfi(ctx):
    fid = open_pipe(ctx)
    r = qfi(ctx, fid, 0x101)
    if r is None or r.status:
        fail("basic info: %s" % (r and "0x%08x" % r.status))
    _, d = trans_parts(r)
    if len(d) != 40 or d[:32] != bytes(32) or \
            struct.unpack_from("<I", d, 32)[0] != 0x80:
        fail("basic info: %r" % d)
    for level, size in ((0x102, 24), (1005, 24)):
        r = qfi(ctx, fid, level)
        if r is None or r.status:
            fail("standard info %d: %s" % (level, r and "0x%08x" % r.status))
        _, d = trans_parts(r)
        if len(d) != size:
            fail("standard info %d: %d bytes" % (level, len(d)))
        alloc, eof, links, dp, isdir = struct.unpack_from("<QQIBB", d)
        if eof == 0 or links != 1 or dp or isdir:
            fail("standard info %d: eof %d links %d delete %d dir %d"
                 % (level, eof, links, dp, isdir))
    # A fixed-size level in a MaxDataCount too small for it fails with
    # STATUS_INFO_LENGTH_MISMATCH and no data (MS-FSA 2.1.5.12, the
    # object store's rule a file's query follows too, fs/trans2_info.c);
    # STATUS_BUFFER_OVERFLOW is for a name cut short, and a pipe answers
    # no level with a name.
    for level, size in ((0x101, 40), (0x102, 24), (1004, 40), (1005, 24)):
        for room in (size - 1, 8):
            r = qfi(ctx, fid, level, max_data=room)
            if r is None or r.status != STATUS_INFO_LENGTH_MISMATCH:
                fail("level %d in %d bytes: %s, want "
                     "STATUS_INFO_LENGTH_MISMATCH"
                     % (level, room, r and "0x%08x" % r.status))
            if trans_parts(r)[1]:
                fail("level %d in %d bytes: data" % (level, room))
    test_nmpipe_info(ctx, fid)
    test_nmpipe_info(ctx, fid, unicode=False)
    for level in (0x104, 0x107, 1009):
        r = qfi(ctx, fid, level)
        if r is None or r.status != STATUS_INVALID_PARAMETER:
            fail("level 0x%x: %s, want STATUS_INVALID_PARAMETER"
                 % (level, r and "0x%08x" % r.status))
    print("query file information on a pipe ok")


def replies(ctx, mids, within=15):
    """The replies to @mids, in any order: {mid: Reply}."""
    got = {}
    while len(got) < len(mids):
        r = ctx.conn.recv_reply(within)
        if r is None:
            fail("no reply to MIDs %s" % sorted(set(mids) - set(got)))
        if r.mid in mids:
            got[r.mid] = r
    return got


def send(ctx, block):
    m = ctx.msg(block)
    ctx.conn.send(m.build())
    return m.mid


def read_block(fid, how):
    """A read of one message: READ_ANDX or TRANS_READ_NMPIPE."""
    if how == "trans":
        return M.transaction(M.TRANSACTION, [TRANS_READ_NMPIPE, fid], b"",
                             b"", name="\\PIPE\\", max_data=4096)
    return M.read_andx(fid, count=4096)


def read_data(r, how):
    """The bytes a read's reply carries."""
    if how == "trans":
        return trans_parts(r)[1]
    n, off = struct.unpack_from("<HH", r.words, 10) if r.wc >= 12 \
        else (0, 0)
    return r.raw[off:off + n]


def parked_read(ctx, fid, how):
    mid = send(ctx, read_block(fid, how))
    r = ctx.conn.recv_reply(2, mid)
    if r is not None:
        fail("%s of an empty blocking pipe answered 0x%08x at once"
             % (how, r.status))
    return mid


def test_block(ctx, how):  # noqa: C901 (one scenario after another)
    """@how: "readx" (READ_ANDX) or "trans" (TRANS_READ_NMPIPE)."""
    fid = open_pipe(ctx, bind=False)
    # NT_CANCEL ends a waiting read.
    mid = parked_read(ctx, fid, how)
    ctx.conn.send(ctx.msg(M.raw_block(M.NT_CANCEL, b"", b""),
                          mid=mid).build())
    r = ctx.conn.recv_reply(15, mid)
    if r is None or r.status != STATUS_CANCELLED:
        fail("cancelled read: %s" % (r and "0x%08x" % r.status))
    # A message ends it: the bind_ack of a write on the same pipe; a
    # second read meanwhile finds the pipe busy.
    mid = parked_read(ctx, fid, how)
    r = ctx.request(ctx.msg(read_block(fid, how)))
    if r is None or r.status != STATUS_PIPE_BUSY:
        fail("second read: %s" % (r and "0x%08x" % r.status))
    wmid = send(ctx, M.write_andx(fid, bind_pdu(), large=False))
    got = replies(ctx, (mid, wmid))
    r = got[mid]
    data = read_data(r, how)
    if got[wmid].status or r.status or len(data) < 16 or data[2] != 12:
        fail("read woken by a write: write 0x%08x, read 0x%08x, %d bytes"
             % (got[wmid].status, r.status, len(data)))
    # The close ends it.
    mid = parked_read(ctx, fid, how)
    cmid = send(ctx, M.close(fid))
    got = replies(ctx, (mid, cmid))
    if got[mid].status != STATUS_PIPE_CLOSING or got[cmid].status:
        fail("read ended by CLOSE: 0x%08x, close 0x%08x"
             % (got[mid].status, got[cmid].status))
    # Non-blocking (and message read mode): an empty pipe at once.
    fid = open_pipe(ctx, bind=False)
    r = ctx.request(ctx.msg(M.transaction(
        M.TRANSACTION, [TRANS_SET_NMPIPE_STATE, fid],
        struct.pack("<H", 0x8100), b"", name="\\PIPE\\")))
    if r is None or r.status:
        fail("SET_NMPIPE_STATE: %s" % (r and "0x%08x" % r.status))
    r = ctx.request(ctx.msg(read_block(fid, how)), timeout=5)
    if r is None or r.status != STATUS_PIPE_EMPTY:
        fail("non-blocking read: %s" % (r and "0x%08x" % r.status))
    # TREE_DISCONNECT and LOGOFF close the pipe under a waiting read.
    for what, block in (("TREE_DISCONNECT", M.tree_disconnect()),
                        ("LOGOFF", M.logoff())):
        fid = open_pipe(ctx, bind=False)
        mid = parked_read(ctx, fid, how)
        emid = send(ctx, block)
        got = replies(ctx, (mid, emid))
        if got[mid].status != STATUS_PIPE_CLOSING or got[emid].status:
            fail("read ended by %s: 0x%08x, %s 0x%08x" % (
                what, got[mid].status, what, got[emid].status))
        if what == "TREE_DISCONNECT":
            ctx.tree_connect("IPC$")
    # A read still waiting when the connection ends (the suite's rmmod
    # and dmesg check that nothing hangs or leaks).
    ctx = smbfuzz.session(ctx.cfg.user, ctx.cfg.password, "IPC$",
                          "pipe_ops", port=ctx.cfg.port)
    fid = open_pipe(ctx, bind=False)
    parked_read(ctx, fid, how)
    ctx.conn.close(rst=True)
    print("%s: blocking and non-blocking reads of an empty pipe ok" % how)


def test_large(ctx):
    """A bind of 12000 bytes in one WRITE_ANDX, with its data at offset
    64 (a message the server splits) and at offset 313 (past the head a
    split may have: read whole); the reply to each is a bind_ack."""
    for pad in (1, 250, 1):
        fid = open_pipe(ctx, bind=False)
        pdu = bytearray(bind_pdu() + os.urandom(12000 - len(bind_pdu())))
        struct.pack_into("<H", pdu, 8, len(pdu))
        r = ctx.request(ctx.msg(M.write_andx(fid, bytes(pdu), pad=pad)))
        if r is None or r.status or r.wc < 6 or r.word(2) != len(pdu):
            fail("bind write of %d bytes, pad %d: %s"
                 % (len(pdu), pad, r and "0x%08x" % r.status))
        r = ctx.request(ctx.msg(M.read_andx(fid, 0, 4280)), timeout=10)
        if r is None or r.status or r.wc < 12:
            fail("read after a bind of %d bytes, pad %d: %s"
                 % (len(pdu), pad, r and "0x%08x" % r.status))
        data = r.raw[r.word(6):r.word(6) + r.word(5)]
        if data[2:3] != b"\x0c":
            fail("a bind of %d bytes (pad %d) got PDU type %d, not "
                 "bind_ack" % (len(pdu), pad, data[2] if data else -1))
        ctx.request(ctx.msg(M.close(fid)))
    print("large: binds in 12000-byte writes, split or whole, bind_ack")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    port, user, password, what = sys.argv[1:]
    ctx = smbfuzz.session(user, password, "IPC$", "pipe_ops",
                          port=int(port))
    if what in ("block", "block-trans"):
        test_block(ctx, "trans" if what == "block-trans" else "readx")
        return
    if what == "large":
        test_large(ctx)
        return
    {"peek": test_peek, "qfi": test_qfi}[what](ctx)
    ctx.request(ctx.msg(M.close(ctx.fid)))


if __name__ == "__main__":
    main()
