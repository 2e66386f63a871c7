#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""SMB1 wire-layer checks of kcifsd (NEGOTIATE, ECHO, NT_CANCEL, malformed
messages, AndX chains), run by tests/vm/suites/20-smb1-wire.sh.

    smb1_wire.py CHECK

Each CHECK exits 0 on success, 1 with a reason on stderr otherwise. Every
wait has a timeout (smbraw), so a server bug is a failure, never a hang.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smbraw  # noqa: E402
from smbraw import Connection, SmbError  # noqa: E402


def expect(cond, why):
    if not cond:
        raise SmbError(why)


def expect_status(reply, status, what):
    expect(reply.status == status,
           "%s: status 0x%08x, expected 0x%08x"
           % (what, reply.status, status))


def expect_error_response(reply, command, status, what):
    """MS-CIFS 3.3.4.1.2: the request's command, the status, WordCount 0
    and ByteCount 0, REPLY set, MID echoed."""
    expect_status(reply, status, what)
    expect(reply.command == command,
           "%s: command 0x%02x in the reply" % (what, reply.command))
    expect(reply.is_error_response,
           "%s: WordCount %d ByteCount %d" % (what, reply.wc, reply.bc))
    expect(reply.flags & smbraw.SMB_FLAGS_REPLY, "%s: REPLY clear" % what)


def negotiated(netbios=False, flags2=smbraw.DEFAULT_FLAGS2):
    c = Connection(netbios=netbios)
    r = c.negotiate(flags2=flags2)
    expect_status(r, smbraw.STATUS_SUCCESS, "NEGOTIATE")
    return c


def still_serving(c, data=b"still here"):
    """The connection answers an ECHO normally (and nothing else is queued
    before the ECHO reply)."""
    r = c.echo(data, mid=4242)[0]
    expect_status(r, smbraw.STATUS_SUCCESS, "ECHO")
    expect(r.command == smbraw.SMB_COM_ECHO and r.mid == 4242,
           "ECHO answered by %r" % r)
    expect(r.data == data, "ECHO data %r" % r.data)


# ---- checks ----

def check_negotiate445():
    """Non-extended NT LM 0.12 response (MS-CIFS 2.2.4.52.2)."""
    with Connection() as c:
        r = c.negotiate(flags2=smbraw.DEFAULT_FLAGS2)
        expect_status(r, smbraw.STATUS_SUCCESS, "NEGOTIATE")
        expect(r.wc == 17, "WordCount %d" % r.wc)
        expect(r.dialect_index == smbraw.WINDOWS_DIALECTS.index(
            smbraw.NT_LM_012), "DialectIndex %d" % r.dialect_index)
        # USER and ENCRYPT_PASSWORDS always; the signing bits follow the
        # server's signing policy, REQUIRED never without ENABLED.
        sm = r.security_mode
        expect(sm & 0x03 == 0x03 and not sm & ~0x0F and
               (not sm & 0x08 or sm & 0x04), "SecurityMode 0x%x" % sm)
        # CAP_UNIX: the unix_extensions module parameter, on by default.
        need = (smbraw.CAP_UNICODE | smbraw.CAP_NT_SMBS |
                smbraw.CAP_STATUS32 | smbraw.CAP_LARGE_FILES |
                smbraw.CAP_NT_FIND | smbraw.CAP_UNIX)
        never = (smbraw.CAP_RAW_MODE | smbraw.CAP_MPX_MODE |
                 smbraw.CAP_EXTENDED_SECURITY | smbraw.CAP_DFS)
        expect(r.capabilities & need == need and not r.capabilities & never,
               "Capabilities 0x%08x" % r.capabilities)
        expect(r.max_buffer_size >= 1024 and r.max_buffer_size % 4 == 0,
               "MaxBufferSize %d" % r.max_buffer_size)
        expect(r.max_mpx >= 1 and r.max_vcs == 1,
               "MaxMpxCount %d MaxNumberVcs %d" % (r.max_mpx, r.max_vcs))
        expect(r.challenge_length == 8 and len(r.challenge) == 8,
               "challenge %r" % r.challenge)
        expect(r.domain == "WORKGROUP", "DomainName %r" % r.domain)
        expect(bool(r.server_name), "ServerName %r" % r.server_name)
        still_serving(c)


