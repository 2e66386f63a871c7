#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A MaxDataCount too small for TRANS2_QUERY_PATH_INFORMATION and
TRANS2_QUERY_FILE_INFORMATION (fs/trans2_info.c), for the guest suite
62-unix.sh. The levels go to the object store (MS-CIFS 3.3.5.58.1), whose
rules are MS-FSA 2.1.5.12's: a fixed-size level that does not fit fails
with STATUS_INFO_LENGTH_MISMATCH and no data (ERRDOS/ERROR_BAD_LENGTH for
a client without NT status codes); one with a name or a list fails so
below its least size, and above it answers STATUS_BUFFER_OVERFLOW with
what fits: the name cut at a UTF-16 unit, FileNameLength the whole
name's; a stream entry that does not fit left out.

TRANS2_QUERY_FS_INFORMATION (fs/trans2_fsinfo.c) likewise, by MS-FSA
2.1.5.13 (MS-CIFS 3.3.5.58.5): a fixed-size level one byte short fails
so; SMB_QUERY_POSIX_WHOAMI short of its 40-byte fixed part fails with
STATUS_BUFFER_TOO_SMALL, as Samba's server does (a Samba level, not an
MS-FSA class); VOLUME (least 24 bytes) and ATTRIBUTE (least 12) answer
the first MaxDataCount bytes, VolumeLabelLength / FileSystemNameLength
still the whole name's, with STATUS_BUFFER_OVERFLOW. SMB_INFO_VOLUME,
whose label has a byte count, fails with STATUS_BUFFER_OVERFLOW and no
data, as Windows does when its label does not fit (MS-CIFS <169>).

    qinfo_len.py USER PASSWORD SHARE SHARE_DIR

