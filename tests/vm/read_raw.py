#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""READ_RAW without CAP_RAW_MODE gets a zero-length message (MS-CIFS
3.3.5.24), not an SMB reply the client would take for raw data; the
connection goes on and READ_ANDX reads the same bytes.

    read_raw.py USER PASSWORD SHARE [netbios]
"""
import struct
import sys
import os

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402

CAP_RAW_MODE = 0x1


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    user, password, share = sys.argv[1:4]
    netbios = len(sys.argv) == 5
    ctx = smbfuzz.session(user, password, share, "readraw", netbios=netbios)
    if ctx.neg.capabilities & CAP_RAW_MODE:
        sys.exit("CAP_RAW_MODE offered: this test expects it is not")
    data = os.urandom(5000)
    r = ctx.open("raw-%d.bin" % netbios, disposition=5)
    if r is None or r.status:
        sys.exit("open failed")
    r = ctx.request(ctx.msg(M.write_andx(ctx.fid, data, 0)))
    if r is None or r.status:
        sys.exit("write failed")
    # FID, Offset, MaxCount, MinCount, Timeout, Reserved, OffsetHigh.
    words = struct.pack("<HIHHIHI", ctx.fid, 0, 4096, 0, 0, 0, 0)
    m = ctx.msg(M.raw_block(M.READ_RAW, words, b""))
    ctx.conn.send(m.build())
    ptype, body = ctx.conn.recv_packet(10)
    if ptype != 0 or body:
        sys.exit("READ_RAW answered with a %d-byte message of type 0x%02x"
                 % (len(body), ptype))
    r = ctx.request(ctx.msg(M.read_andx(ctx.fid, 0, len(data))))
    if r is None or r.status:
        sys.exit("READ_ANDX after READ_RAW failed")
    off = struct.unpack_from("<H", r.words, 12)[0]
    got = r.raw[off:off + len(data)]
    if got != data:
        sys.exit("READ_ANDX after READ_RAW read other data")
    print("zero-length reply, then READ_ANDX read %d bytes" % len(got))


if __name__ == "__main__":
    main()
