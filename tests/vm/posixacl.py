#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""POSIX ACLs of the CIFS UNIX extensions on the wire, for the guest suite
62-unix.sh: SMB_QUERY_POSIX_ACL and SMB_SET_POSIX_ACL (0x204) by path and
by FID, built by hand over an impacket connection, checked on the wire and
in the server's xattrs; hostile counts and entries refused with nothing
changed; a user who does not own the file refused; on a share whose file
system keeps no ACLs, no capability and STATUS_NOT_SUPPORTED.

    posixacl.py USER PASSWORD OTHER OTHER_PASSWORD SHARE DIR NOACL NOACL_DIR

DIR is SHARE's directory (the script runs on the server) on a file system
with POSIX ACLs, owned by USER; OTHER is uid 1001. NOACL_DIR is the
directory of the share NOACL, on a file system without ACLs (ramfs).
Exits 0 when every check passed; prints what went wrong otherwise.
"""

import errno
import os
import struct
import sys

import filetest
import posixops
from filetest import expect, STATUS
from posixops import trans2, want

SMB_POSIX_ACL = 0x204
SMB_QUERY_FILE_UNIX_LINK = 0x201
QUERY_FS, QUERY_PATH, SET_PATH, QUERY_FILE, SET_FILE = 3, 5, 6, 7, 8
SMB_QUERY_CIFS_UNIX_INFO, CIFS_UNIX_POSIX_ACL_CAP = 0x200, 0x2
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 1, 2, 4, 8, 0x10, 0x20
NO_CHANGE = 0xFFFF
NONE = 0xFFFFFFFFFFFFFFFF
XATTR_ACCESS = "system.posix_acl_access"
XATTR_DEFAULT = "system.posix_acl_default"

INVALID_PARAMETER = 0xC000000D
BUFFER_OVERFLOW = 0x80000005
ACCESS_DENIED = STATUS["ACCESS_DENIED"]
NOT_SUPPORTED = 0xC00000BB
READ_CONTROL, WRITE_DAC, FILE_READ_DATA = 0x20000, 0x40000, 0x1


def blob(acc, dflt, version=1, nacc=None, ndef=None):
    """The wire structure: entries are (tag, perm, id)."""
    nacc = len(acc) if nacc is None else nacc
    ndef = len(dflt) if ndef is None else ndef
    out = struct.pack("<HHH", version, nacc, ndef)
    for tag, perm, uid in acc + dflt:
        out += struct.pack("<BBQ", tag, perm, uid)
    return out


def parse(data):
    """(access entries, default entries) of a query's reply."""
    expect(len(data) >= 6, "ACL reply of %d bytes" % len(data))
    ver, nacc, ndef = struct.unpack_from("<HHH", data)
    expect(ver == 1 and len(data) == 6 + 10 * (nacc + ndef),
           "ACL reply: version %d, %d+%d entries in %d bytes" %
           (ver, nacc, ndef, len(data)))
    ents = [struct.unpack_from("<BBQ", data, 6 + 10 * i)
            for i in range(nacc + ndef)]
    return ents[:nacc], ents[nacc:]


def query_path(c, path, max_data=1024):
    return trans2(c, QUERY_PATH,
                  struct.pack("<HI", SMB_POSIX_ACL, 0) + c.name(path),
                  max_data=max_data)


def set_path(c, path, data):
    return posixops.set_path(c, SMB_POSIX_ACL, path, data)[0]


