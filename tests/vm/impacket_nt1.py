# SPDX-License-Identifier: GPL-2.0-only
"""impacket over NT1 for the guest suites' short Python checks (a suite's
`imp_py <<'PY'` heredoc, tests/vm/lib.sh): a logged-on connection to a
tree and SMB_SET/QUERY_FILE_BASIC_INFO by FID, which impacket's own calls
do not offer with every field.
"""
import struct

from impacket import smb
from impacket.smbconnection import SMBConnection, SMB_DIALECT

GENERIC_RW = 0x12019f
OVERWRITE_IF = 2
BASIC_INFO = 0x0101             # SMB_SET/QUERY_FILE_BASIC_INFO


def connect(port, tree="share", user="alice", password="secret"):
    """(connection, TID of @tree, its SMB object) as @user on 127.0.0.1."""
    c = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=int(port),
                      preferredDialect=SMB_DIALECT)
    c.login(user, password)
    return c, c.connectTree(tree), c.getSMBServer()


def create_rw(c, tid, name):
    """Open @name for reading and writing, created or truncated."""
    return c.createFile(tid, name, desiredAccess=GENERIC_RW,
                        creationDisposition=OVERWRITE_IF)


def set_basic(s, tid, fid, create=0, access=0, write=0, change=0, attrs=0,
              check=True):
    """TRANS2_SET_FILE_INFORMATION, SMB_SET_FILE_BASIC_INFO (FILETIMEs,
    0: no change); the reply, which raises on an error status if
    @check."""
    s.send_trans2(tid, 8, "\x00", struct.pack("<HHH", fid, BASIC_INFO, 0),
                  struct.pack("<QQQQII", create, access, write, change,
                              attrs, 0))
    r = s.recvSMB()
    if check:
        r.isValidAnswer(smb.SMB.SMB_COM_TRANSACTION2)
    return r


def status(r):
    """The NTSTATUS of a reply."""
    return r["ErrorCode"] << 16 | r["_reserved"] << 8 | r["ErrorClass"]


def basic_times(s, tid, fid):
    """(CreationTime, LastAccessTime, LastWriteTime, ChangeTime)."""
    return struct.unpack_from("<QQQQ", s.query_file_info(tid, fid,
                                                         BASIC_INFO))
