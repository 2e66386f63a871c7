#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The CIFS UNIX extensions' POSIX path operations on the wire, for the
guest suite 62-unix.sh: TRANS2_SET_PATH_INFORMATION with
SMB_POSIX_PATH_OPEN (0x209) and SMB_POSIX_PATH_UNLINK (0x20A), built by
hand over an impacket connection (tests/vm/filetest.py's Client), and the
result checked on the wire and on the server's file system.

    posixops.py USER PASSWORD SHARE SHARE_DIR OUTSIDE_FILE

SHARE_DIR is the share's directory (the script runs on the server);
SHARE_DIR/updir must be a symlink to "..", which leaves the share, and
OUTSIDE_FILE a file there. Exits 0 when every check passed; prints what
went wrong otherwise.
"""

import os
import stat
import struct
import sys

from impacket import smb

import filetest
from filetest import CheckFailed, expect, name_of, STATUS

SMB_POSIX_PATH_OPEN = 0x209
SMB_POSIX_PATH_UNLINK = 0x20A
SMB_QUERY_FILE_UNIX_BASIC = 0x200
SMB_NO_INFO_LEVEL_RETURNED = 0xFFFF
TRANS2_SET_PATH_INFORMATION = 0x0006

O_RDONLY, O_WRONLY, O_RDWR = 0x1, 0x2, 0x4
O_CREAT, O_EXCL, O_TRUNC = 0x10, 0x20, 0x40
O_DIRECTORY, O_NOFOLLOW = 0x200, 0x400

INVALID_PARAMETER = 0xC000000D
ACCESS_DENIED = STATUS["ACCESS_DENIED"]


def trans2_raw(c, sub, params, data=b"", max_data=1024):
    """One TRANS2 request of subcommand SUB; returns the whole reply,
    from its SMB header on."""
    # Bytes start at 32 + 1 + 30 + 2 = 65; parameters at 68, data on the
    # next 4-byte boundary.
    poff = 68
    doff = (poff + len(params) + 3) & ~3
    words = struct.pack("<HHHHBBHIHHHHHBBH", len(params), len(data), 16,
                        max_data, 0, 0, 0, 0, 0, len(params), poff,
                        len(data), doff, 1, 0, sub)
    body = (b"\0" * (poff - 65) + params +
            b"\0" * (doff - poff - len(params)) + data)
    return c.send(smb.SMB.SMB_COM_TRANSACTION2, words, body)


def trans2(c, sub, params, data=b"", max_data=1024):
    """One TRANS2 request of subcommand SUB; returns (status, reply
    data). The reply's data is empty for an error status."""
    raw = trans2_raw(c, sub, params, data, max_data)
    status = struct.unpack_from("<I", raw, 5)[0]
    if status >> 30 == 3 or raw[32] < 10:
        return status, b""
    dcount, doffset = struct.unpack_from("<HH", raw, 33 + 12)
    return status, raw[doffset:doffset + dcount]


def set_path(c, level, path, data):
    """TRANS2_SET_PATH_INFORMATION; returns (status, reply data)."""
    return trans2(c, TRANS2_SET_PATH_INFORMATION,
                  struct.pack("<HI", level, 0) + c.name(path), data)


def posix_open(c, path, flags, mode=0o644, level=SMB_QUERY_FILE_UNIX_BASIC,
               data=None):
    """Returns (status, fid, action, returned level, FILE_UNIX_BASIC)."""
    if data is None:
        data = struct.pack("<IIQH", 0x2, flags, mode, level)
    status, out = set_path(c, SMB_POSIX_PATH_OPEN, path, data)
    if status:
        return status, None, None, None, b""
    expect(len(out) >= 12, "posix open %s: %d bytes of reply" %
           (path, len(out)))
    oplock, fid, action, rlevel = struct.unpack_from("<HHIH", out)
    expect(oplock == 0, "posix open %s: oplock %d granted" % (path, oplock))
    return status, fid, action, rlevel, out[12:]


def posix_unlink(c, path, kind):
    return set_path(c, SMB_POSIX_PATH_UNLINK, path, struct.pack("<H", kind))[0]


def want(got, status, what):
    expect(got == status, "%s: %s, expected %s" %
           (what, name_of(got), name_of(status)))


def check(user, password, share, sdir, outside):
    c = filetest.Client(user, password, share)
    local = os.path.join(sdir, "po")
    os.makedirs(local, exist_ok=True)
    os.chown(local, os.stat(sdir).st_uid, os.stat(sdir).st_gid)

    # Create: mode kept, FID usable, FILE_UNIX_BASIC of the new file.
    st, fid, action, rlevel, basic = posix_open(
        c, "po/new", O_RDWR | O_CREAT | O_EXCL, 0o100640)
    want(st, 0, "create po/new")
    expect(action == 2 and fid and rlevel == SMB_QUERY_FILE_UNIX_BASIC and
           len(basic) == 100, "create: action %s fid %s level %s len %d" %
           (action, fid, rlevel, len(basic)))
    ftype, = struct.unpack_from("<I", basic, 56)
    perms, = struct.unpack_from("<Q", basic, 84)
    expect(ftype == 0 and perms == 0o640,
           "create: type %d perms %o" % (ftype, perms))
    expect(stat.S_IMODE(os.stat(local + "/new").st_mode) == 0o640,
           "po/new mode %o on the server" % os.stat(local + "/new").st_mode)
    c.write(fid, 0, b"posix")
    expect(c.read_all(fid) == b"posix", "read back through the POSIX FID")
    want(c.close(fid), 0, "close the POSIX FID")

    want(posix_open(c, "po/new", O_RDWR | O_CREAT | O_EXCL)[0],
         STATUS["OBJECT_NAME_COLLISION"], "O_EXCL on an existing file")
    want(posix_open(c, "po/none", O_RDONLY)[0],
         STATUS["OBJECT_NAME_NOT_FOUND"], "open of a missing file")
    st, fid, action, _, basic = posix_open(c, "po/new",
                                           O_WRONLY | O_CREAT | O_TRUNC)
    want(st, 0, "O_TRUNC of po/new")
    expect(action == 3 and struct.unpack_from("<Q", basic)[0] == 0,
           "O_TRUNC: action %s" % action)
    c.close(fid)
    st, fid, _, rlevel, basic = posix_open(
        c, "po/new", O_RDONLY, level=SMB_NO_INFO_LEVEL_RETURNED)
    want(st, 0, "open with no reply level")
    expect(rlevel == SMB_NO_INFO_LEVEL_RETURNED and not basic,
           "no reply level: level 0x%x, %d bytes" % (rlevel, len(basic)))
    c.close(fid)

    # mkdir: no FID kept.
    st, fid, action, _, basic = posix_open(c, "po/d", O_DIRECTORY | O_CREAT,
                                           0o700)
    want(st, 0, "mkdir po/d")
    expect(fid == 0 and action == 2 and
           struct.unpack_from("<I", basic, 56)[0] == 1,
           "mkdir: fid %s action %s" % (fid, action))
    expect(stat.S_IMODE(os.stat(local + "/d").st_mode) == 0o700,
           "po/d mode on the server")
    want(posix_open(c, "po/d", O_DIRECTORY | O_CREAT)[0],
         STATUS["OBJECT_NAME_COLLISION"], "mkdir of an existing name")
    want(posix_open(c, "po/new", O_RDONLY | O_DIRECTORY)[0],
         STATUS["NOT_A_DIRECTORY"], "O_DIRECTORY on a file")
    want(posix_open(c, "po/d", O_WRONLY)[0],
         STATUS["FILE_IS_A_DIRECTORY"], "O_WRONLY on a directory")

    # Symlinks: followed unless O_NOFOLLOW. FIFOs are not opened.
    os.symlink("new", local + "/lnk")
    os.mkfifo(local + "/fifo")
    st, fid, _, _, _ = posix_open(c, "po/lnk", O_RDONLY)
    want(st, 0, "open through a symlink")
    c.close(fid)
    want(posix_open(c, "po/lnk", O_RDONLY | O_NOFOLLOW)[0], ACCESS_DENIED,
         "O_NOFOLLOW on a symlink")
    want(posix_open(c, "po/fifo", O_RDONLY)[0], ACCESS_DENIED,
         "open of a FIFO")

    # Hostile requests change nothing.
    for flags in (0, O_RDONLY | O_WRONLY, 0xFFFFFFFF, O_RDONLY | 0x1000,
                  O_DIRECTORY | O_CREAT | O_TRUNC):
        want(posix_open(c, "po/bad", flags | O_CREAT)[0], INVALID_PARAMETER,
             "flags 0x%x" % flags)
    want(posix_open(c, "po/bad", O_RDWR | O_CREAT, level=0x201)[0],
         INVALID_PARAMETER, "reply level 0x201")
    want(posix_open(c, "po/bad", 0, data=b"\0" * 17)[0], INVALID_PARAMETER,
         "17 bytes of data")
    want(posix_open(c, "po/bad", 0, data=b"")[0], INVALID_PARAMETER,
         "no data")
    expect(not os.path.exists(local + "/bad"), "a bad request made po/bad")

    # Out of the share through a symlink: refused, nothing made.
    want(posix_open(c, "updir/made", O_RDWR | O_CREAT)[0], ACCESS_DENIED,
         "create through a symlink out of the share")
    want(posix_open(c, "updir", O_DIRECTORY | O_RDONLY)[0], ACCESS_DENIED,
         "open of a symlink out of the share")
    expect(not os.path.exists(os.path.join(os.path.dirname(outside), "made")),
           "made a file outside the share")

    # Unlink.
    want(posix_unlink(c, "updir/" + os.path.basename(outside), 0),
         ACCESS_DENIED, "unlink through a symlink out of the share")
    expect(os.path.exists(outside), "the outside file was removed")
    want(posix_unlink(c, "po/d", 0), STATUS["FILE_IS_A_DIRECTORY"],
         "unlink of a directory")
    want(posix_unlink(c, "po/new", 1), STATUS["NOT_A_DIRECTORY"],
         "rmdir of a file")
    want(posix_unlink(c, "po/new", 2), INVALID_PARAMETER, "unlink type 2")
    want(set_path(c, SMB_POSIX_PATH_UNLINK, "po/new", b"")[0],
         INVALID_PARAMETER, "unlink without data")
    want(posix_unlink(c, "po/lnk", 0), 0, "unlink of a symlink")
    expect(not os.path.lexists(local + "/lnk") and
           os.path.exists(local + "/new"), "unlink of a symlink: target")
    fid = c.open_ok("po/new", share=0x3)	# no FILE_SHARE_DELETE
    want(posix_unlink(c, "po/new", 0), STATUS["SHARING_VIOLATION"],
         "unlink of a file open without FILE_SHARE_DELETE")
    c.close(fid)
    os.chmod(local + "/new", 0o444)	# DOS read-only: POSIX ignores it
    want(posix_unlink(c, "po/new", 0), 0, "unlink of a 0444 file")
    want(posix_unlink(c, "po/new", 0), STATUS["OBJECT_NAME_NOT_FOUND"],
         "unlink of a missing file")
    open(local + "/d/f", "w").close()
    want(posix_unlink(c, "po/d", 1), STATUS["DIRECTORY_NOT_EMPTY"],
         "rmdir of a non-empty directory")
    os.unlink(local + "/d/f")
    want(posix_unlink(c, "po/d", 1), 0, "rmdir")
    want(posix_unlink(c, "po/fifo", 0), 0, "unlink of a FIFO")
    expect(sorted(os.listdir(local)) == [], "left in po: %s" %
           os.listdir(local))
    os.rmdir(local)
    c.close_all()


def run_check(check, doc, usage_line):
    """A checking script's main(): CHECK with the command line's arguments
    (as many as CHECK takes), 0 when every check passed; otherwise what
    went wrong, or the usage line of DOC, and 1 or 2."""
    nargs = check.__code__.co_argcount
    if len(sys.argv) != nargs + 1:
        print(doc.strip().splitlines()[usage_line].strip())
        return 2
    try:
        check(*sys.argv[1:])
    except CheckFailed as e:
        print("FAILED: %s" % e)
        return 1
    except Exception as e:  # noqa: BLE001 (impacket's errors, sockets)
        print("FAILED: %r" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run_check(check, __doc__, 6))
