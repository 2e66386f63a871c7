#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""File checks for the guest suite 50-files.sh: opens, reads, writes,
close, delete, rename, directories, the security rules (beneath the share,
the user's permissions, read-only shares), with impacket (an SMB1 client
nobody here wrote) and, for commands impacket has no call for, impacket's
own packet classes filled in by hand.

    filetest.py CHECK [ARGS...]      exit 0 if the check passed

The server is KCIFSD_HOST:KCIFSD_TCP_PORT. Every check prints what went
wrong before exiting non-zero.
"""

import hashlib
import io
import os
import socket
import struct
import sys

from impacket import smb, nmb
from impacket.smbconnection import SMBConnection, SessionError, SMB_DIALECT

HOST = os.environ.get("KCIFSD_HOST", "127.0.0.1")
PORT = int(os.environ.get("KCIFSD_TCP_PORT", "445"))

STATUS = {
    "SUCCESS": 0x00000000,
    "ACCESS_DENIED": 0xC0000022,
    "OBJECT_NAME_INVALID": 0xC0000033,
    "OBJECT_NAME_NOT_FOUND": 0xC0000034,
    "OBJECT_NAME_COLLISION": 0xC0000035,
    "OBJECT_PATH_NOT_FOUND": 0xC000003A,
    "OBJECT_PATH_SYNTAX_BAD": 0xC000003B,
    "SHARING_VIOLATION": 0xC0000043,
    "DELETE_PENDING": 0xC0000056,
    "DISK_FULL": 0xC000007F,
    "FILE_IS_A_DIRECTORY": 0xC00000BA,
    "NOT_SUPPORTED": 0xC00000BB,
    "DIRECTORY_NOT_EMPTY": 0xC0000101,
    "NOT_A_DIRECTORY": 0xC0000103,
    "CANNOT_DELETE": 0xC0000121,
    "INVALID_HANDLE": 0xC0000008,
    "INVALID_PARAMETER": 0xC000000D,
    "NO_SUCH_FILE": 0xC000000F,
    "INVALID_DEVICE_REQUEST": 0xC0000010,
}
NAMES = {v: k for k, v in STATUS.items()}

# Access masks and options (MS-CIFS 2.2.4.64.1)
GENERIC_READ = 0x80000000
GENERIC_WRITE = 0x40000000
FILE_READ_DATA = 0x1
FILE_WRITE_DATA = 0x2
FILE_READ_ATTRIBUTES = 0x80
DELETE = 0x10000
MAXIMUM_ALLOWED = 0x02000000
SHARE_RW = 0x3
SHARE_ALL = 0x7
FILE_OPEN, FILE_CREATE, FILE_OPEN_IF, FILE_OVERWRITE_IF = 1, 2, 3, 5
FILE_DIRECTORY_FILE = 0x1
FILE_NON_DIRECTORY_FILE = 0x40
FILE_DELETE_ON_CLOSE = 0x1000
FILE_OPEN_BY_FILE_ID = 0x2000


class CheckFailed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise CheckFailed(what)


def name_of(code):
    return NAMES.get(code, "0x%08x" % code)


class Client:
    """One logged-on impacket SMB1 connection and a tree connect."""

    def __init__(self, user, password, share):
        self.conn = SMBConnection(HOST, HOST, sess_port=PORT,
                                  preferredDialect=SMB_DIALECT, timeout=30)
        self.conn.login(user, password)
        self.s = self.conn.getSMBServer()
        self.share = share
        self.tid = self.conn.connectTree(share)
        self.unicode = self.s.get_flags()[1] & smb.SMB.FLAGS2_UNICODE

    def close_all(self):
        try:
            self.conn.logoff()
        except Exception:  # noqa: BLE001
            pass

    def name(self, path):
        """A pathname for Bytes, in the connection's encoding, terminated."""
        path = path.replace("/", "\\")
        if self.unicode:
            return path.encode("utf-16le") + b"\0\0"
        return path.encode("latin-1") + b"\0"

    def send(self, command, words=b"", data=b""):
        """One message built by hand (impacket's packet classes cannot
        carry more than 64 KiB of Bytes); returns the raw reply."""
        self.mid = getattr(self, "mid", 0) % 0xFFF0 + 1
        hdr = struct.pack("<4sBIBHH8sHHHHH", b"\xffSMB", command, 0, 0x18,
                          self.s.get_flags()[1], 0, b"", 0, self.tid,
                          os.getpid() & 0xFFFF, self.s._uid, self.mid)
        msg = (hdr + bytes([len(words) // 2]) + words +
               struct.pack("<H", len(data) & 0xFFFF) + data)
        self.s._sess.send_packet(msg)
        return self.s.recvSMB().getData()

    def raw(self, command, words=b"", data=b"", pad_unicode=False):
        """Send one command with hand-made Words and Bytes; return
        (status, words, bytes) of the reply."""
        if pad_unicode and self.unicode:
            # 32 header + 1 WordCount + words + 2 ByteCount: pad to even
            if (32 + 1 + len(words) + 2) % 2:
                data = b"\0" + data
        raw = self.send(command, words, data)
        status = struct.unpack_from("<I", raw, 5)[0]
        wc = raw[32]
        words = raw[33:33 + 2 * wc]
        bc = struct.unpack_from("<H", raw, 33 + 2 * wc)[0]
        return status, words, raw[35 + 2 * wc:35 + 2 * wc + bc]

    def create(self, path, access=GENERIC_READ, disposition=FILE_OPEN,
               options=FILE_NON_DIRECTORY_FILE, share=SHARE_RW):
        """NT_CREATE_ANDX; returns (status, fid, action)."""
        words = struct.pack("<BBHBHIIIQIIIIIB", 0xFF, 0, 0, 0, 0, 0, 0,
                            access, 0, 0, share, disposition, options, 2, 0)
        status, w, _ = self.raw(smb.SMB.SMB_COM_NT_CREATE_ANDX, words,
                                self.name(path), pad_unicode=True)
        if status:
            return status, None, None
        fid, action = struct.unpack_from("<HI", w, 5)
        return status, fid, action

    def open_ok(self, path, **kw):
        status, fid, _ = self.create(path, **kw)
        expect(status == 0, "open %s: %s" % (path, name_of(status)))
        return fid

    def close(self, fid):
        status, _, _ = self.raw(smb.SMB.SMB_COM_CLOSE,
                                struct.pack("<HI", fid, 0))
        return status

    def write(self, fid, offset, data):
        return self.s.write_andx(self.tid, fid, data, offset)

    def write_raw(self, fid, offset, data):
        """WRITE_ANDX in the 14-word form (64-bit offset), with the pad
        byte ByteCount must count (MS-CIFS 2.2.4.43.1); returns
        (status, count)."""
        data_off = 32 + 1 + 28 + 2 + 1
        words = struct.pack("<BBHHIIHHHHHI", 0xFF, 0, 0, fid,
                            offset & 0xFFFFFFFF, 0, 0, 0,
                            len(data) >> 16, len(data) & 0xFFFF, data_off,
                            offset >> 32)
        status, w, _ = self.raw(smb.SMB.SMB_COM_WRITE_ANDX, words,
                                b"\0" + data)
        if status:
            return status, None
        count, _, high = struct.unpack_from("<HHH", w, 4)
        return status, count | high << 16

    def read_all(self, fid, chunk=60 * 1024):
        """READ_ANDX until a read returns nothing (the server may return
        less than asked for when the reply would not fit)."""
        out = b""
        while True:
            got = self.s.read_andx(self.tid, fid, len(out), chunk)
            if not got:
                return out
            out += got

    def delete(self, path, attrs=0x06):
        status, _, _ = self.raw(smb.SMB.SMB_COM_DELETE,
                                struct.pack("<H", attrs),
                                b"\x04" + self.name(path))
        return status

    def mkdir(self, path):
        return self.raw(smb.SMB.SMB_COM_CREATE_DIRECTORY, b"",
                        b"\x04" + self.name(path))[0]

    def rmdir(self, path):
        return self.raw(smb.SMB.SMB_COM_DELETE_DIRECTORY, b"",
                        b"\x04" + self.name(path))[0]

    def checkdir(self, path):
        return self.raw(smb.SMB.SMB_COM_CHECK_DIRECTORY, b"",
                        b"\x04" + self.name(path))[0]

    def rename(self, old, new, attrs=0x16):
        data = b"\x04" + self.name(old) + b"\x04"
        if self.unicode:
            data += b"\0"	# the new name is aligned again
        data += self.name(new)
        return self.raw(smb.SMB.SMB_COM_RENAME, struct.pack("<H", attrs),
                        data)[0]

    def nt_rename(self, old, new, level):
        data = b"\x04" + self.name(old) + b"\x04"
        if self.unicode:
            data += b"\0"
        data += self.name(new)
        return self.raw(smb.SMB.SMB_COM_NT_RENAME,
                        struct.pack("<HHI", 0x16, level, 0), data)[0]

    def query_info(self, path):
        """QUERY_INFORMATION: (status, attrs, utime, size)."""
        status, w, _ = self.raw(smb.SMB.SMB_COM_QUERY_INFORMATION, b"",
                                b"\x04" + self.name(path))
        if status:
            return status, None, None, None
        return (status,) + struct.unpack_from("<HII", w, 0)

    def set_info(self, path, attrs, utime=0):
        return self.raw(smb.SMB.SMB_COM_SET_INFORMATION,
                        struct.pack("<HI10s", attrs, utime, b""),
                        b"\x04" + self.name(path))[0]


def expect_status(got, want, what):
    expect(got == STATUS[want], "%s: %s, expected %s" %
           (what, name_of(got), want))


def pattern(size):
    """Deterministic, not repeating at page granularity."""
    out = bytearray()
    i = 0
    while len(out) < size:
        out += hashlib.sha256(b"%d" % i).digest()
        i += 1
    return bytes(out[:size])


# ---- checks ----

def check_roundtrip(user, password, share, size, name):
    """putFile, then read back with NT_CREATE + READ_ANDX; same bytes."""
    size = int(size)
    data = pattern(size)
    c = Client(user, password, share)
    c.conn.putFile(share, name, io.BytesIO(data).read)
    fid = c.open_ok(name)
    got = c.read_all(fid)
    c.close(fid)
    expect(got == data, "read back %d bytes, wanted %d (%s)" %
           (len(got), size, "differ" if len(got) == size else "length"))
    # Past the end: success with no data (MS-CIFS <60>).
    fid = c.open_ok(name)
    tail = c.s.read_andx(c.tid, fid, size + 10, 100)
    c.close(fid)
    expect(tail == b"", "read past EOF gave %d bytes" % len(tail))
    c.close_all()


def check_getfile(user, password, share, size, name):
    """impacket getFile (TRANS2 QUERY_FILE_INFORMATION + READ_ANDX)."""
    size = int(size)
    data = pattern(size)
    c = Client(user, password, share)
    c.conn.putFile(share, name, io.BytesIO(data).read)
    out = io.BytesIO()
    try:
        c.conn.getFile(share, name, out.write)
    except (smb.SessionError, SessionError) as e:
        if e.getErrorCode() & 0xFFFFFFFF == 0xC0000002:
            print("TRANS2 QUERY_FILE_INFORMATION is not implemented")
            sys.exit(77)
        raise
    expect(out.getvalue() == data, "getFile gave %d bytes, wanted %d" %
           (len(out.getvalue()), size))
    c.close_all()


def check_write_offsets(user, password, share):
    """WRITE_ANDX at offsets past EOF zero-fills; zero-length writes
    change nothing; a large offset (64-bit) works."""
    c = Client(user, password, share)
    fid = c.open_ok("offsets.bin", access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    c.write(fid, 0, b"abc")
    c.write(fid, 10, b"xyz")
    st, n = c.write_raw(fid, 3, b"")
    expect(st == 0 and n == 0, "zero-length write: %s, count %s" %
           (name_of(st), n))
    got = c.read_all(fid)
    expect(got == b"abc" + b"\0" * 7 + b"xyz", "got %r" % got)
    far = (5 << 32) + 7
    st, n = c.write_raw(fid, far, b"far")
    expect(st == 0 and n == 3, "write at 5 GiB + 7: %s, count %s" %
           (name_of(st), n))
    # QUERY_INFORMATION's 32-bit size saturates rather than wraps
    size = c.query_info("offsets.bin")[3]
    expect(size == 0xFFFFFFFF, "32-bit size of a 5 GiB file: 0x%x" % size)
    c.close(fid)
    c.close_all()


def check_mkdir_rmdir(user, password, share):
    c = Client(user, password, share)
    expect_status(c.mkdir("d1"), "SUCCESS", "CREATE_DIRECTORY")
    expect_status(c.mkdir("d1"), "OBJECT_NAME_COLLISION", "mkdir twice")
    expect_status(c.checkdir("d1"), "SUCCESS", "CHECK_DIRECTORY")
    # As Windows answers an NT-status client (smbtorture raw.chkpath)
    expect_status(c.checkdir("nodir"), "OBJECT_NAME_NOT_FOUND",
                  "CHECK_DIRECTORY of nothing")
    expect_status(c.checkdir("nodir/sub"), "OBJECT_PATH_NOT_FOUND",
                  "CHECK_DIRECTORY below nothing")
    fid = c.open_ok("d1/f", access=GENERIC_WRITE, disposition=FILE_CREATE)
    c.close(fid)
    expect_status(c.checkdir("d1/f"), "NOT_A_DIRECTORY",
                  "CHECK_DIRECTORY of a file")
    expect_status(c.rmdir("d1"), "DIRECTORY_NOT_EMPTY", "rmdir non-empty")
    expect_status(c.delete("d1/f"), "SUCCESS", "DELETE")
    expect_status(c.rmdir("d1"), "SUCCESS", "DELETE_DIRECTORY")
    expect_status(c.rmdir("d1"), "OBJECT_NAME_NOT_FOUND", "rmdir twice")
    # impacket's own calls
    c.conn.createDirectory(share, "d2")
    c.conn.deleteDirectory(share, "d2")
    c.close_all()


def check_rename(user, password, share):
    c = Client(user, password, share)
    fid = c.open_ok("r1", access=GENERIC_WRITE, disposition=FILE_OVERWRITE_IF)
    c.write(fid, 0, b"one")
    c.close(fid)
    fid = c.open_ok("r2", access=GENERIC_WRITE, disposition=FILE_OVERWRITE_IF)
    c.close(fid)
    expect_status(c.rename("r1", "r2"), "OBJECT_NAME_COLLISION",
                  "RENAME onto an existing file")
    expect_status(c.delete("r2"), "SUCCESS", "DELETE r2")
    c.conn.rename(share, "r1", "r2")
    fid = c.open_ok("R2")	# case-insensitive
    expect(c.read_all(fid) == b"one", "renamed file's content")
    c.close(fid)
    expect_status(c.rename("nothere", "x"), "OBJECT_NAME_NOT_FOUND",
                  "RENAME of nothing")
    # NT_RENAME: a hard link, then a rename
    expect_status(c.nt_rename("r2", "r3", 0x103), "SUCCESS",
                  "NT_RENAME hard link")
    fid = c.open_ok("r3")
    expect(c.read_all(fid) == b"one", "hard link content")
    c.close(fid)
    expect_status(c.nt_rename("r3", "r4", 0x104), "SUCCESS",
                  "NT_RENAME rename")
    expect_status(c.create("r3")[0], "OBJECT_NAME_NOT_FOUND",
                  "old name after NT_RENAME")
    # case-only rename
    expect_status(c.rename("r4", "R4"), "SUCCESS", "case-only rename")
    for n in ("r2", "R4"):
        expect_status(c.delete(n), "SUCCESS", "DELETE " + n)
    c.close_all()


def check_delete(user, password, share):
    c = Client(user, password, share)
    for n in ("w1.tmp", "w2.tmp", "keep.txt"):
        c.close(c.open_ok(n, access=GENERIC_WRITE,
                          disposition=FILE_OVERWRITE_IF))
    expect_status(c.delete("*.tmp"), "SUCCESS", "DELETE *.tmp")
    expect_status(c.create("w1.tmp")[0], "OBJECT_NAME_NOT_FOUND",
                  "w1.tmp after DELETE *.tmp")
    st, fid, _ = c.create("keep.txt")
    expect_status(st, "SUCCESS", "keep.txt kept")
    c.close(fid)
    expect_status(c.delete("*.tmp"), "NO_SUCH_FILE", "DELETE *.tmp again")
    expect_status(c.delete("nothere"), "OBJECT_NAME_NOT_FOUND",
                  "DELETE of nothing")
    expect_status(c.delete("keep.txt"), "SUCCESS", "DELETE keep.txt")
    c.close_all()


def check_share_modes(user, password, share):
    c = Client(user, password, share)
    d = Client(user, password, share)	# another connection
    fid = c.open_ok("sm", access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF, share=0x1)
    expect_status(d.create("sm", access=GENERIC_WRITE)[0],
                  "SHARING_VIOLATION", "writer while a reader denies write")
    fid2 = d.open_ok("sm", access=GENERIC_READ, share=SHARE_ALL)
    d.close(fid2)
    expect_status(d.delete("sm"), "SHARING_VIOLATION",
                  "DELETE while open without FILE_SHARE_DELETE")
    c.close(fid)
    # delete on close
    fid = c.open_ok("doc", access=GENERIC_READ | GENERIC_WRITE | DELETE,
                    disposition=FILE_OVERWRITE_IF, share=SHARE_ALL,
                    options=FILE_NON_DIRECTORY_FILE | FILE_DELETE_ON_CLOSE)
    fid2 = d.open_ok("doc", access=GENERIC_READ, share=SHARE_ALL)
    c.close(fid)
    expect_status(d.create("doc")[0], "DELETE_PENDING",
                  "open of a delete-pending file")
    d.close(fid2)
    expect_status(d.create("doc")[0], "OBJECT_NAME_NOT_FOUND",
                  "delete-on-close file after the last close")
    expect_status(c.delete("sm"), "SUCCESS", "DELETE sm")
    c.close_all()
    d.close_all()


def check_create_dispositions(user, password, share):
    c = Client(user, password, share)
    st, fid, action = c.create("disp", access=GENERIC_WRITE,
                               disposition=FILE_CREATE)
    expect(st == 0 and action == 2, "CREATE: %s action %s" %
           (name_of(st), action))
    c.write(fid, 0, b"data")
    c.close(fid)
    expect_status(c.create("disp", disposition=FILE_CREATE)[0],
                  "OBJECT_NAME_COLLISION", "FILE_CREATE of an existing file")
    st, fid, action = c.create("DISP", access=GENERIC_WRITE,
                               disposition=FILE_OPEN_IF)
    expect(st == 0 and action == 1, "OPEN_IF existing: action %s" % action)
    c.close(fid)
    st, fid, action = c.create("disp", access=GENERIC_WRITE,
                               disposition=FILE_OVERWRITE_IF)
    expect(st == 0 and action == 3, "OVERWRITE_IF: action %s" % action)
    c.close(fid)
    expect(c.query_info("disp")[3] == 0, "overwrite truncates")
    expect_status(c.create("disp", options=FILE_DIRECTORY_FILE)[0],
                  "NOT_A_DIRECTORY", "DIRECTORY_FILE on a file")
    c.mkdir("ddir")
    expect_status(c.create("ddir")[0], "FILE_IS_A_DIRECTORY",
                  "NON_DIRECTORY_FILE on a directory")
    expect_status(c.create("disp", options=FILE_OPEN_BY_FILE_ID)[0],
                  "NOT_SUPPORTED", "OPEN_BY_FILE_ID")
    st, fid, _ = c.create("ddir", options=FILE_DIRECTORY_FILE)
    expect_status(st, "SUCCESS", "directory open")
    c.close(fid)
    c.rmdir("ddir")
    c.delete("disp")
    c.close_all()


def check_info(user, password, share):
    c = Client(user, password, share)
    fid = c.open_ok("info", access=GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    c.write(fid, 0, b"12345")
    c.close(fid)
    st, attrs, utime, size = c.query_info("info")
    expect(st == 0 and size == 5 and not attrs & 0x10,
           "QUERY_INFORMATION: %s attrs 0x%x size %s" %
           (name_of(st), attrs or 0, size))
    expect_status(c.set_info("info", 0x01, 1000000000), "SUCCESS",
                  "SET_INFORMATION read-only + time")
    st, attrs, utime, size = c.query_info("info")
    expect(attrs & 0x01, "read-only attribute kept: 0x%x" % attrs)
    expect_status(c.create("info", access=GENERIC_WRITE)[0],
                  "ACCESS_DENIED", "write open of a read-only file")
    expect_status(c.set_info("info", 0x00), "SUCCESS",
                  "SET_INFORMATION clears read-only")
    st, _, _ = c.raw(smb.SMB.SMB_COM_QUERY_INFORMATION_DISK)
    expect_status(st, "SUCCESS", "QUERY_INFORMATION_DISK")
    # HIDDEN is kept (fs/dosattr.c), and DELETE needs it in
    # SearchAttributes to remove such a file
    expect_status(c.set_info("info", 0x02), "SUCCESS",
                  "SET_INFORMATION hidden")
    st, attrs, _, _ = c.query_info("info")
    expect(attrs & 0x02, "hidden attribute kept: 0x%x" % attrs)
    expect_status(c.delete("info", attrs=0), "NO_SUCH_FILE",
                  "DELETE of a hidden file without SearchAttributes")
    expect_status(c.delete("info", attrs=0x02), "SUCCESS",
                  "DELETE of a hidden file with SEARCH_HIDDEN")
    c.close_all()


def check_escapes(user, password, share):
    """Nothing outside the share: '..', symlinks out (the suite makes
    'abs' -> /etc and 'rel' -> ../outside), and bad names."""
    c = Client(user, password, share)
    expect_status(c.create("..\\..\\etc\\passwd")[0],
                  "OBJECT_PATH_SYNTAX_BAD", "'..' above the root")
    expect_status(c.create("sub\\..\\..\\x")[0], "OBJECT_PATH_SYNTAX_BAD",
                  "'..' above the root after a component")
    expect_status(c.create("abs\\passwd")[0], "ACCESS_DENIED",
                  "absolute symlink out of the share")
    expect_status(c.create("rel\\secret")[0], "ACCESS_DENIED",
                  "relative symlink out of the share")
    expect_status(c.create("abslink")[0], "ACCESS_DENIED",
                  "symlink to a file outside")
    expect_status(c.create("a:stream")[0], "OBJECT_NAME_INVALID",
                  "stream syntax")
    expect_status(c.create("a*b")[0], "OBJECT_NAME_INVALID",
                  "wildcard in a name")
    expect_status(c.create("CON")[0], "OBJECT_NAME_INVALID",
                  "device name")
    # A '.' is not folded away: on the way, a directory that is not there
    # (Windows, smbtorture raw.chkpath); last, an invalid name.
    expect_status(c.create(".\\x")[0], "OBJECT_PATH_NOT_FOUND",
                  "'.' on the way")
    expect_status(c.create("x\\.")[0], "OBJECT_NAME_INVALID", "'.' last")
    fid = c.open_ok("inside")	# symlink to a file inside is fine
    c.close(fid)
    # Every command that takes a name, not only opens.
    expect_status(c.delete("rel\\secret"), "ACCESS_DENIED",
                  "DELETE through a symlink out")
    expect_status(c.mkdir("rel\\newdir"), "ACCESS_DENIED",
                  "CREATE_DIRECTORY through a symlink out")
    expect_status(c.rename("target", "..\\escaped"),
                  "OBJECT_PATH_SYNTAX_BAD", "RENAME to above the root")
    expect_status(c.rename("target", "rel\\escaped"), "ACCESS_DENIED",
                  "RENAME through a symlink out")
    expect_status(c.nt_rename("target", "abs\\linked", 0x103),
                  "ACCESS_DENIED", "hard link through a symlink out")
    expect_status(c.query_info("rel\\secret")[0], "ACCESS_DENIED",
                  "QUERY_INFORMATION through a symlink out")
    # A file system mounted inside the share is not the share.
    expect_status(c.create("mp\\mounted")[0], "ACCESS_DENIED",
                  "open across a mount point")
    c.close_all()


def check_denied(user, password, share, path, rootdir):
    """A file the user may not read, and a directory the user may not
    write (both root's): ACCESS_DENIED, whatever the command."""
    c = Client(user, password, share)
    expect_status(c.create(path)[0], "ACCESS_DENIED", "open of " + path)
    expect_status(c.create(path, access=GENERIC_WRITE)[0], "ACCESS_DENIED",
                  "open for writing of " + path)
    st, fid, _ = c.create(path, access=FILE_READ_ATTRIBUTES)
    expect_status(st, "SUCCESS", "attributes-only open of " + path)
    c.close(fid)
    expect_status(c.create(path, access=MAXIMUM_ALLOWED)[0], "SUCCESS",
                  "MAXIMUM_ALLOWED open of " + path)
    inside = rootdir + "\\file"
    expect_status(c.create(rootdir + "\\new", access=GENERIC_WRITE,
                           disposition=FILE_CREATE)[0],
                  "ACCESS_DENIED", "create in " + rootdir)
    expect_status(c.mkdir(rootdir + "\\newdir"), "ACCESS_DENIED",
                  "mkdir in " + rootdir)
    expect_status(c.delete(inside), "ACCESS_DENIED", "delete in " + rootdir)
    expect_status(c.rename(inside, "moved"), "ACCESS_DENIED",
                  "rename out of " + rootdir)
    expect_status(c.create(inside, access=GENERIC_WRITE)[0],
                  "ACCESS_DENIED", "open for writing of " + inside)
    c.close_all()


def check_read_only(user, password, share, existing):
    """Every kind of write is refused on a read-only share."""
    c = Client(user, password, share)
    expect_status(c.create("new", access=GENERIC_WRITE,
                           disposition=FILE_CREATE)[0],
                  "ACCESS_DENIED", "create")
    expect_status(c.create(existing, access=GENERIC_WRITE)[0],
                  "ACCESS_DENIED", "open for writing")
    expect_status(c.create(existing, access=DELETE)[0], "ACCESS_DENIED",
                  "open for delete")
    expect_status(c.create(existing, disposition=FILE_OVERWRITE_IF)[0],
                  "ACCESS_DENIED", "overwrite")
    expect_status(c.mkdir("newdir"), "ACCESS_DENIED", "mkdir")
    expect_status(c.delete(existing), "ACCESS_DENIED", "delete")
    expect_status(c.rename(existing, "moved"), "ACCESS_DENIED", "rename")
    expect_status(c.nt_rename(existing, "linked", 0x103), "ACCESS_DENIED",
                  "hard link")
    expect_status(c.set_info(existing, 0x01), "ACCESS_DENIED",
                  "SET_INFORMATION")
    expect_status(c.rmdir("keepdir"), "ACCESS_DENIED", "rmdir")
    expect_status(c.create("newdir2", options=FILE_DIRECTORY_FILE,
                           disposition=FILE_CREATE)[0],
                  "ACCESS_DENIED", "NT_CREATE of a directory")
    expect_status(c.create(existing, access=GENERIC_READ | DELETE,
                           options=FILE_NON_DIRECTORY_FILE |
                           FILE_DELETE_ON_CLOSE)[0],
                  "ACCESS_DENIED", "delete-on-close open")
    S = smb.SMB
    for cmd, what in ((S.SMB_COM_CREATE, "CREATE"),
                      (S.SMB_COM_CREATE_NEW, "CREATE_NEW")):
        expect_status(c.raw(cmd, struct.pack("<HI", 0, 0),
                            b"\x04" + c.name("core"))[0],
                      "ACCESS_DENIED", what)
    expect_status(c.raw(S.SMB_COM_CREATE_TEMPORARY, struct.pack("<HI", 0, 0),
                        b"\x04" + c.name(""))[0],
                  "ACCESS_DENIED", "CREATE_TEMPORARY")
    fid = c.open_ok(existing)
    got = c.read_all(fid)
    expect(len(got) > 0, "reading works")
    # A read-only FID writes nothing, whatever the command.
    expect_status(c.write_raw(fid, 0, b"x")[0], "ACCESS_DENIED",
                  "WRITE_ANDX on a read-only share")
    expect_status(c.raw(S.SMB_COM_WRITE, struct.pack("<HHIH", fid, 0, 0, 0),
                        b"\x01\x00\x00")[0],
                  "ACCESS_DENIED", "zero-length WRITE (truncation)")
    expect_status(c.raw(S.SMB_COM_WRITE_AND_CLOSE,
                        struct.pack("<HHII", fid, 1, 0, 0), b"\0x")[0],
                  "ACCESS_DENIED", "WRITE_AND_CLOSE")
    # A last write time on CLOSE is not applied by a reader.
    st, _, _ = c.raw(S.SMB_COM_CLOSE, struct.pack("<HI", fid, 1000000000))
    expect_status(st, "SUCCESS", "CLOSE with a time")
    expect(c.query_info(existing)[2] != 1000000000,
           "CLOSE of a read-only open set the write time")
    c.close_all()


def check_core(user, password, share):
    """The Core and LANMAN opens and I/O: CREATE_NEW, CREATE, OPEN,
    OPEN_ANDX, CREATE_TEMPORARY, WRITE (and its truncation), READ, SEEK,
    FLUSH, WRITE_AND_CLOSE, PROCESS_EXIT."""
    c = Client(user, password, share)
    S = smb.SMB

    def core_create(cmd, name):
        st, w, b = c.raw(cmd, struct.pack("<HI", 0, 0),
                         b"\x04" + c.name(name))
        return st, (struct.unpack_from("<H", w)[0] if not st else None), b

    st, fid, _ = core_create(S.SMB_COM_CREATE_NEW, "core1")
    expect_status(st, "SUCCESS", "CREATE_NEW")
    expect_status(core_create(S.SMB_COM_CREATE_NEW, "core1")[0],
                  "OBJECT_NAME_COLLISION", "CREATE_NEW of an existing file")
    st, w, _ = c.raw(S.SMB_COM_WRITE, struct.pack("<HHIH", fid, 5, 0, 0),
                     b"\x01" + struct.pack("<H", 5) + b"hello")
    expect(st == 0 and struct.unpack_from("<H", w)[0] == 5,
           "WRITE: %s" % name_of(st))
    st, w, b = c.raw(S.SMB_COM_READ, struct.pack("<HHIH", fid, 100, 0, 0))
    expect(st == 0 and b[0] == 1 and b[3:] == b"hello",
           "READ: %s %r" % (name_of(st), b))
    st, w, _ = c.raw(S.SMB_COM_SEEK, struct.pack("<HHi", fid, 2, 0))
    expect(st == 0 and struct.unpack_from("<I", w)[0] == 5,
           "SEEK from the end")
    st, w, _ = c.raw(S.SMB_COM_SEEK, struct.pack("<HHi", fid, 0, -3))
    expect(st == 0 and struct.unpack_from("<I", w)[0] == 0xFFFFFFFD,
           "SEEK before the start wraps at 32 bits")
    st, w, _ = c.raw(S.SMB_COM_SEEK, struct.pack("<HHi", fid, 1, 1000))
    expect(st == 0 and struct.unpack_from("<I", w)[0] == 997,
           "SEEK past 4 GiB wraps at 32 bits")
    c.raw(S.SMB_COM_READ, struct.pack("<HHIH", fid, 2, 1, 0))
    st, w, _ = c.raw(S.SMB_COM_SEEK, struct.pack("<HHi", fid, 1, 0))
    expect(st == 0 and struct.unpack_from("<I", w)[0] == 3,
           "a READ moves the SEEK pointer to its end")
    st, _, _ = c.raw(S.SMB_COM_WRITE, struct.pack("<HHIH", fid, 0, 2, 0),
                     b"\x01\x00\x00")
    expect_status(st, "SUCCESS", "zero-length WRITE")
    expect(c.query_info("core1")[3] == 2, "zero-length WRITE truncates")
    expect_status(c.raw(S.SMB_COM_FLUSH, struct.pack("<H", fid))[0],
                  "SUCCESS", "FLUSH")
    expect_status(c.raw(S.SMB_COM_FLUSH, struct.pack("<H", 0xFFFF))[0],
                  "SUCCESS", "FLUSH 0xFFFF")
    expect_status(c.close(fid), "SUCCESS", "CLOSE")
    expect_status(c.close(fid), "INVALID_HANDLE", "CLOSE twice")

    st, fid, _ = core_create(S.SMB_COM_CREATE, "core1")
    expect_status(st, "SUCCESS", "CREATE of an existing file")
    c.close(fid)
    expect(c.query_info("core1")[3] == 0, "CREATE truncates")

    st, w, _ = c.raw(S.SMB_COM_OPEN, struct.pack("<HH", 0x42, 0),
                     b"\x04" + c.name("core1"))
    expect_status(st, "SUCCESS", "OPEN read/write deny-none")
    c.close(struct.unpack_from("<H", w)[0])
    expect_status(c.raw(S.SMB_COM_OPEN, struct.pack("<HH", 0x40, 0),
                        b"\x04" + c.name("nothere"))[0],
                  "OBJECT_NAME_NOT_FOUND", "OPEN of nothing")

    def open_andx(name, mode, func):
        words = struct.pack("<BBHHHHHIHII4s", 0xFF, 0, 0, 1, mode, 0, 0, 0,
                            func, 0, 0, b"")
        st, w, _ = c.raw(S.SMB_COM_OPEN_ANDX, words, c.name(name),
                         pad_unicode=True)
        if st:
            return st, None, None
        fid = struct.unpack_from("<H", w, 4)[0]
        return st, fid, struct.unpack_from("<H", w, 4 + 2 + 2 + 4 + 4 + 6)[0]

    for name, func, want in (("core1", 0x01, 1), ("core1", 0x12, 3),
                             ("core2", 0x10, 2)):
        st, fid, res = open_andx(name, 0x42, func)
        expect(st == 0 and res == want, "OPEN_ANDX %s 0x%x: %s result %s" %
               (name, func, name_of(st), res))
        c.close(fid)
    expect_status(open_andx("core3", 0x40, 0x01)[0], "OBJECT_NAME_NOT_FOUND",
                  "OPEN_ANDX open-only of nothing")

    st, fid, b = core_create(S.SMB_COM_CREATE_TEMPORARY, "")
    expect_status(st, "SUCCESS", "CREATE_TEMPORARY")
    # MS-CIFS 2.2.4.15.2: the name alone, NUL-terminated ASCII
    tmp = b.split(b"\0")[0].decode("ascii")
    expect(tmp.startswith("SRV") and len(tmp) == 8, "temporary name %r" % tmp)
    expect_status(c.query_info(tmp)[0], "SUCCESS", "the temporary file")
    c.close(fid)

    fid = c.open_ok("core1", access=GENERIC_WRITE)
    st, w, _ = c.raw(S.SMB_COM_WRITE_AND_CLOSE,
                     struct.pack("<HHII", fid, 4, 1, 0), b"\0" + b"data")
    expect(st == 0 and struct.unpack_from("<H", w)[0] == 4,
           "WRITE_AND_CLOSE: %s" % name_of(st))
    expect_status(c.close(fid), "INVALID_HANDLE", "CLOSE after WRITE_AND_CLOSE")
    expect(c.query_info("core1")[3] == 5, "size after WRITE_AND_CLOSE")
    # The 12-word form; a count of 0 extends the file to the offset, sets
    # LastWriteTime and, as on Windows, leaves the FID open.
    fid = c.open_ok("core1", access=GENERIC_WRITE)
    st, w, _ = c.raw(S.SMB_COM_WRITE_AND_CLOSE,
                     struct.pack("<HHII12s", fid, 0, 10, 1000000000, b""),
                     b"\0")
    expect(st == 0 and struct.unpack_from("<H", w)[0] == 0,
           "WRITE_AND_CLOSE, 12 words, count 0: %s" % name_of(st))
    expect_status(c.close(fid), "SUCCESS", "a count of 0 leaves the FID open")
    _, _, utime, size = c.query_info("core1")
    expect(size == 10 and utime == 1000000000,
           "WRITE_AND_CLOSE extends to %d, time %s" % (size, utime))
    # ByteCount short of the count; then an open without write access.
    fid = c.open_ok("core1")
    st, _, _ = c.raw(S.SMB_COM_WRITE_AND_CLOSE,
                     struct.pack("<HHII", fid, 4, 0, 0), b"\0ab")
    expect_status(st, "INVALID_PARAMETER", "WRITE_AND_CLOSE short data")
    st, _, _ = c.raw(S.SMB_COM_WRITE_AND_CLOSE,
                     struct.pack("<HHII", fid, 1, 0, 0), b"\0x")
    expect_status(st, "ACCESS_DENIED", "WRITE_AND_CLOSE on a read-only open")
    got = c.read_all(fid)
    expect(got == b"\0data" + bytes(5), "data after WRITE_AND_CLOSE %r" % got)
    expect_status(c.close(fid), "SUCCESS", "CLOSE after a refused write")

    fid = c.open_ok("core1")
    expect_status(c.raw(S.SMB_COM_PROCESS_EXIT)[0], "SUCCESS",
                  "PROCESS_EXIT")
    expect_status(c.close(fid), "INVALID_HANDLE", "CLOSE after PROCESS_EXIT")
    for n in ("core1", "core2", tmp):
        expect_status(c.delete(n), "SUCCESS", "DELETE " + n)
    c.close_all()


def send_raw(c, command, words, data):
    """One command; returns the whole raw reply message."""
    return c.send(command, words, data)


def read_andx_words(fid, offset, count, andx=0xFF, andx_off=0):
    """READ_ANDX, 12-word form: MaxCountHigh in the Timeout field."""
    return struct.pack("<BBHHIHHIHI", andx, 0, andx_off, fid,
                       offset & 0xFFFFFFFF, count & 0xFFFF, 0, count >> 16,
                       0, offset >> 32)


def read_andx_data(raw, block=32):
    """The data of a READ_ANDX reply block at @block."""
    wc = raw[block]
    expect(wc == 12, "READ_ANDX reply WordCount %d" % wc)
    dlen, doff, dhigh = struct.unpack_from("<HHH", raw, block + 1 + 10)
    n = dlen | dhigh << 16
    return raw[doff:doff + n]


def check_large(user, password, share):
    """CAP_LARGE_READX / CAP_LARGE_WRITEX (MS-SMB 2.2.4.2, 2.2.4.3): a
    300 KB write in one WRITE_ANDX, a 1 MiB read in one READ_ANDX (short
    at EOF)."""
    c = Client(user, password, share)
    caps = c.s._dialects_parameters["Capabilities"]
    expect(caps & 0x4000 and caps & 0x8000,
           "LARGE_READX/WRITEX not offered: caps 0x%08x" % caps)
    data = pattern(300000)
    fid = c.open_ok("large.bin", access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    st, n = c.write_raw(fid, 0, data)
    expect(st == 0 and n == len(data), "300 KB WRITE_ANDX: %s, count %s" %
           (name_of(st), n))
    raw = send_raw(c, smb.SMB.SMB_COM_READ_ANDX,
                   read_andx_words(fid, 0, 1 << 20), b"")
    st = struct.unpack_from("<I", raw, 5)[0]
    expect_status(st, "SUCCESS", "1 MiB READ_ANDX")
    got = read_andx_data(raw)
    expect(got == data, "1 MiB READ_ANDX gave %d bytes back, %s" %
           (len(got), "equal" if got == data else "different"))
    # A refused large write's data is still read off the wire (the server
    # takes it from the socket, not from a buffer): the next request on
    # the connection is understood.
    st, n = c.write_raw(0xFFFE, 0, data)
    expect_status(st, "INVALID_HANDLE", "300 KB WRITE_ANDX to no FID")
    expect_status(c.close(fid), "SUCCESS", "CLOSE after the refused write")
    c.close_all()


def check_chain(user, password, share):
    """READ_ANDX -> CLOSE in one message: the data sits inside the reply,
    before the CLOSE reply block."""
    c = Client(user, password, share)
    data = pattern(300000)
    fid = c.open_ok("chain.bin", access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    st, n = c.write_raw(fid, 0, data)
    expect(st == 0 and n == len(data), "write: %s" % name_of(st))
    close = struct.pack("<BHIH", 3, fid, 0, 0)
    raw = send_raw(c, smb.SMB.SMB_COM_READ_ANDX,
                   read_andx_words(fid, 1000, 2000, andx=0x04,
                                   andx_off=32 + 1 + 24 + 2), close)
    st = struct.unpack_from("<I", raw, 5)[0]
    expect_status(st, "SUCCESS", "READ_ANDX + CLOSE")
    got = read_andx_data(raw)
    expect(got == data[1000:3000], "chained read gave %d bytes" % len(got))
    expect_status(c.close(fid), "INVALID_HANDLE", "the chained CLOSE closed")
    expect_status(c.delete("chain.bin"), "SUCCESS", "DELETE chain.bin")
    c.close_all()


def check_disk_full(user, password, share):
    """Writing until the file system is full: STATUS_DISK_FULL, and what
    the replies counted as written is exactly what the file holds (a
    failed write leaves nothing half-written behind it)."""
    c = Client(user, password, share)
    fid = c.open_ok("fill.bin", access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    chunk = pattern(60000)
    done = 0
    for _ in range(1000):
        st, n = c.write_raw(fid, done, chunk)
        if st:
            break
        expect(n == len(chunk), "short count %s without an error" % n)
        done += n
    expect_status(st, "DISK_FULL", "write on a full file system")
    size = c.query_info("fill.bin")[3]
    expect(size == done, "file holds %d bytes, replies counted %d" %
           (size, done))
    got = c.read_all(fid)
    expect(got == chunk * (done // len(chunk)), "content after DISK_FULL")
    c.close(fid)
    expect_status(c.delete("fill.bin"), "SUCCESS", "DELETE fill.bin")
    c.close_all()


def check_teardown(user, password, share):
    """TREE_DISCONNECT and LOGOFF_ANDX close their opens (MS-CIFS
    3.3.5.41, 3.3.5.44): a file held without sharing is free again."""
    d = Client(user, password, share)
    for how in ("TREE_DISCONNECT", "LOGOFF_ANDX"):
        c = Client(user, password, share)
        c.open_ok("held", access=GENERIC_WRITE,
                  disposition=FILE_OVERWRITE_IF, share=0)
        expect_status(d.create("held")[0], "SHARING_VIOLATION",
                      "open of a held file")
        if how == "TREE_DISCONNECT":
            c.conn.disconnectTree(c.tid)
        else:
            c.conn.logoff()
        st, fid, _ = d.create("held")
        expect_status(st, "SUCCESS", "open after %s" % how)
        d.close(fid)
    expect_status(d.delete("held"), "SUCCESS", "DELETE held")
    d.close_all()



# NT_TRANSACT_IOCTL (MS-CIFS 2.2.7.2) and the FSCTLs it carries (MS-FSCC 2.3)
SMB_COM_NT_TRANSACT = 0xA0
NT_TRANSACT_IOCTL = 2
FSCTL_SET_SPARSE = 0x000900C4
FSCTL_GET_REPARSE_POINT = 0x000900A8
FSCTL_SRV_ENUMERATE_SNAPSHOTS = 0x00144064
ATTR_HIDDEN = 0x2
ATTR_SPARSE_FILE = 0x200


def nt_ioctl(c, fid, code, data=b"", is_fsctl=1, setup_words=4):
    """NT_TRANSACT_IOCTL by hand; returns (status, setup words)."""
    setup = struct.pack("<IHBB", code, fid, is_fsctl, 0)[:2 * setup_words]
    words_len = 2 * (19 + setup_words)
    off = 32 + 1 + words_len + 2
    pad = (4 - off % 4) % 4
    words = struct.pack("<BHIIIIIIIIBH", 0, 0, 0, len(data), 0, 0, 0,
                        off + pad, len(data), off + pad, setup_words,
                        NT_TRANSACT_IOCTL) + setup
    status, w, _ = c.raw(SMB_COM_NT_TRANSACT, words, b"\0" * pad + data)
    return status, w


def ext_attrs(c, path):
    """ExtFileAttributes of an NT_CREATE_ANDX reply (it opens nothing
    for longer than that)."""
    words = struct.pack("<BBHBHIIIQIIIIIB", 0xFF, 0, 0, 0, 0, 0, 0,
                        FILE_READ_ATTRIBUTES, 0, 0, SHARE_ALL, FILE_OPEN,
                        0, 2, 0)
    status, w, _ = c.raw(smb.SMB.SMB_COM_NT_CREATE_ANDX, words,
                         c.name(path), pad_unicode=True)
    expect(status == 0, "open %s: %s" % (path, name_of(status)))
    c.close(struct.unpack_from("<H", w, 5)[0])
    return struct.unpack_from("<I", w, 43)[0]


def check_fsctl(user, password, share):
    """FSCTL_SET_SPARSE sets and clears FILE_ATTRIBUTE_SPARSE_FILE,
    which attributes set by value keep; it needs a right to write and a
    file; every other control is refused with the status MS-SMB gives."""
    c = Client(user, password, share)
    name = "fsctl.bin"
    fid = c.open_ok(name, access=GENERIC_READ | GENERIC_WRITE,
                    disposition=FILE_OVERWRITE_IF)
    expect(not ext_attrs(c, name) & ATTR_SPARSE_FILE, "sparse from birth")
    status, w = nt_ioctl(c, fid, FSCTL_SET_SPARSE)
    expect_status(status, "SUCCESS", "SET_SPARSE, no buffer")
    expect(len(w) == 38 and w[35] == 1, "IOCTL reply: %d words" % len(w))
    expect(ext_attrs(c, name) & ATTR_SPARSE_FILE, "not sparse after SET")
    # Attributes set by value leave the bit alone.
    expect_status(c.set_info(name, ATTR_HIDDEN), "SUCCESS", "SETATTR")
    got = ext_attrs(c, name)
    expect(got & ATTR_SPARSE_FILE and got & ATTR_HIDDEN,
           "after SETATTR HIDDEN: attributes 0x%x" % got)
    status, _ = nt_ioctl(c, fid, FSCTL_SET_SPARSE, b"\0")
    expect_status(status, "SUCCESS", "SET_SPARSE FALSE")
    got = ext_attrs(c, name)
    expect(not got & ATTR_SPARSE_FILE and got & ATTR_HIDDEN,
           "after SET_SPARSE FALSE: attributes 0x%x" % got)

    status, _ = nt_ioctl(c, fid, FSCTL_GET_REPARSE_POINT)
    expect_status(status, "INVALID_DEVICE_REQUEST", "FSCTL_GET_REPARSE_POINT")
    status, _ = nt_ioctl(c, fid, FSCTL_SRV_ENUMERATE_SNAPSHOTS)
    expect_status(status, "NOT_SUPPORTED", "FSCTL_SRV_ENUMERATE_SNAPSHOTS")
    status, _ = nt_ioctl(c, fid, FSCTL_SET_SPARSE, is_fsctl=0)
    expect_status(status, "NOT_SUPPORTED", "a device IOCTL")
    status, _ = nt_ioctl(c, fid, FSCTL_SET_SPARSE, setup_words=3)
    expect_status(status, "INVALID_PARAMETER", "3 setup words")
    status, _ = nt_ioctl(c, fid + 1, FSCTL_SET_SPARSE)
    expect_status(status, "INVALID_HANDLE", "SET_SPARSE on a bad FID")
    c.close(fid)

    fid = c.open_ok(name, access=FILE_READ_DATA)
    status, _ = nt_ioctl(c, fid, FSCTL_SET_SPARSE)
    expect_status(status, "ACCESS_DENIED", "SET_SPARSE, read-only open")
    c.close(fid)
    c.mkdir("fsctl.dir")
    fid = c.open_ok("fsctl.dir", access=GENERIC_READ | GENERIC_WRITE,
                    options=FILE_DIRECTORY_FILE)
    status, _ = nt_ioctl(c, fid, FSCTL_SET_SPARSE)
    expect_status(status, "INVALID_PARAMETER", "SET_SPARSE on a directory")
    c.close(fid)
    c.rmdir("fsctl.dir")
    expect_status(c.delete(name), "SUCCESS", "delete")
    c.close_all()

CHECKS = {
    "teardown": check_teardown,
    "disk_full": check_disk_full,
    "large": check_large,
    "chain": check_chain,
    "core": check_core,
    "roundtrip": check_roundtrip,
    "getfile": check_getfile,
    "write_offsets": check_write_offsets,
    "mkdir_rmdir": check_mkdir_rmdir,
    "rename": check_rename,
    "delete": check_delete,
    "share_modes": check_share_modes,
    "dispositions": check_create_dispositions,
    "info": check_info,
    "escapes": check_escapes,
    "denied": check_denied,
    "read_only": check_read_only,
    "fsctl": check_fsctl,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        print("usage: filetest.py {%s} ARGS..." % ",".join(sorted(CHECKS)))
        return 2
    try:
        CHECKS[sys.argv[1]](*sys.argv[2:])
    except CheckFailed as e:
        print("FAILED: %s" % e)
        return 1
    except (smb.SessionError, SessionError, nmb.NetBIOSError,
            socket.error) as e:
        code = None
        for getter in ("getErrorCode", "get_error_code"):
            f = getattr(e, getter, None)
            if f:
                code = f() & 0xFFFFFFFF
        print("FAILED: %s (%s)" % (e, name_of(code) if code is not None
                                   else "no status"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