def check_negotiate_extended():
    """Extended-security response (MS-SMB 2.2.4.5.2.1)."""
    flags2 = smbraw.DEFAULT_FLAGS2 | smbraw.SMB_FLAGS2_EXTENDED_SECURITY
    with Connection() as c:
        r = c.negotiate(flags2=flags2)
        expect_status(r, smbraw.STATUS_SUCCESS, "NEGOTIATE")
        expect(r.wc == 17, "WordCount %d" % r.wc)
        expect(r.capabilities & smbraw.CAP_EXTENDED_SECURITY,
               "no CAP_EXTENDED_SECURITY: 0x%08x" % r.capabilities)
        expect(r.flags2 & smbraw.SMB_FLAGS2_EXTENDED_SECURITY,
               "Flags2 0x%04x" % r.flags2)
        expect(r.challenge_length == 0, "ChallengeLength %d"
               % r.challenge_length)
        expect(len(r.server_guid) == 16 and any(r.server_guid),
               "ServerGUID %r" % r.server_guid)
        blob = r.security_blob
        expect(not blob or blob[0] == 0x60, "SecurityBlob %r" % blob[:8])
        still_serving(c)


def check_no_dialect():
    """Core-form answer, DialectIndex 0xFFFF (MS-CIFS 3.3.5.42), then the
    connection is closed."""
    with Connection() as c:
        r = c.negotiate(dialects=("PC NETWORK PROGRAM 1.0", "LANMAN1.0"))
        expect(r.wc == 1 and r.dialect_index == 0xFFFF and r.bc == 0,
               "reply %r, DialectIndex %r" % (r, r.dialect_index))
        c.expect_closed()


def check_echo(netbios):
    with negotiated(netbios) as c:
        for data in (b"", b"hello", bytes(range(256)) * 16):
            r = c.echo(data, mid=9)[0]
            expect_status(r, smbraw.STATUS_SUCCESS, "ECHO")
            expect(r.wc == 1 and r.word(0) == 1, "SequenceNumber %r" % r)
            expect(r.data == data and r.mid == 9, "ECHO reply %r" % r)
            expect(r.flags & smbraw.SMB_FLAGS_REPLY, "REPLY clear")


def check_echo445():
    check_echo(False)


def check_echo139():
    check_echo(True)


def check_echo_count():
    """EchoCount N: N replies numbered 1..N; 0: none (MS-CIFS 3.3.5.33)."""
    with negotiated() as c:
        replies = c.echo(b"abc", count=3, mid=11)
        seq = [r.word(0) for r in replies]
        expect(seq == [1, 2, 3], "SequenceNumbers %r" % seq)
        expect(all(r.data == b"abc" and r.mid == 11 for r in replies),
               "replies %r" % replies)
        c.send(smbraw.echo_request(b"silent", count=0, mid=12))
        c.expect_silence(2.0)
        still_serving(c)


def check_nt_cancel():
    """NT_CANCEL is never answered, matching or not (MS-CIFS 2.2.4.65)."""
    with negotiated() as c:
        c.send(smbraw.nt_cancel_request(mid=77))
        c.send(smbraw.message(smbraw.SMB_COM_NT_CANCEL, b"\0\0", b"xx",
                              mid=78))
        c.expect_silence(2.0)
        still_serving(c)


def check_before_negotiate():
    """Anything but NEGOTIATE first closes the connection."""
    with Connection() as c:
        c.send(smbraw.echo_request(b"too early"))
        c.expect_closed()


