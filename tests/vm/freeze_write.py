#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A WRITE_ANDX to a file opened before its file system froze waits for
the thaw, then succeeds with the data in place.

    freeze_write.py USER PASSWORD SHARE MOUNTPOINT SIZE
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    user, password, share, mnt, size = sys.argv[1:]
    size = int(size)
    ctx = smbfuzz.session(user, password, share, "freeze", seed=size)
    name = "frozen-%d.bin" % size
    if not ctx.open(name, disposition=5):
        sys.exit("open failed")
    data = os.urandom(size)
    subprocess.run(["fsfreeze", "-f", mnt], check=True)
    try:
        m = ctx.msg(M.write_andx(ctx.fid, data, 0))
        ctx.conn.send(m.build())
        early = ctx.conn.recv_reply(3, m.mid)
        if early is not None:
            sys.exit("WRITE_ANDX answered (0x%08x) while frozen" % early.status)
    finally:
        subprocess.run(["fsfreeze", "-u", mnt], check=True)
    r = ctx.conn.recv_reply(30, m.mid)
    if r is None or r.status:
        sys.exit("after the thaw: %s" % ("no reply" if r is None
                                         else "0x%08x" % r.status))
    ctx.request(ctx.msg(M.close(ctx.fid)))
    with open(os.path.join(mnt, name), "rb") as f:
        if f.read() != data:
            sys.exit("other data in the file")
    print("%d bytes waited for the thaw" % size)


if __name__ == "__main__":
    main()
