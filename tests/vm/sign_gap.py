#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A request sent right behind a logon that turns signing on, before its
reply, is checked as a signed one: unsigned, it is refused
(STATUS_ACCESS_DENIED) and the connection closes. (The logon's upcall to
the helper takes a while; a request that ran meanwhile went unchecked.)

    sign_gap.py USER PASSWORD

The server's port is $KCIFSD_TCP_PORT (445); server signing = enabled
or required.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "fuzz"))
sys.path.insert(0, here)
import smbfuzz          # noqa: E402
import smbmsg as M      # noqa: E402
import smbraw           # noqa: E402

STATUS_ACCESS_DENIED = 0xC0000022


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    user, password = sys.argv[1:]
    port = int(os.environ.get("KCIFSD_TCP_PORT", "445"))
    ctx = smbfuzz.session(user, password, "", "signgap", port=port,
                          logon=False)
    nt, lm, _ = ctx.ntlm_responses()
    setup = ctx.msg(M.session_setup_nt(lm, nt, user, "", True,
                                       ctx.session_key, caps=smbfuzz.CAPS),
                    uid=0, flags2=ctx.sign_flags2(True))
    echo = ctx.msg(M.echo(1, b"slipped in"))
    # Both in one segment: the ECHO arrives while the logon runs.
    ctx.conn.send_raw(ctx.conn.frame(setup.build()) +
                      ctx.conn.frame(echo.build()))
    r = ctx.conn.recv_reply(30, setup.mid)
    if r is None or r.status:
        sys.exit("logon failed: %s" % ("no reply" if r is None
                                       else "0x%08x" % r.status))
    if not r.flags2 & smbraw.SMB_FLAGS2_SMB_SECURITY_SIGNATURE:
        sys.exit("the logon did not turn signing on")
    e = ctx.conn.recv_reply(30, echo.mid)
    if e is None:
        sys.exit("no reply to the ECHO")
    if e.status != STATUS_ACCESS_DENIED:
        sys.exit("unsigned ECHO behind the logon answered 0x%08x"
                 % e.status)
    try:
        ctx.conn.recv_packet(10)
    except smbfuzz.Closed:
        print("unsigned request behind the logon refused, connection closed")
        return
    except Exception as ex:       # timeout: still open
        sys.exit("connection still open after the bad signature (%s)"
                 % type(ex).__name__)
    sys.exit("more data after the bad signature")


if __name__ == "__main__":
    main()