def xattr(path, name):
    """The server's ACL xattr as [(tag, perm, id)], None when absent."""
    try:
        raw = os.getxattr(path, name)
    except OSError as e:
        if e.errno == errno.ENODATA:
            return None
        raise
    return [struct.unpack_from("<HHI", raw, 4 + 8 * i)
            for i in range((len(raw) - 4) // 8)]


def unix_caps(c):
    """The capabilities SMB_QUERY_CIFS_UNIX_INFO offers on C's tree."""
    st, data = trans2(c, QUERY_FS, struct.pack("<H", SMB_QUERY_CIFS_UNIX_INFO))
    want(st, 0, "QUERY_FS SMB_QUERY_CIFS_UNIX_INFO")
    expect(len(data) == 12, "CIFS_UNIX_INFO of %d bytes" % len(data))
    return struct.unpack_from("<Q", data, 4)[0]


def check_no_acl(user, password, share, sdir):
    """A file system without ACLs: not offered, not served."""
    c = filetest.Client(user, password, share)
    expect(not unix_caps(c) & CIFS_UNIX_POSIX_ACL_CAP,
           "POSIX ACLs offered on %s" % share)
    path = os.path.join(sdir, "f")
    with open(path, "w") as fh:
        fh.write("x")
    os.chown(path, os.stat(sdir).st_uid, os.stat(sdir).st_gid)
    want(query_path(c, "f")[0], NOT_SUPPORTED, "query ACL on %s" % share)
    # A failed query is an error response (MS-CIFS 2.2.4.46.2: no words,
    # no bytes), not the status with MaxDataCount bytes of zeros; the
    # same for SMB_QUERY_FILE_UNIX_LINK of a file that is no symlink.
    for level, what in ((SMB_POSIX_ACL, "query ACL"),
                        (SMB_QUERY_FILE_UNIX_LINK, "readlink of a file")):
        raw = posixops.trans2_raw(c, QUERY_PATH, struct.pack("<HI", level, 0) +
                                  c.name("f"), max_data=4000)
        st = struct.unpack_from("<I", raw, 5)[0]
        expect(st >> 30 == 3 and raw[32] == 0 and len(raw) == 35,
               "%s on %s: status 0x%08x, %d words, %d bytes after them" %
               (what, share, st, raw[32], len(raw) - 33 - 2 * raw[32]))
    want(set_path(c, "f", blob([(USER_OBJ, 6, NONE), (GROUP_OBJ, 4, NONE),
                                (OTHER, 4, NONE)], [], ndef=NO_CHANGE)),
         NOT_SUPPORTED, "set ACL on %s" % share)
    os.unlink(path)
    c.close_all()


def check(user, password, other, other_password, share, sdir, noacl,
          noacl_dir):
    check_no_acl(user, password, noacl, noacl_dir)
    c = filetest.Client(user, password, share)
    expect(unix_caps(c) & CIFS_UNIX_POSIX_ACL_CAP,
           "POSIX ACLs not offered on %s" % share)
    local = os.path.join(sdir, "pacl")
    os.makedirs(local, exist_ok=True)
    owner = (os.stat(sdir).st_uid, os.stat(sdir).st_gid)
    os.chown(local, *owner)
    f = os.path.join(local, "f")
    with open(f, "w") as fh:
        fh.write("acl")
    os.chown(f, *owner)
    os.chmod(f, 0o640)

    # A file without an ACL: the three entries of its mode, no default.
    st, data = query_path(c, "pacl/f")
    want(st, 0, "query ACL of a file without one")
    acc, dflt = parse(data)
    expect(acc == [(USER_OBJ, 6, NONE), (GROUP_OBJ, 4, NONE),
                   (OTHER, 0, NONE)] and dflt == [],
           "mode 0640 as an ACL: %s %s" % (acc, dflt))

    # Set an access ACL with a named user: stored, read back.
    acl = [(USER_OBJ, 6, NONE), (USER, 6, 1001), (GROUP_OBJ, 4, NONE),
           (MASK, 6, NONE), (OTHER, 0, NONE)]
    want(set_path(c, "pacl/f", blob(acl, [], ndef=NO_CHANGE)), 0,
         "set an access ACL")
    stored = xattr(f, XATTR_ACCESS)
    expect(stored and (USER, 6, 1001) in stored,
           "server's access ACL: %s" % stored)
    st, data = query_path(c, "pacl/f")
    want(st, 0, "query the ACL set")
    expect(parse(data)[0] == acl, "read back: %s" % (parse(data),))
    want(query_path(c, "pacl/f", max_data=20)[0], BUFFER_OVERFLOW,
         "query with MaxDataCount 20")

    # Hostile structures: refused, nothing changed.
    before = os.getxattr(f, XATTR_ACCESS)
    bad = {
        "version 2": blob(acl, [], version=2, ndef=NO_CHANGE),
        "count past the data": blob(acl, [], nacc=6, ndef=NO_CHANGE),
        "count 0xFFFE": blob(acl, [], nacc=0xFFFE, ndef=NO_CHANGE),
        "1025 entries": blob([(USER_OBJ, 6, NONE)] * 1025, [],
                             ndef=NO_CHANGE),
        "both counts no-change": blob([], [], nacc=NO_CHANGE,
                                      ndef=NO_CHANGE),
        "header only": b"\x01\x00\x05",
        "empty": b"",
        "unknown tag 0x40": blob(acl[:4] + [(0x40, 0, NONE)], [],
                                 ndef=NO_CHANGE),
        "perm 8": blob([(USER_OBJ, 8, NONE)] + acl[1:], [], ndef=NO_CHANGE),
        "user id all ones": blob([acl[0], (USER, 6, NONE)] + acl[2:], [],
                                 ndef=NO_CHANGE),
        "user id past 32 bits": blob([acl[0], (USER, 6, 1 << 32)] + acl[2:],
                                     [], ndef=NO_CHANGE),
        "no owner entry": blob(acl[1:], [], ndef=NO_CHANGE),
        "named user, no mask": blob(acl[:3] + acl[4:], [], ndef=NO_CHANGE),
    }
    for what, data in bad.items():
        want(set_path(c, "pacl/f", data), INVALID_PARAMETER, what)
    expect(os.getxattr(f, XATTR_ACCESS) == before,
           "a refused set changed the ACL")

    # By FID: READ_CONTROL to read, WRITE_DAC to set; 0 entries remove.
    fid = c.open_ok("pacl/f", access=READ_CONTROL | WRITE_DAC)
    st, data = trans2(c, QUERY_FILE, struct.pack("<HH", fid, SMB_POSIX_ACL))
    want(st, 0, "query ACL by FID")
    expect(parse(data)[0] == acl, "by FID: %s" % (parse(data),))
    st, _ = trans2(c, SET_FILE, struct.pack("<HHH", fid, SMB_POSIX_ACL, 0),
                   blob([], [], ndef=NO_CHANGE))
    want(st, 0, "remove the access ACL by FID")
    want(c.close(fid), 0, "close")
    expect(xattr(f, XATTR_ACCESS) is None,
           "access ACL still there: %s" % xattr(f, XATTR_ACCESS))
    fid = c.open_ok("pacl/f", access=FILE_READ_DATA)
    want(trans2(c, QUERY_FILE, struct.pack("<HH", fid, SMB_POSIX_ACL))[0],
         ACCESS_DENIED, "query by a FID without READ_CONTROL")
    want(trans2(c, SET_FILE, struct.pack("<HHH", fid, SMB_POSIX_ACL, 0),
                blob(acl, [], ndef=NO_CHANGE))[0],
         ACCESS_DENIED, "set by a FID without WRITE_DAC")
    want(c.close(fid), 0, "close")

    # A default ACL: on a directory, not on a file.
    dacl = [(USER_OBJ, 7, NONE), (USER, 5, 1001), (GROUP_OBJ, 5, NONE),
            (MASK, 5, NONE), (OTHER, 0, NONE)]
    want(set_path(c, "pacl", blob([], dacl, nacc=NO_CHANGE)), 0,
         "set a directory's default ACL")
    expect((USER, 5, 1001) in (xattr(local, XATTR_DEFAULT) or []),
           "server's default ACL: %s" % xattr(local, XATTR_DEFAULT))
    st, data = query_path(c, "pacl")
    want(st, 0, "query a directory's ACLs")
    expect(parse(data)[1] == dacl, "default ACL read back: %s" %
           (parse(data),))
    want(set_path(c, "pacl/f", blob([], dacl, nacc=NO_CHANGE)),
         ACCESS_DENIED, "a default ACL on a file")
    want(set_path(c, "pacl", blob([], [], nacc=NO_CHANGE)), 0,
         "remove the default ACL")
    expect(xattr(local, XATTR_DEFAULT) is None, "default ACL still there")

    # Another user: reads, cannot set (the kernel: owner only).
    want(set_path(c, "pacl/f", blob(acl, [], ndef=NO_CHANGE)), 0,
         "set the access ACL again")
    before = os.getxattr(f, XATTR_ACCESS)
    b = filetest.Client(other, other_password, share)
    want(query_path(b, "pacl/f")[0], 0, "another user queries the ACL")
    want(set_path(b, "pacl/f", blob(acl[:1] + [(USER, 7, 1001)] + acl[2:],
                                    [], ndef=NO_CHANGE)),
         ACCESS_DENIED, "another user sets the ACL")
    expect(os.getxattr(f, XATTR_ACCESS) == before,
           "another user changed the ACL")
    b.close_all()

    os.unlink(f)
    os.rmdir(local)
    c.close_all()


if __name__ == "__main__":
    sys.exit(posixops.run_check(check, __doc__, 7))