def check_second_negotiate():
    """Refused with STATUS_INVALID_SMB, nothing else changes (2.2.4.52)."""
    with negotiated() as c:
        r = c.negotiate()
        expect_error_response(r, smbraw.SMB_COM_NEGOTIATE,
                              smbraw.STATUS_INVALID_SMB, "second NEGOTIATE")
        still_serving(c)


def check_bad_magic():
    """Not 0xFF 'SMB' (an SMB2 negotiate, garbage): closed."""
    for magic in (b"\xfeSMB", b"\xffsmb", b"GET "):
        with negotiated() as c:
            msg = magic + smbraw.echo_request(b"x")[4:]
            c.send(msg)
            c.expect_closed()


def check_short_header():
    """Shorter than a header: closed. A header without WordCount and
    ByteCount: STATUS_INVALID_SMB (MS-CIFS 3.3.5.2)."""
    with negotiated() as c:
        c.send(smbraw.echo_request(b"x")[:20])
        c.expect_closed()
    with negotiated() as c:
        r = c.request(smbraw.header(smbraw.SMB_COM_ECHO, mid=5) + b"\x01")
        expect_error_response(r, smbraw.SMB_COM_ECHO,
                              smbraw.STATUS_INVALID_SMB, "33-byte message")
        expect(r.mid == 5, "MID %d" % r.mid)
        still_serving(c)


def check_counts_past_end():
    """WordCount or ByteCount beyond the message: STATUS_INVALID_SMB."""
    with negotiated() as c:
        bad = (
            smbraw.header(smbraw.SMB_COM_ECHO) +
            smbraw.block(b"\x01\x00", b"", wc=40),
            smbraw.header(smbraw.SMB_COM_ECHO) +
            smbraw.block(b"\x01\x00", b"four", bc=100),
            smbraw.header(smbraw.SMB_COM_ECHO) + b"\x01\x01\x00\x05",
        )
        for msg in bad:
            r = c.request(msg)
            expect_error_response(r, smbraw.SMB_COM_ECHO,
                                  smbraw.STATUS_INVALID_SMB, "ECHO %r"
                                  % msg[32:])
        still_serving(c)


def check_wrong_wordcount():
    """A WordCount the command does not have: STATUS_INVALID_SMB."""
    with negotiated() as c:
        r = c.request(smbraw.message(smbraw.SMB_COM_ECHO, b"\x01\0\0\0"))
        expect_error_response(r, smbraw.SMB_COM_ECHO,
                              smbraw.STATUS_INVALID_SMB, "ECHO, 2 words")
        still_serving(c)


def check_garbage_after():
    """Bytes after a valid message are ignored (MS-CIFS 3.3.5.2)."""
    with negotiated() as c:
        r = c.request(smbraw.echo_request(b"data", mid=3) + b"\xde\xad" * 50)
        expect_status(r, smbraw.STATUS_SUCCESS, "ECHO + garbage")
        expect(r.data == b"data" and r.mid == 3, "reply %r" % r)


def check_unknown_commands():
    """Unused/reserved codes: STATUS_SMB_BAD_COMMAND; obsolete: NOT_
    IMPLEMENTED (MS-CIFS 2.2.2.1, 3.3.5.2); DOS form without NT_STATUS."""
    nt = smbraw.STATUS_SMB_BAD_COMMAND
    with negotiated() as c:
        for cmd, status in ((0x99, nt), (0x15, nt), (0x65, nt),
                            (smbraw.SMB_COM_INVALID, nt),
                            (smbraw.SMB_COM_NO_ANDX_COMMAND, nt),
                            (smbraw.SMB_COM_COPY,
                             smbraw.STATUS_NOT_IMPLEMENTED)):
            r = c.request(smbraw.message(cmd, mid=cmd))
            expect_error_response(r, cmd, status, "command 0x%02x" % cmd)
            expect(r.mid == cmd, "MID %d" % r.mid)
        flags2 = smbraw.DEFAULT_FLAGS2 & ~smbraw.SMB_FLAGS2_NT_STATUS
        r = c.request(smbraw.message(0x99, flags2=flags2))
        expect_error_response(r, 0x99, smbraw.dos_status(smbraw.ERRSRV,
                                                         0x16), "DOS form")
        expect(not r.flags2 & smbraw.SMB_FLAGS2_NT_STATUS,
               "Flags2 0x%04x" % r.flags2)
        still_serving(c)


