#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""FILE_UNIX_INFO2 (0x20B) on the wire, for the guest suite 62-unix.sh:
SMB_QUERY_FILE_UNIX_INFO2 by path and by FID, SMB_FIND_FILE_UNIX_INFO2,
all three alike and matching the server's lstat(2); SMB_SET_FILE_UNIX_INFO2
changing the mode and the creation time, every file flag refused (none is
kept) with nothing changed, an empty FlagsMask accepted, short data
refused. (smbtorture unix.info2 covers the same but stops at an
EndOfSearch it wants clear after a search that has ended.)

    unixinfo2.py USER PASSWORD SHARE SHARE_DIR

SHARE_DIR is the share's directory (the script runs on the server),
owned by USER. Exits 0 when every check passed; prints what went wrong
otherwise.
"""

import os
import stat
import struct
import sys

import filetest
import posixops
from filetest import expect
from posixops import trans2, want

INFO2 = 0x20B
QUERY_PATH, QUERY_FILE, FIND_FIRST2 = 5, 7, 1
INVALID_PARAMETER = 0xC000000D
INFO_LENGTH_MISMATCH = 0xC0000004
NO_CHANGE = 0xFFFFFFFFFFFFFFFF
FIELDS = "<QQQQQQQIQQQQQQII"   # FILE_UNIX_INFO2, 116 bytes


def query_path(c, path):
    st, data = trans2(c, QUERY_PATH, struct.pack("<HI", INFO2, 0) +
                      c.name(path))
    want(st, 0, "query INFO2 of %s" % path)
    expect(len(data) == 116, "INFO2 of %d bytes" % len(data))
    return struct.unpack(FIELDS, data)


def but_atime(info2):
    """The fields two reads of one file must agree on."""
    return info2[:3] + info2[4:]


def set_path(c, path, data):
    return posixops.set_path(c, INFO2, path, data)[0]


def no_change(flags=0, mask=0, perms=0xFFFFFFFF, create=NO_CHANGE):
    """A set that changes nothing but what is given."""
    return struct.pack(FIELDS, NO_CHANGE, 0, NO_CHANGE, NO_CHANGE,
                       NO_CHANGE, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0, 0, 0,
                       perms, 0, create, flags, mask)


def check(user, password, share, sdir):
    c = filetest.Client(user, password, share)
    path = os.path.join(sdir, "info2.txt")
    with open(path, "w") as fh:
        fh.write("info2")
    os.chown(path, os.stat(sdir).st_uid, os.stat(sdir).st_gid)
    os.chmod(path, 0o640)
    st = os.lstat(path)

    by_path = query_path(c, "info2.txt")
    (eof, nbytes, ctime, atime, mtime, uid, gid, ftype, major, minor,
     ino, perms, nlink, create, flags, mask) = by_path
    expect((eof, uid, gid, ftype, ino, perms, nlink, flags, mask) ==
           (5, st.st_uid, st.st_gid, 0, st.st_ino, 0o640, 1, 0, 0),
           "INFO2 of info2.txt: %s" % (by_path,))
    expect(create != 0, "no creation time")

    fid = c.open_ok("info2.txt")
    st2, data = trans2(c, QUERY_FILE, struct.pack("<HH", fid, INFO2))
    want(st2, 0, "query INFO2 by FID")
    want(c.close(fid), 0, "close")
    expect(but_atime(struct.unpack(FIELDS, data)) == but_atime(by_path),
           "by FID and by path differ")

    # FIND_FIRST2: NextEntryOffset, FileIndex, INFO2, FileNameLength, name
    params = struct.pack("<HHHHI", 0x16, 10, 0x1, INFO2, 0) + \
        c.name("info2.txt")
    st2, data = trans2(c, FIND_FIRST2, params, max_data=4096)
    want(st2, 0, "FIND_FIRST2 SMB_FIND_FILE_UNIX_INFO2")
    name = "info2.txt".encode("utf-16le" if c.unicode else "latin-1")
    expect(len(data) >= 128 + len(name), "find: %d bytes" % len(data))
    found = struct.unpack_from(FIELDS, data, 8)
    nlen, = struct.unpack_from("<I", data, 124)
    expect(but_atime(found) == but_atime(by_path) and nlen == len(name) and
           data[128:128 + nlen] == name,
           "find entry: %s name %r" % (found, data[128:128 + nlen]))

    # Flags: none kept, every one refused, nothing changed.
    for bit in range(32):
        want(set_path(c, "info2.txt", no_change(flags=1 << bit,
                                                 mask=1 << bit, perms=0o600)),
             INVALID_PARAMETER, "set file flag 0x%x" % (1 << bit))
    expect(stat.S_IMODE(os.lstat(path).st_mode) == 0o640,
           "a refused set changed the mode")
    want(set_path(c, "info2.txt", no_change(flags=0xFFFFFFFF)), 0,
         "flags with an empty mask")
    want(set_path(c, "info2.txt", no_change()[:115]), INFO_LENGTH_MISMATCH,
         "115 bytes of INFO2")

    # Mode and creation time.
    want(set_path(c, "info2.txt", no_change(perms=0o604,
                                             create=create - 10 ** 9)), 0,
         "set mode and creation time")
    expect(stat.S_IMODE(os.lstat(path).st_mode) == 0o604,
           "mode %o after the set" % os.lstat(path).st_mode)
    after = query_path(c, "info2.txt")
    expect(after[11] == 0o604 and after[13] == create - 10 ** 9,
           "read back: perms %o create %d" % (after[11], after[13]))

    os.unlink(path)
    c.close_all()


if __name__ == "__main__":
    sys.exit(posixops.run_check(check, __doc__, 8))
