#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The sharing-violation delay (fs/sharedelay.c) where smbtorture raw.mux
does not look: a connection has at most four opens waiting at once (a
fifth conflicting open is answered at once), the waiting ones fail after
the delay (sharing_violation_delay_ms, read from sysfs; the suite sets
3000 so that a loaded guest's stalls stay well inside it), and all of
them get the file in turn once its holder, on another connection,
closes it. Times are taken from before the first open is sent: a stall
of this client can only make them longer.

    sharedelay.py USER PASSWORD SHARE     (KCIFSD_TCP_PORT: the port)
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

STATUS_SHARING_VIOLATION = 0xC0000043
PER_CONN = 4            # KCIFSD_DEFER_MAX_PER_CONN
READ_DATA = 0x1
DELAY_PARAM = "/sys/module/kcifsd/parameters/sharing_violation_delay_ms"


def fail(what):
    sys.exit("FAIL: " + what)


def open_block(share):
    """NT_CREATE_ANDX of "delay.bin" for reading, sharing @share."""
    return M.nt_create("delay.bin", access=READ_DATA, disposition=3,
                       share=share)


SHARE_NONE, SHARE_READ = 0, 1


def fid_of(r):
    return struct.unpack_from("<H", r.words, 5)[0]


def burst(ctx, n):
    """Send @n conflicting opens at once; return their MIDs in order and
    the time before the first was sent."""
    mids, start = [], time.monotonic()
    for _ in range(n):
        m = ctx.msg(open_block(SHARE_READ))
        ctx.conn.send(m.build())
        mids.append(m.mid)
    return mids, start


def answers(ctx, mids, start, within):
    """{mid: (reply, seconds after @start)} for every MID."""
    got = {}
    while len(got) < len(mids):
        r = ctx.conn.recv_reply(within)
        if r is None:
            fail("no answer to MIDs %s" % sorted(set(mids) - set(got)))
        if r.mid in mids:
            got[r.mid] = (r, time.monotonic() - start)
    return got


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    user, password, share = sys.argv[1:4]
    port = int(os.environ.get("KCIFSD_TCP_PORT", "445"))
    a = smbfuzz.session(user, password, share, "delay-a", port=port)
    b = smbfuzz.session(user, password, share, "delay-b", port=port)
    r = a.request(a.msg(open_block(SHARE_NONE)))
    if r is None or r.status:
        fail("holder's open: %s" % (r and "0x%08x" % r.status))
    held = fid_of(r)

    with open(DELAY_PARAM) as f:
        delay = int(f.read()) / 1000
    if delay < 1:
        fail("sharing_violation_delay_ms is %g s; this test wants >= 1 s"
             % delay)

    # Five conflicting opens: four wait, the fifth fails at once; the
    # four fail after the delay.
    mids, start = burst(b, PER_CONN + 1)
    got = answers(b, mids, start, delay + 15)
    times = [got[m][1] for m in mids]
    for m in mids:
        if got[m][0].status != STATUS_SHARING_VIOLATION:
            fail("conflicting open: 0x%08x" % got[m][0].status)
    quick = [t for t in times if t < delay / 2]
    if len(quick) != 1 or max(times) > delay + 10:
        fail("%d opens answered within %g s (want 1), times %s"
             % (len(quick), delay / 2, ["%.2f" % t for t in times]))
    if sorted(times)[1] < 0.8 * delay:
        fail("waiting opens answered before the %g s delay: %s"
             % (delay, ["%.2f" % t for t in times]))

    # Four wait; the holder closes: each gets the file in turn (they
    # share reading with each other), well before the delay is over.
    mids, start = burst(b, PER_CONN)
    time.sleep(0.2)
    r = a.request(a.msg(M.close(held)))
    if r is None or r.status:
        fail("holder's close: %s" % (r and "0x%08x" % r.status))
    got = answers(b, mids, start, delay + 15)
    for m in mids:
        r, t = got[m]
        if r.status:
            fail("open woken by the close: 0x%08x after %.2f s"
                 % (r.status, t))
        b.request(b.msg(M.close(fid_of(r))))
    print("sharing-violation delay: per-connection limit, timeout, "
          "wake by close ok")


if __name__ == "__main__":
    main()