def andx_chain(first_offset_of_second=None, second_next=0xFF,
               second_offset=0, first_next=smbraw.SMB_COM_TREE_CONNECT_ANDX):
    """SESSION_SETUP_ANDX (13 words) + TREE_CONNECT_ANDX (4 words)."""
    second_at = 32 + 1 + 26 + 2
    if first_offset_of_second is None:
        first_offset_of_second = second_at
    ss = smbraw.andx(first_next, first_offset_of_second) + b"\0" * 22
    tc = smbraw.andx(second_next, second_offset) + b"\0" * 4
    return (smbraw.header(smbraw.SMB_COM_SESSION_SETUP_ANDX) +
            smbraw.block(ss) + smbraw.block(tc, b"\0\0\0"))


def check_andx():
    """Malformed chains are refused whole with STATUS_INVALID_SMB; a well
    formed one runs up to its first failure (no SESSION_SETUP yet)."""
    tc = smbraw.SMB_COM_TREE_CONNECT_ANDX
    with negotiated() as c:
        cases = (
            ("loop", andx_chain(second_next=tc, second_offset=61)),
            ("self loop", andx_chain(32)),
            ("backward", andx_chain(0)),
            ("inside itself", andx_chain(40)),
            ("past the end", andx_chain(200)),
            ("far past the end", andx_chain(0xFFFF)),
            ("disallowed follow-on",
             andx_chain(first_next=smbraw.SMB_COM_ECHO)),
        )
        for what, msg in cases:
            r = c.request(msg)
            expect_error_response(r, smbraw.SMB_COM_SESSION_SETUP_ANDX,
                                  smbraw.STATUS_INVALID_SMB, what)
        r = c.request(andx_chain())
        expect(r.status != smbraw.STATUS_INVALID_SMB and r.status != 0,
               "well-formed chain: status 0x%08x" % r.status)
        still_serving(c)


def check_others_served():
    """A connection that gets dropped does not disturb another one."""
    with negotiated() as good:
        with negotiated(netbios=True) as bad:
            bad.send(b"\xfeSMB" + b"\0" * 60)
            bad.expect_closed()
        still_serving(good)
        with Connection() as early:
            early.send(smbraw.echo_request(b"too early"))
            early.expect_closed()
        still_serving(good)
    with negotiated(netbios=True) as c:
        still_serving(c)


CHECKS = {
    "negotiate445": check_negotiate445,
    "negotiate-extended": check_negotiate_extended,
    "no-dialect": check_no_dialect,
    "echo445": check_echo445,
    "echo139": check_echo139,
    "echo-count": check_echo_count,
    "nt-cancel": check_nt_cancel,
    "before-negotiate": check_before_negotiate,
    "second-negotiate": check_second_negotiate,
    "bad-magic": check_bad_magic,
    "short-header": check_short_header,
    "counts-past-end": check_counts_past_end,
    "wrong-wordcount": check_wrong_wordcount,
    "garbage-after": check_garbage_after,
    "unknown-commands": check_unknown_commands,
    "andx": check_andx,
    "others-served": check_others_served,
}


def main(argv):
    if len(argv) != 2 or argv[1] not in CHECKS:
        print("usage: smb1_wire.py CHECK\nchecks: " + " ".join(CHECKS),
              file=sys.stderr)
        return 2
    try:
        CHECKS[argv[1]]()
    except (SmbError, OSError, EOFError, struct.error) as e:
        print("%s: %s: %s" % (argv[1], type(e).__name__, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
