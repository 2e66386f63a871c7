#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the impacket-based check scripts of the guest suites share
(sesstest.py; any SCRIPT.py built the same way): a failed check, the
NTSTATUS an impacket exception carries, and the command line

    SCRIPT.py CHECK [ARGS...]      exit 0 if the check passed

where CHECK names a function check_CHECK (underscores as dashes) of the
script. A check raises CheckFailed (or lets an impacket error through)
to fail; what went wrong is printed before the non-zero exit.
"""

import socket
import sys

from impacket import nmb, smb
from impacket.smbconnection import SessionError

# The statuses checks name (MS-ERREF 2.3; DOS-form codes of MS-CIFS).
STATUS = {
    "STATUS_LOGON_FAILURE": 0xC000006D,
    "STATUS_ACCESS_DENIED": 0xC0000022,
    "STATUS_BAD_NETWORK_NAME": 0xC00000CC,
    "STATUS_BAD_DEVICE_TYPE": 0xC00000CB,
    "STATUS_SMB_BAD_UID": 0x005B0002,
    "STATUS_SMB_BAD_TID": 0x00050002,
    "STATUS_MORE_PROCESSING_REQUIRED": 0xC0000016,
    "STATUS_INVALID_PARAMETER": 0xC000000D,
    "STATUS_INVALID_SMB": 0x00010002,
}
STATUS_NAMES = {v: k for k, v in STATUS.items()}


class CheckFailed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise CheckFailed(what)


def status_of(exc):
    """The NTSTATUS an impacket exception carries, or None. A reply in
    the SMBSTATUS form (Flags2 NT_STATUS clear, as the server sends the
    SMB-specific STATUS_SMB_* errors) gives the 32-bit value MS-CIFS
    2.2.2.4 lists for it: ErrorCode << 16 | ErrorClass."""
    if getattr(exc, "nt_status", None) == 0 and \
            hasattr(exc, "get_error_class"):
        return (exc.get_error_code() << 16 | exc.get_error_class()) \
            & 0xFFFFFFFF
    for getter in ("getErrorCode", "get_error_code"):
        f = getattr(exc, getter, None)
        if f:
            try:
                return f() & 0xFFFFFFFF
            except Exception:  # noqa: BLE001
                pass
    return None


def status_name(code):
    if code is None:
        return "no status"
    return STATUS_NAMES.get(code, "0x%08x" % code)


def expect_status(fn, want, what):
    """Run fn(); it must fail with the NTSTATUS want (a number)."""
    try:
        fn()
    except (smb.SessionError, SessionError) as e:
        got = status_of(e)
        expect(got == want, "%s: %s, expected %s" %
               (what, status_name(got), status_name(want)))
        return
    raise CheckFailed("%s: succeeded, expected %s" %
                      (what, status_name(want)))


def run(namespace, argv=None):
    """Run the check argv[1] among namespace's check_* functions."""
    argv = sys.argv if argv is None else argv
    checks = {name[len("check_"):].replace("_", "-"): fn
              for name, fn in namespace.items()
              if name.startswith("check_")}
    if len(argv) < 2 or argv[1] not in checks:
        print("usage: %s {%s} ARGS..." % (argv[0], ",".join(sorted(checks))))
        return 2
    try:
        checks[argv[1]](*argv[2:])
    except CheckFailed as e:
        print("FAILED: %s" % e)
        return 1
    except (smb.SessionError, SessionError, nmb.NetBIOSError,
            socket.error) as e:
        # impacket's str() fails for codes it has no message for.
        print("FAILED: %s (%s)" % (type(e).__name__,
                                   status_name(status_of(e))))
        return 1
    return 0
