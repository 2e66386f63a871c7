#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Session, tree-connect and signing checks for the guest suites
40-session.sh and 45-tree.sh, with impacket (an SMB1 client nobody here
wrote) and, for what no client sends, smbraw.

    sesstest.py CHECK [ARGS...]      exit 0 if the check passed

The server is KCIFSD_HOST:KCIFSD_TCP_PORT (smbraw's defaults). The
command line, and failing, are checklib's.
"""

import hashlib
import os
import struct
import subprocess
import sys
import time

from impacket import smb
from impacket.smbconnection import SMBConnection

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checklib  # noqa: E402
import smbraw  # noqa: E402
from checklib import CheckFailed, expect, expect_status  # noqa: E402

HOST = smbraw.HOST
PORT = smbraw.TCP_PORT


class NonExtendedSMB(smb.SMB):
    """impacket's raw client without extended security: a plain NT LM
    0.12 SESSION_SETUP with the 8-byte challenge (login_standard)."""

    def neg_session(self, extended_security=True, negPacket=None):
        return super().neg_session(extended_security=False,
                                   negPacket=negPacket)


def connect(extended=True):
    cls = smb.SMB if extended else NonExtendedSMB
    return cls("*SMBSERVER", HOST, sess_port=PORT, timeout=10)


def expect_closed(s, when):
    """The server has closed s's connection: an ECHO gets no answer."""
    try:
        s.echo("closed?")
    except Exception:  # noqa: BLE001
        s.close_session()
        return
    raise CheckFailed("connection still open " + when)


def unc(share):
    return "\\\\%s\\%s" % (HOST, share)


def tree_disconnect(s, tid):
    """TREE_DISCONNECT that, unlike impacket's, checks the reply."""
    pkt = smb.NewSMBPacket()
    pkt["Tid"] = tid
    pkt.addCommand(smb.SMBCommand(smb.SMB.SMB_COM_TREE_DISCONNECT))
    s.sendSMB(pkt)
    s.recvSMB().isValidAnswer(smb.SMB.SMB_COM_TREE_DISCONNECT)


def reply_signed_with(s, pkt, seq):
    """Is the reply pkt signed with sequence number seq (MS-CIFS 3.1.4.1)?"""
    sig = pkt["SecurityFeatures"]
    pkt["SecurityFeatures"] = struct.pack("<q", seq)
    m = hashlib.md5()
    m.update(s._SigningSessionKey)
    m.update(s._SigningChallengeResponse)
    m.update(pkt.getData())
    pkt["SecurityFeatures"] = sig
    return m.digest()[:8] == sig


# ---- checks ----

def check_login(user, password, share, *flags):
    """Log on (extended security, NTLMv2 in SPNEGO unless 'nonext') and
    connect SHARE; 'guest' wants a guest session."""
    s = connect(extended="nonext" not in flags)
    s.login(user, password)
    if "guest" in flags:
        expect(s.isGuestSession(), "not a guest session")
    else:
        expect(not s.isGuestSession(), "a guest session")
    tid = s.tree_connect_andx(unc(share))
    expect(tid is not None, "no TID")
    tree_disconnect(s, tid)
    s.logoff()
    s.close_session()


def check_login_fails(user, password, want, *flags):
    """The logon fails with WANT (a STATUS_* name)."""
    s = connect(extended="nonext" not in flags)
    expect_status(lambda: s.login(user, password), checklib.STATUS[want],
                  "logon")
    s.close_session()


def check_connection(user, password, share):
    """impacket's high-level SMBConnection forced to SMB1."""
    c = SMBConnection(HOST, HOST, sess_port=PORT,
                      preferredDialect=smb.SMB_DIALECT)
    expect(c.getDialect() == smb.SMB_DIALECT, "dialect %r" % c.getDialect())
    c.login(user, password)
    tid = c.connectTree(share)
    c.disconnectTree(tid)
    c.logoff()
    c.close()


def check_tree_fails(user, password, share, want, service=smb.SERVICE_ANY):
    """Tree connect to SHARE fails with WANT."""
    s = connect()
    s.login(user, password)
    expect_status(lambda: s.tree_connect_andx(unc(share), service=service),
                  checklib.STATUS[want],
                  "tree connect to %s (%s)" % (share, service))
    s.logoff()
    s.close_session()


def check_signing_required_advertised():
    """NEGOTIATE says SECURITY_SIGNATURES_REQUIRED; impacket then signs."""
    s = connect()
    expect(s.is_signing_required(), "SecurityMode does not require signing")
    s.close_session()


def check_signed_session(user, password, share):
    """With signing on, a session works for many requests (each reply's
    signature is checked by impacket), ECHO with several replies too, and a
    request with a bad signature gets ACCESS_DENIED and the connection
    closes."""
    s = connect()
    # Ask for signing even when the server only offers it; impacket then
    # turns it on only if the server requires it, so do it as it would.
    s._SignatureRequired = True
    s.login(user, password)
    if not s._SignatureEnabled:
        s._SignSequenceNumber = 2
        s._SignatureEnabled = True
    tid = s.tree_connect_andx(unc(share))
    for _ in range(5):
        s.echo("ping")
    # Every reply to one ECHO is signed with the request's number + 1.
    pkt = smb.NewSMBPacket()
    echo = smb.SMBCommand(smb.SMB.SMB_COM_ECHO)
    echo["Parameters"] = smb.SMBEcho_Parameters()
    echo["Data"] = smb.SMBEcho_Data()
    echo["Parameters"]["EchoCount"] = 3
    echo["Data"]["Data"] = "three"
    pkt.addCommand(echo)
    s.sendSMB(pkt)
    seq = s._SignSequenceNumber - 1
    for i in range(3):
        r = s.recvSMB()
        expect(r["Flags2"] & smb.SMB.FLAGS2_SMB_SECURITY_SIGNATURE,
               "ECHO reply %d: signature flag clear" % i)
        expect(reply_signed_with(s, r, seq),
               "ECHO reply %d not signed with %d" % (i, seq))
    tree_disconnect(s, tid)
    # A wrong key makes every later signature wrong.
    s._SigningSessionKey = b"\x11" * 16
    expect_status(lambda: s.echo("bad"), 0xC0000022, "ECHO badly signed")
    expect_closed(s, "after a bad signature")


def check_unsigned_refused(user, password, share):
    """Server signing required, a client that does not sign: its logon
    turns signing on all the same, its next (unsigned) request gets
    STATUS_ACCESS_DENIED and the connection closes."""
    s = connect()
    expect(s.is_signing_required(), "signing is not required")
    s._SignatureRequired = False
    s._dialects_parameters["SecurityMode"] &= ~smb.SMB.SECURITY_SIGNATURES_REQUIRED
    s.login(user, password)
    expect(not s._SignatureEnabled, "impacket signs")
    expect_status(lambda: s.tree_connect_andx(unc(share)), 0xC0000022,
                  "unsigned tree connect")
    expect_closed(s, "after an unsigned request")


def check_andx_null_ipc():
    """An AndX chain of a null-session SESSION_SETUP_ANDX and a
    TREE_CONNECT_ANDX to IPC$ (non-extended): one reply with both blocks,
    the new UID and TID in its header; then LOGOFF_ANDX chained with a
    new SESSION_SETUP_ANDX gives a new UID."""
    with smbraw.Connection(port=PORT) as c:
        c.negotiate(flags2=smbraw.DEFAULT_FLAGS2)
        path = ("\\\\%s\\IPC$" % HOST).encode("utf-16le") + b"\0\0"
        # SESSION_SETUP words: MaxBuffer 16644, MaxMpx 50, VC 1, key 0,
        # both password lengths 0, reserved, caps (Unicode, NT status).
        ss_words = struct.pack("<HHHIHHII", 16644, 50, 1, 0, 0, 0, 0,
                               0x44)
        ss_data = b"\0" + b"\0\0" * 4    # pad + 4 empty Unicode strings
        ss_at = 32
        tc_at = ss_at + 1 + 4 + len(ss_words) + 2 + len(ss_data)
        # the password byte, then the pad that aligns the path
        tc_data = b"\0"
        pad = b"\0" if (tc_at + 1 + 8 + 2 + 1) % 2 else b""
        tc_data += pad + path + b"?????\0"
        msg = (smbraw.header(smbraw.SMB_COM_SESSION_SETUP_ANDX) +
               smbraw.block(smbraw.andx(smbraw.SMB_COM_TREE_CONNECT_ANDX,
                                        tc_at) + ss_words, ss_data) +
               smbraw.block(smbraw.andx() + struct.pack("<HH", 0, 1),
                            tc_data))
        r = c.request(msg)
        expect(r.status == 0, "status 0x%08x" % r.status)
        expect(r.uid != 0, "no UID")
        expect(r.tid != 0xFFFF, "no TID")
        blocks = r.blocks()
        expect(len(blocks) == 2, "%d reply blocks" % len(blocks))

        # LOGOFF_ANDX and a new null session in one message: a new UID.
        ss_at = 32 + 1 + 4 + 2
        msg = (smbraw.header(smbraw.SMB_COM_LOGOFF_ANDX, uid=r.uid) +
               smbraw.block(smbraw.andx(smbraw.SMB_COM_SESSION_SETUP_ANDX,
                                        ss_at)) +
               smbraw.block(smbraw.andx() + ss_words,
                            b"\0" * (1 - ss_at % 2) + b"\0\0" * 4))
        r2 = c.request(msg)
        expect(r2.status == 0, "LOGOFF + SESSION_SETUP: 0x%08x" % r2.status)
        expect(r2.uid not in (0, r.uid), "UID %d after %d" % (r2.uid, r.uid))
        expect(len(r2.blocks()) == 2, "%d reply blocks" % len(r2.blocks()))


def check_helper_gone(user, password, share, kill_cmd, start_cmd):
    """Kill the helper: the open session keeps working (ECHO, a second tree
    connect to IPC$, which needs no helper, TREE_DISCONNECT), a new logon
    fails with LOGON_FAILURE; start it again: logons work."""
    s = connect()
    s.login(user, password)
    tid = s.tree_connect_andx(unc(share))
    subprocess.run(kill_cmd, shell=True, check=True)
    time.sleep(0.5)
    s.echo("still here")
    ipc = s.tree_connect_andx(unc("IPC$"))
    tree_disconnect(s, ipc)
    tree_disconnect(s, tid)
    expect_status(lambda: s.tree_connect_andx(unc(share)), 0xC00000CC,
                  "tree connect of a share without the helper")
    n = connect()
    expect_status(lambda: n.login(user, password), 0xC000006D,
                  "new logon without the helper")
    n.close_session()
    subprocess.run(start_cmd, shell=True, check=True)
    n = connect()
    n.login(user, password)
    n.tree_connect_andx(unc(share))
    n.close_session()
    s.echo("and still")
    s.logoff()
    s.close_session()


def check_reauth(user, password, other, other_password, share):
    """A second logon under an established UID re-authenticates it (same
    UID, its tree connects stay); as another account it is refused and
    the session stays as it was."""
    s = connect()
    s.login(user, password)
    uid = s.get_uid()
    tid = s.tree_connect_andx(unc(share))
    s.login(user, password)
    expect(s.get_uid() == uid, "UID %d after re-authentication, was %d" %
           (s.get_uid(), uid))
    expect_status(lambda: s.login(other, other_password), 0xC000006D,
                  "re-authentication as another account")
    s.set_uid(uid)
    tree_disconnect(s, tid)
    s.logoff()
    s.close_session()


def check_failure_delay(user, password):
    """A wrong password and an unknown account are answered after the
    same fixed delay (at least a second, within 0.5 s of each other).
    Each is tried twice and its quicker time compared: a stall of this
    client only adds time."""
    times = []
    for name in (user, "no-such-user-%d" % os.getpid()):
        best = None
        for _ in range(2):
            s = connect()
            t0 = time.monotonic()
            expect_status(lambda: s.login(name, password + "-wrong"),
                          0xC000006D, "logon as %s" % name)
            t = time.monotonic() - t0
            best = t if best is None else min(best, t)
            s.close_session()
        times.append(best)
    expect(min(times) >= 0.95, "too quick: %r" % times)
    expect(abs(times[0] - times[1]) < 0.5, "differ: %r" % times)


def check_ids(user, password, share):
    """TREE_DISCONNECT frees the TID (then STATUS_SMB_BAD_TID), LOGOFF the
    UID and its trees (then STATUS_SMB_BAD_UID)."""
    s = connect()
    s.login(user, password)
    tid = s.tree_connect_andx(unc(share))
    tid2 = s.tree_connect_andx(unc(share))
    expect(tid != tid2, "same TID twice")
    tree_disconnect(s, tid)
    expect_status(lambda: tree_disconnect(s, tid), 0x00050002,
                  "second TREE_DISCONNECT")
    uid = s.get_uid()
    s.logoff()
    s.set_uid(uid)
    expect_status(lambda: tree_disconnect(s, tid2), 0x005B0002,
                  "TREE_DISCONNECT after LOGOFF")
    s.close_session()


def tree_connect_raw(s, share, flags, tid=0):
    """A TREE_CONNECT_ANDX with FLAGS and header TID; returns (tid, words,
    data) of the reply."""
    flags2 = s.get_flags()[1]
    pkt = smb.NewSMBPacket()
    pkt["Tid"] = tid
    tc = smb.SMBCommand(smb.SMB.SMB_COM_TREE_CONNECT_ANDX)
    tc["Parameters"] = smb.SMBTreeConnectAndX_Parameters()
    tc["Data"] = smb.SMBTreeConnectAndX_Data(flags=flags2)
    tc["Parameters"]["PasswordLength"] = 1
    tc["Parameters"]["Flags"] = flags
    tc["Data"]["Password"] = "\0"
    path = unc(share)
    if flags2 & smb.SMB.FLAGS2_UNICODE:
        tc["Data"]["Path"] = path.encode("utf-16le")
        tc["Data"]["Pad"] = 0
    else:
        tc["Data"]["Path"] = path
    tc["Data"]["Service"] = smb.SERVICE_ANY
    pkt.addCommand(tc)
    s.sendSMB(pkt)
    r = s.recvSMB()
    r.isValidAnswer(smb.SMB.SMB_COM_TREE_CONNECT_ANDX)
    cmd = smb.SMBCommand(r["Data"][0])
    return r["Tid"], cmd["Parameters"], cmd["Data"]


def check_extended_response(user, password, rw_share, ro_share):
    """TREE_CONNECT_ANDX_EXTENDED_RESPONSE: WordCount 7 with the maximal
    access (full on a read-write share, read/execute on a read-only one),
    Service "A:" and a NativeFileSystem; without it WordCount 3."""
    s = connect()
    s.login(user, password)
    for share, want in ((rw_share, 0x001F01FF), (ro_share, 0x001200A9)):
        tid, words, data = tree_connect_raw(s, share, 0x0008)
        expect(len(words) == 14, "%s: %d parameter bytes" % (share,
                                                             len(words)))
        support, maximal, guest = struct.unpack("<HII", words[4:14])
        expect(support & 0x0001, "%s: no SEARCH_BITS" % share)
        expect(maximal == want, "%s: maximal access 0x%08x" % (share,
                                                                maximal))
        expect(data.startswith(b"A:\0"), "%s: service %r" % (share, data))
        tree_disconnect(s, tid)
    tid, words, data = tree_connect_raw(s, "IPC$", 0)
    expect(len(words) == 6, "IPC$: %d parameter bytes" % len(words))
    expect(data.startswith(b"IPC\0"), "IPC$: service %r" % data)
    tree_disconnect(s, tid)
    s.logoff()
    s.close_session()


def check_disconnect_tid_flag(user, password, share):
    """TREE_CONNECT_ANDX_DISCONNECT_TID drops the header TID's tree."""
    s = connect()
    s.login(user, password)
    old = s.tree_connect_andx(unc(share))
    new, _, _ = tree_connect_raw(s, share, 0x0001, tid=old)
    expect(new != old, "same TID")
    expect_status(lambda: tree_disconnect(s, old), 0x00050002,
                  "old TID after DISCONNECT_TID")
    tree_disconnect(s, new)
    s.close_session()


if __name__ == "__main__":
    sys.exit(checklib.run(globals()))