SHARE_DIR is the share's directory (the script runs on the server),
owned by USER. Exits 0 when every check passed; prints what went wrong
otherwise.
"""

import os
import struct
import sys

import filetest
from filetest import expect
from posixops import trans2, trans2_raw, want

QUERY_FS, QUERY_PATH, QUERY_FILE = 3, 5, 7
BUFFER_OVERFLOW = 0x80000005
INFO_LENGTH_MISMATCH = 0xC0000004
BUFFER_TOO_SMALL = 0xC0000023
WHOAMI = 0x202                  # SMB_QUERY_POSIX_WHOAMI
NT_STATUS = 0x4000              # SMB_FLAGS2_NT_STATUS
ERRDOS, ERROR_BAD_LENGTH = 1, 24
PT = 1000                       # SMB_INFO_PASSTHROUGH

# Fixed-size levels and their sizes.
FIXED = [(0x1, 22), (0x2, 26), (0x101, 40), (0x102, 24), (0x103, 4),
         (0x10B, 16), (PT + 4, 40), (PT + 5, 24), (PT + 6, 8), (PT + 7, 4),
         (PT + 8, 4), (PT + 14, 8), (PT + 16, 4), (PT + 17, 4),
         (PT + 34, 56), (PT + 35, 8), (0x200, 100), (0x20B, 116)]
# QUERY_FS: fixed-size levels and their sizes (ALLOCATION, SIZE, DEVICE,
# FileFsSize, Device, Control, FullSize, CIFS UNIX info, POSIX FS info;
# POSIX WHOAMI's fixed part, its lists left out in that MaxDataCount).
FS_FIXED = [(0x1, 18), (0x103, 24), (0x104, 8), (PT + 3, 24), (PT + 4, 8),
            (PT + 6, 48), (PT + 7, 32), (0x200, 12), (0x201, 56),
            (0x202, 40)]
# ... and those with a name: (level, offsets of its length and of the
# name, least size).
FS_NAMED = [(0x102, 12, 18, 24), (PT + 1, 12, 18, 24), (0x105, 8, 12, 12),
            (PT + 5, 8, 12, 12)]
DIR, NAME = "qlen", "a-long-name.txt"
PATH = DIR + "/" + NAME


def query(c, fid, level, max_data):
    """By FID if @fid, else by PATH: (status, data)."""
    if fid:
        return trans2(c, QUERY_FILE, struct.pack("<HH", fid, level),
                      max_data=max_data)
    return trans2(c, QUERY_PATH, struct.pack("<HI", level, 0) + c.name(PATH),
                  max_data=max_data)


def check_fixed(c, fid):
    how = "FID" if fid else "path"
    for level, size in FIXED:
        st, data = query(c, fid, level, size)
        want(st, 0, "level 0x%x by %s in %d bytes" % (level, how, size))
        expect(len(data) == size, "level 0x%x: %d bytes" % (level, len(data)))
        for room in (size - 1, 0):
            st, data = query(c, fid, level, room)
            want(st, INFO_LENGTH_MISMATCH,
                 "level 0x%x by %s in %d bytes" % (level, how, room))
            expect(not data, "level 0x%x in %d: data" % (level, room))


def check_dos(c):
    """The same failure for a client without NT status codes."""
    flags = c.s.get_flags
    c.s.get_flags = lambda: (flags()[0], flags()[1] & ~NT_STATUS)
    try:
        raw = trans2_raw(c, QUERY_PATH, struct.pack("<HI", PT + 4, 0) +
                         c.name(PATH), max_data=39)
    finally:
        c.s.get_flags = flags
    cls, code = raw[5], struct.unpack_from("<H", raw, 7)[0]
    expect((cls, code) == (ERRDOS, ERROR_BAD_LENGTH),
           "DOS status of a short BASIC: class %d code %d" % (cls, code))


def check_name(c, fid, level, off, least, name, unit):
    """A level whose name (FileNameLength at @off) is cut to fit, at a
    multiple of @unit bytes (2 in UTF-16)."""
    what = "level 0x%x" % level
    st, whole = query(c, fid, level, 1024)
    want(st, 0, what)
    size, = struct.unpack_from("<I", whole, off)
    expect(whole[off + 4:] == name and size == len(name),
           "%s: name %r, FileNameLength %d" % (what, whole[off + 4:], size))
    want(query(c, fid, level, least - 1)[0], INFO_LENGTH_MISMATCH,
         "%s in %d bytes" % (what, least - 1))
    for room in (least, least + 1, len(whole) - 1):
        st, data = query(c, fid, level, room)
        want(st, BUFFER_OVERFLOW, "%s in %d bytes" % (what, room))
        cut = room - (room - off - 4) % unit
        expect(data == whole[:off] + struct.pack("<I", size) +
               name[:cut - off - 4],
               "%s in %d bytes: %d bytes %r" % (what, room, len(data), data))
    st, data = query(c, fid, level, len(whole))
    want(st, 0, "%s in %d bytes" % (what, len(whole)))
    expect(data == whole, "%s: a second answer differs" % what)


def check_streams(c, fid, level):
    what = "level 0x%x" % level
    want(query(c, fid, level, 31)[0], INFO_LENGTH_MISMATCH,
         "%s in 31 bytes" % what)
    st, data = query(c, fid, level, 37)
    want(st, BUFFER_OVERFLOW, "%s in 37 bytes" % what)
    expect(not data, "%s in 37 bytes: %r" % (what, data))
    st, data = query(c, fid, level, 38)
    want(st, 0, "%s in 38 bytes" % what)
    expect(data[24:] == "::$DATA".encode("utf-16le"),
           "%s: %r" % (what, data))


def check_fs(c):
    def q(level, room):
        return trans2(c, QUERY_FS, struct.pack("<H", level), max_data=room)

    for level, size in FS_FIXED:
        what = "QUERY_FS level 0x%x" % level
        st, data = q(level, size)
        want(st, 0, "%s in %d bytes" % (what, size))
        expect(len(data) == size, "%s: %d bytes" % (what, len(data)))
        for room in (size - 1, 0):
            st, data = q(level, room)
            want(st, BUFFER_TOO_SMALL if level == WHOAMI else
                 INFO_LENGTH_MISMATCH, "%s in %d bytes" % (what, room))
            expect(not data, "%s in %d: data" % (what, room))
    for level, off, name, least in FS_NAMED:
        what = "QUERY_FS level 0x%x" % level
        st, whole = q(level, 1024)
        want(st, 0, what)
        size, = struct.unpack_from("<I", whole, off)
        expect(size and len(whole) == name + size,
               "%s: %d bytes, name %d" % (what, len(whole), size))
        for room in (least - 1, 0):
            st, data = q(level, room)
            want(st, INFO_LENGTH_MISMATCH, "%s in %d bytes" % (what, room))
            expect(not data, "%s in %d: data" % (what, room))
        # MS-FSA copies RemainingLength bytes of the name, not whole units.
        # (A whole answer below the least size, an OEM label, has no room
        # to cut: it takes the least size too.)
        for room in sorted({least, least + 1, len(whole) - 1}):
            if not least <= room < len(whole):
                continue
            st, data = q(level, room)
            want(st, BUFFER_OVERFLOW, "%s in %d bytes" % (what, room))
            expect(data == whole[:room],
                   "%s in %d bytes: %r" % (what, room, data))
        room = max(least, len(whole))
        st, data = q(level, room)
        want(st, 0, "%s in %d bytes" % (what, room))
        expect(data == whole, "%s: a second answer differs" % what)
    st, whole = q(0x2, 1024)
    want(st, 0, "SMB_INFO_VOLUME")
    want(q(0x2, len(whole))[0], 0, "SMB_INFO_VOLUME in %d bytes" % len(whole))
    st, data = q(0x2, len(whole) - 1)
    want(st, BUFFER_OVERFLOW, "SMB_INFO_VOLUME in %d bytes" % (len(whole) - 1))
    expect(not data, "SMB_INFO_VOLUME cut short: %r" % data)


def check(user, password, share, sdir):
    c = filetest.Client(user, password, share)
    local = os.path.join(sdir, DIR)
    os.makedirs(local, exist_ok=True)
    with open(os.path.join(local, NAME), "w") as fh:
        fh.write("qinfo")
    for p in (local, os.path.join(local, NAME)):
        os.chown(p, os.stat(sdir).st_uid, os.stat(sdir).st_gid)
    fid = c.open_ok(PATH)

    for f in (None, fid):
        check_fixed(c, f)
    check_dos(c)
    # The native levels' names follow Flags2, the others are Unicode.
    wire = "\\" + PATH.replace("/", "\\")
    native = (wire.encode("utf-16le"), 2) if c.unicode else \
        (wire.encode("latin-1"), 1)
    unicode = (wire.encode("utf-16le"), 2)
    for level, name in ((0x104, native), (PT + 9, unicode)):
        check_name(c, fid, level, 0, 8, *name)
    for level, name in ((0x107, native), (PT + 18, unicode)):
        check_name(c, fid, level, 68, 80, *name)
    for level in (0x108, PT + 21):         # always Unicode (MS-CIFS <22>)
        st, data = query(c, fid, level, 1024)
        want(st, 0, "level 0x%x" % level)
        check_name(c, fid, level, 0, 8, data[4:], 2)
    for level in (0x109, PT + 22):
        check_streams(c, fid, level)
    check_fs(c)

    want(c.close(fid), 0, "close")
    os.unlink(os.path.join(local, NAME))
    os.rmdir(local)
    c.close_all()


def main():
    try:
        check(*sys.argv[1:5])
    except filetest.CheckFailed as e:
        print("FAIL: %s" % e)
        return 1
    print("query info lengths ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
