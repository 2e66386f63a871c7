# SPDX-License-Identifier: GPL-2.0-only
"""Structure-aware SMB1 messages for the fuzzer: a message is a header
and a chain of blocks, each block a list of named numeric fields (its
Words), its Bytes, and optional lies (WordCount, ByteCount, AndX command
and offset). build() lays the chain out, fills in AndX links and every
offset field that is tied to the layout, and returns the bytes; the
mutators in smbfuzz.py change fields, counts, links and bytes before or
after that.

Request layouts: MS-CIFS 2.2.4.x (and MS-SMB for the extended
SESSION_SETUP and large READ/WRITE forms).
"""

import struct

import smbraw

# SMB_COM_* codes (MS-CIFS 2.2.2.1).
CREATE_DIRECTORY = 0x00
DELETE_DIRECTORY = 0x01
OPEN = 0x02
CREATE = 0x03
CLOSE = 0x04
FLUSH = 0x05
DELETE = 0x06
RENAME = 0x07
QUERY_INFORMATION = 0x08
SET_INFORMATION = 0x09
READ = 0x0A
WRITE = 0x0B
LOCK_BYTE_RANGE = 0x0C
UNLOCK_BYTE_RANGE = 0x0D
CREATE_TEMPORARY = 0x0E
CREATE_NEW = 0x0F
CHECK_DIRECTORY = 0x10
PROCESS_EXIT = 0x11
SEEK = 0x12
LOCK_AND_READ = 0x13
WRITE_AND_UNLOCK = 0x14
READ_RAW = 0x1A
WRITE_RAW = 0x1D
SET_INFORMATION2 = 0x22
QUERY_INFORMATION2 = 0x23
LOCKING_ANDX = 0x24
TRANSACTION = 0x25
TRANSACTION_SECONDARY = 0x26
IOCTL = 0x27
ECHO = 0x2B
WRITE_AND_CLOSE = 0x2C
OPEN_ANDX = 0x2D
READ_ANDX = 0x2E
WRITE_ANDX = 0x2F
TRANSACTION2 = 0x32
TRANSACTION2_SECONDARY = 0x33
FIND_CLOSE2 = 0x34
TREE_CONNECT = 0x70
TREE_DISCONNECT = 0x71
NEGOTIATE = 0x72
SESSION_SETUP_ANDX = 0x73
LOGOFF_ANDX = 0x74
TREE_CONNECT_ANDX = 0x75
QUERY_INFORMATION_DISK = 0x80
SEARCH = 0x81
FIND = 0x82
FIND_UNIQUE = 0x83
FIND_CLOSE = 0x84
NT_TRANSACT = 0xA0
NT_TRANSACT_SECONDARY = 0xA1
NT_CREATE_ANDX = 0xA2
NT_CANCEL = 0xA4
NT_RENAME = 0xA5
OPEN_PRINT_FILE = 0xC0
WRITE_PRINT_FILE = 0xC1
CLOSE_PRINT_FILE = 0xC2
NO_ANDX = 0xFF

ANDX = frozenset((LOCKING_ANDX, OPEN_ANDX, READ_ANDX, WRITE_ANDX,
                  SESSION_SETUP_ANDX, LOGOFF_ANDX, TREE_CONNECT_ANDX,
                  NT_CREATE_ANDX))

# Every valid request code, for "a random real command".
KNOWN_COMMANDS = sorted(v for k, v in globals().items()
                        if k.isupper() and isinstance(v, int) and
                        v != NO_ANDX)

# TRANS2 subcommands (MS-CIFS 2.2.6).
TRANS2_OPEN2 = 0x00
TRANS2_FIND_FIRST2 = 0x01
TRANS2_FIND_NEXT2 = 0x02
TRANS2_QUERY_FS_INFORMATION = 0x03
TRANS2_SET_FS_INFORMATION = 0x04
TRANS2_QUERY_PATH_INFORMATION = 0x05
TRANS2_SET_PATH_INFORMATION = 0x06
TRANS2_QUERY_FILE_INFORMATION = 0x07
TRANS2_SET_FILE_INFORMATION = 0x08
TRANS2_FSCTL = 0x09
TRANS2_IOCTL2 = 0x0A
TRANS2_FIND_NOTIFY_FIRST = 0x0B
TRANS2_FIND_NOTIFY_NEXT = 0x0C
TRANS2_CREATE_DIRECTORY = 0x0D
TRANS2_SESSION_SETUP = 0x0E
TRANS2_GET_DFS_REFERRAL = 0x10
TRANS2_REPORT_DFS_INCONSISTENCY = 0x11

# NT_TRANSACT functions (MS-CIFS 2.2.7).
NT_TRANSACT_CREATE = 0x01
NT_TRANSACT_IOCTL = 0x02
NT_TRANSACT_SET_SECURITY_DESC = 0x03
NT_TRANSACT_NOTIFY_CHANGE = 0x04
NT_TRANSACT_RENAME = 0x05
NT_TRANSACT_QUERY_SECURITY_DESC = 0x06

HEADER_SIZE = 32
FMT_MAX = {"B": 0xFF, "H": 0xFFFF, "I": 0xFFFFFFFF,
           "Q": 0xFFFFFFFFFFFFFFFF}


class Block:
    """One Parameter/Data block pair.

    fields: [name, fmt, value] in Words order after the AndX block (AndX
    commands get theirs from the layout); fmt is one struct letter.
    data: the Bytes, or a function of the offset (from the header) where
    the Bytes start, for alignment pads and offsets that depend on it.
    rel: name -> (anchor, delta): the field is set at build time to
    anchor + delta, anchor "bytes" (this block's Bytes), "block" (its
    WordCount) or "end" (the message end); a mutated field is "pinned"
    and keeps its value.
    """

    def __init__(self, cmd, fields=(), data=b""):
        self.cmd = cmd
        self.fields = [list(f) for f in fields]
        self.data = data
        self.rel = {}
        self.pinned = set()
        self.wc = None
        self.bc = None
        self.andx_cmd = None
        self.andx_off = None
        self.andx_reserved = 0
        self.gap = b""          # bytes between this block and the next

    @property
    def is_andx(self):
        return self.cmd in ANDX

    def words_len(self):
        n = 4 if self.is_andx else 0
        n += sum(struct.calcsize("<" + f[1]) for f in self.fields)
        return n + (n & 1)

    def get(self, name):
        for f in self.fields:
            if f[0] == name:
                return f[2]
        raise KeyError(name)

    def set(self, name, value, pin=True):
        for f in self.fields:
            if f[0] == name:
                f[2] = value & FMT_MAX[f[1]]
                if pin:
                    self.pinned.add(name)
                return
        raise KeyError(name)

    def has(self, name):
        return any(f[0] == name for f in self.fields)

    def copy(self):
        b = Block(self.cmd, self.fields, self.data)
        b.rel = dict(self.rel)
        b.pinned = set(self.pinned)
        b.wc, b.bc = self.wc, self.bc
        b.andx_cmd, b.andx_off = self.andx_cmd, self.andx_off
        b.andx_reserved, b.gap = self.andx_reserved, self.gap
        return b


class Msg:
    """A request: header fields and a chain of blocks."""

    def __init__(self, blocks, status=0, flags=smbraw.DEFAULT_FLAGS,
                 flags2=smbraw.DEFAULT_FLAGS2, pid=0x4242, tid=0xFFFF,
                 uid=0, mid=1, signature=b"\0" * 8, command=None):
        self.blocks = list(blocks)
        self.command = command      # None: the first block's
        self.status = status
        self.flags = flags
        self.flags2 = flags2
        self.pid = pid
        self.tid = tid
        self.uid = uid
        self.mid = mid
        self.signature = signature
        self.reserved = 0
        self.protocol = smbraw.PROTOCOL
        self.trailer = b""
        self.layout = []

    @property
    def unicode(self):
        return bool(self.flags2 & smbraw.SMB_FLAGS2_UNICODE)

    def freeze(self):
        """Lay the chain out and turn data functions into bytes; returns
        [(offset, bytes_start, end)] per block."""
        off = HEADER_SIZE
        self.layout = []
        for b in self.blocks:
            bytes_start = off + 1 + b.words_len() + 2
            if callable(b.data):
                b.data = bytes(b.data(bytes_start))
            end = bytes_start + len(b.data)
            self.layout.append((off, bytes_start, end))
            off = end + len(b.gap)
        self.total = off + len(self.trailer)
        return self.layout

    def build(self):
        self.freeze()
        out = bytearray()
        hdr = struct.pack("<4sBIBHH8sHHHHH", self.protocol,
                          self.command if self.command is not None
                          else self.blocks[0].cmd,
                          self.status & 0xFFFFFFFF, self.flags & 0xFF,
                          self.flags2 & 0xFFFF, (self.pid >> 16) & 0xFFFF,
                          self.signature, self.reserved & 0xFFFF,
                          self.tid & 0xFFFF, self.pid & 0xFFFF,
                          self.uid & 0xFFFF, self.mid & 0xFFFF)
        out += hdr
        anchors_end = self.total
        for i, b in enumerate(self.blocks):
            off, bytes_start, _ = self.layout[i]
            for name, (anchor, delta) in b.rel.items():
                if name in b.pinned:
                    continue
                base = {"bytes": bytes_start, "block": off,
                        "end": anchors_end}[anchor]
                b.set(name, base + delta, pin=False)
            words = b""
            if b.is_andx:
                if i + 1 < len(self.blocks):
                    nxt_cmd = self.blocks[i + 1].cmd
                    nxt_off = self.layout[i + 1][0]
                else:
                    nxt_cmd, nxt_off = NO_ANDX, 0
                if b.andx_cmd is not None:
                    nxt_cmd = b.andx_cmd
                if b.andx_off is not None:
                    nxt_off = b.andx_off
                words += struct.pack("<BBH", nxt_cmd & 0xFF,
                                     b.andx_reserved & 0xFF,
                                     nxt_off & 0xFFFF)
            for _, fmt, value in b.fields:
                words += struct.pack("<" + fmt, value & FMT_MAX[fmt])
            if len(words) & 1:
                words += b"\0"
            wc = b.wc if b.wc is not None else len(words) // 2
            bc = b.bc if b.bc is not None else len(b.data)
            out += struct.pack("<B", wc & 0xFF) + words
            out += struct.pack("<H", bc & 0xFFFF) + b.data + b.gap
        out += self.trailer
        return bytes(out)


# ---- strings ----

class Raw(bytes):
    """String bytes to send exactly as they are: no encoding, no
    terminator added (a hostile string is already complete)."""


def smb_string(s, unicode, terminate=True):
    """An SMB_STRING body (no pad): UTF-16LE or OEM, NUL-terminated.
    @s may be Raw (sent as is), bytes (terminated) or str."""
    if isinstance(s, Raw):
        return bytes(s)
    if isinstance(s, bytes):
        raw = s
    elif unicode:
        raw = s.encode("utf-16-le", "surrogatepass")
    else:
        raw = s.encode("latin-1", "replace")
    if terminate:
        raw += b"\0\0" if unicode else b"\0"
    return raw


def pad_to(offset, align):
    return b"\0" * ((-offset) % align)


# ---- request builders (well-formed; fuzzing comes on top) ----

def negotiate(dialects):
    data = b"".join(b"\x02" + (d if isinstance(d, bytes)
                               else d.encode("latin-1")) + b"\0"
                    for d in dialects)
    return Block(NEGOTIATE, (), data)


def echo(count, data):
    return Block(ECHO, [["EchoCount", "H", count]], data)


def session_setup_nt(lm, nt, account, domain, unicode, session_key=0,
                     caps=0x000000D4, max_buffer=16644, max_mpx=50,
                     vc=1, native_os="Unix", native_lanman="smbfuzz"):
    """SESSION_SETUP_ANDX, NT LM 0.12 form (WordCount 13)."""
    fields = [["MaxBufferSize", "H", max_buffer],
              ["MaxMpxCount", "H", max_mpx],
              ["VcNumber", "H", vc],
              ["SessionKey", "I", session_key],
              ["OEMPasswordLen", "H", len(lm)],
              ["UnicodePasswordLen", "H", len(nt)],
              ["Reserved", "I", 0],
              ["Capabilities", "I", caps]]

    def data(start):
        out = lm + nt
        if unicode:
            out += pad_to(start + len(out), 2)
        for s in (account, domain, native_os, native_lanman):
            out += smb_string(s, unicode)
        return out
    return Block(SESSION_SETUP_ANDX, fields, data)


def session_setup_ext(blob, unicode, session_key=0, caps=0x800000D4,
                      max_buffer=16644, max_mpx=50, vc=1,
                      native_os="Unix", native_lanman="smbfuzz"):
    """SESSION_SETUP_ANDX, extended security (WordCount 12)."""
    fields = [["MaxBufferSize", "H", max_buffer],
              ["MaxMpxCount", "H", max_mpx],
              ["VcNumber", "H", vc],
              ["SessionKey", "I", session_key],
              ["SecurityBlobLength", "H", len(blob)],
              ["Reserved", "I", 0],
              ["Capabilities", "I", caps]]

    def data(start):
        out = blob
        if unicode:
            out += pad_to(start + len(out), 2)
        for s in (native_os, native_lanman):
            out += smb_string(s, unicode)
        return out
    return Block(SESSION_SETUP_ANDX, fields, data)


def logoff():
    return Block(LOGOFF_ANDX, (), b"")


def tree_connect(path, service="?????", unicode=True, password=b"\0",
                 flags=0x0008):
    """TREE_CONNECT_ANDX (WordCount 4)."""
    fields = [["Flags", "H", flags], ["PasswordLength", "H", len(password)]]

    def data(start):
        out = password
        if unicode:
            out += pad_to(start + len(out), 2)
        out += smb_string(path, unicode)
        out += smb_string(service, False)
        return out
    return Block(TREE_CONNECT_ANDX, fields, data)


def tree_disconnect():
    return Block(TREE_DISCONNECT, (), b"")


def nt_create(name, unicode=True, access=0x0012019F, disposition=3,
              options=0x40, share=7, attrs=0x80, flags=0,
              alloc=0, root_fid=0, impersonation=2, security=0):
    """NT_CREATE_ANDX (WordCount 24); disposition 3 = FILE_OPEN_IF."""
    raw_name = smb_string(name, unicode, terminate=False)
    fields = [["Reserved", "B", 0],
              ["NameLength", "H", len(raw_name)],
              ["Flags", "I", flags],
              ["RootDirectoryFID", "I", root_fid],
              ["DesiredAccess", "I", access],
              ["AllocationSize", "Q", alloc],
              ["ExtFileAttributes", "I", attrs],
              ["ShareAccess", "I", share],
              ["CreateDisposition", "I", disposition],
              ["CreateOptions", "I", options],
              ["ImpersonationLevel", "I", impersonation],
              ["SecurityFlags", "B", security]]

    term = b""
    if not isinstance(name, Raw):
        term = b"\0\0" if unicode else b"\0"

    def data(start):
        out = pad_to(start, 2) if unicode else b""
        return out + raw_name + term
    return Block(NT_CREATE_ANDX, fields, data)


def open_andx(name, unicode=True, mode=0x0042, open_func=0x0011):
    fields = [["Flags", "H", 0],
              ["AccessMode", "H", mode],
              ["SearchAttrs", "H", 0x16],
              ["FileAttrs", "H", 0],
              ["CreationTime", "I", 0],
              ["OpenMode", "H", open_func],
              ["AllocationSize", "I", 0],
              ["Timeout", "I", 0],
              ["Reserved", "I", 0]]

    def data(start):
        out = pad_to(start, 2) if unicode else b""
        return out + smb_string(name, unicode)
    return Block(OPEN_ANDX, fields, data)


def read_andx(fid, offset=0, count=4096, large=True, min_count=0,
              max_count_high=0, remaining=0):
    fields = [["FID", "H", fid],
              ["Offset", "I", offset & 0xFFFFFFFF],
              ["MaxCountOfBytesToReturn", "H", count & 0xFFFF],
              ["MinCountOfBytesToReturn", "H", min_count],
              ["Timeout", "I", max_count_high],
              ["Remaining", "H", remaining]]
    if large:
        fields.append(["OffsetHigh", "I", offset >> 32])
    return Block(READ_ANDX, fields, b"")


def write_andx(fid, payload, offset=0, large=True, write_mode=0,
               pad=1):
    """WRITE_ANDX; DataOffset points at @payload after @pad bytes."""
    fields = [["FID", "H", fid],
              ["Offset", "I", offset & 0xFFFFFFFF],
              ["Timeout", "I", 0],
              ["WriteMode", "H", write_mode],
              ["Remaining", "H", 0],
              ["DataLengthHigh", "H", len(payload) >> 16],
              ["DataLength", "H", len(payload) & 0xFFFF],
              ["DataOffset", "H", 0]]
    if large:
        fields.append(["OffsetHigh", "I", offset >> 32])
    b = Block(WRITE_ANDX, fields, b"\0" * pad + payload)
    b.rel["DataOffset"] = ("bytes", pad)
    return b


def close(fid, mtime=0xFFFFFFFF):
    return Block(CLOSE, [["FID", "H", fid], ["LastTimeModified", "I", mtime]])


def flush(fid):
    return Block(FLUSH, [["FID", "H", fid]])


def locking_andx(fid, lock_type=0, oplock=0, timeout=0, unlocks=(),
                 locks=(), large=True, pid=0x4242):
    fields = [["FID", "H", fid], ["TypeOfLock", "B", lock_type |
                                  (0x10 if large else 0)],
              ["NewOpLockLevel", "B", oplock], ["Timeout", "I", timeout],
              ["NumberOfRequestedUnlocks", "H", len(unlocks)],
              ["NumberOfRequestedLocks", "H", len(locks)]]
    data = b""
    for off, length in list(unlocks) + list(locks):
        if large:
            data += struct.pack("<HHIIII", pid, 0, off >> 32,
                                off & 0xFFFFFFFF, length >> 32,
                                length & 0xFFFFFFFF)
        else:
            data += struct.pack("<HII", pid, off & 0xFFFFFFFF,
                                length & 0xFFFFFFFF)
    return Block(LOCKING_ANDX, fields, data)


def core_path(cmd, path, unicode=True, words=(), second=None):
    """Core commands taking 0x04-prefixed paths (QUERY_INFORMATION,
    CHECK_DIRECTORY, DELETE, CREATE_DIRECTORY, RENAME...)."""
    def data(start):
        out = b"\x04"
        if unicode:
            out += pad_to(start + 1, 2)
        out += smb_string(path, unicode)
        if second is not None:
            out += b"\x04"
            if unicode:
                out += pad_to(start + len(out), 2)
            out += smb_string(second, unicode)
        return out
    return Block(cmd, [list(w) for w in words], data)


def find_close2(sid):
    return Block(FIND_CLOSE2, [["SearchHandle", "H", sid]])


def transaction(cmd, setup, params, data, name=None, unicode=True,
                max_param=1024, max_data=4096, max_setup=0, flags=0,
                timeout=0, total_param=None, total_data=None):
    """TRANSACTION / TRANSACTION2 primary request: @name is the pipe
    name for TRANSACTION (None: TRANS2's empty name). Parameters and
    data are 4-byte aligned from the header, as Windows sends them."""
    fields = [["TotalParameterCount", "H",
               len(params) if total_param is None else total_param],
              ["TotalDataCount", "H",
               len(data) if total_data is None else total_data],
              ["MaxParameterCount", "H", max_param],
              ["MaxDataCount", "H", max_data],
              ["MaxSetupCount", "B", max_setup],
              ["Reserved1", "B", 0],
              ["Flags", "H", flags],
              ["Timeout", "I", timeout],
              ["Reserved2", "H", 0],
              ["ParameterCount", "H", len(params)],
              ["ParameterOffset", "H", 0],
              ["DataCount", "H", len(data)],
              ["DataOffset", "H", 0],
              ["SetupCount", "B", len(setup)],
              ["Reserved3", "B", 0]]
    for i, s in enumerate(setup):
        fields.append(["Setup%d" % i, "H", s])
    b = Block(cmd, fields, None)

    def lay(start):
        if name is None:
            out = pad_to(start, 2) + b"\0\0" if unicode else b"\0"
        else:
            out = (pad_to(start, 2) if unicode else b"") + \
                smb_string(name, unicode)
        out += pad_to(start + len(out), 4)
        b.rel["ParameterOffset"] = ("bytes", len(out))
        out += params
        out += pad_to(start + len(out), 4)
        b.rel["DataOffset"] = ("bytes", len(out))
        return out + data
    b.data = lay
    return b


def transaction_secondary(cmd, params, data, total_param, total_data,
                          param_disp, data_disp, fid=None):
    """TRANSACTION_SECONDARY / TRANSACTION2_SECONDARY (FID only on the
    TRANS2 form)."""
    fields = [["TotalParameterCount", "H", total_param],
              ["TotalDataCount", "H", total_data],
              ["ParameterCount", "H", len(params)],
              ["ParameterOffset", "H", 0],
              ["ParameterDisplacement", "H", param_disp],
              ["DataCount", "H", len(data)],
              ["DataOffset", "H", 0],
              ["DataDisplacement", "H", data_disp]]
    if cmd == TRANSACTION2_SECONDARY:
        fields.append(["FID", "H", 0xFFFF if fid is None else fid])
    b = Block(cmd, fields, None)

    def lay(start):
        out = pad_to(start, 4)
        b.rel["ParameterOffset"] = ("bytes", len(out))
        out += params + pad_to(start + len(out) + len(params), 4)
        b.rel["DataOffset"] = ("bytes", len(out))
        return out + data
    b.data = lay
    return b


def nt_transact(function, setup, params, data, max_param=1024,
                max_data=4096, max_setup=0, total_param=None,
                total_data=None):
    fields = [["MaxSetupCount", "B", max_setup],
              ["Reserved1", "H", 0],
              ["TotalParameterCount", "I",
               len(params) if total_param is None else total_param],
              ["TotalDataCount", "I",
               len(data) if total_data is None else total_data],
              ["MaxParameterCount", "I", max_param],
              ["MaxDataCount", "I", max_data],
              ["ParameterCount", "I", len(params)],
              ["ParameterOffset", "I", 0],
              ["DataCount", "I", len(data)],
              ["DataOffset", "I", 0],
              ["SetupCount", "B", len(setup)],
              ["Function", "H", function]]
    for i, s in enumerate(setup):
        fields.append(["Setup%d" % i, "H", s])
    b = Block(NT_TRANSACT, fields, None)

    def lay(start):
        out = pad_to(start, 4)
        b.rel["ParameterOffset"] = ("bytes", len(out))
        out += params
        out += pad_to(start + len(out), 4)
        b.rel["DataOffset"] = ("bytes", len(out))
        return out + data
    b.data = lay
    return b


def raw_block(cmd, words, data):
    """Any command with the given raw Words and Bytes."""
    if len(words) & 1:
        words += b"\0"
    fields = [["W%d" % i, "H", struct.unpack_from("<H", words, 2 * i)[0]]
              for i in range(len(words) // 2)]
    if cmd in ANDX and fields:
        fields = fields[2:]
    return Block(cmd, fields, data)


# ---- replies ----

def normalize_reply(raw):
    """@raw as a plain SMB1 parser can read it. The extended
    NT_CREATE_ANDX response carries 50 words but says WordCount 42, as
    Windows sends it (MS-SMB 2.2.4.9.2); NT_CREATE_ANDX can only be the
    first command of a chain, so only the first block needs this."""
    if len(raw) > 32 and raw[4] == NT_CREATE_ANDX and raw[32] == 42:
        return raw[:32] + bytes((50,)) + raw[33:]
    return raw


def check_reply(raw):
    """Structural problems of a server reply (MS-CIFS 2.2.3): a list of
    strings, empty when the reply is well formed. Every block must lie
    inside the message and AndX offsets must move forward."""
    problems = []
    raw = normalize_reply(raw)
    try:
        r = smbraw.Reply(raw)
    except smbraw.SmbError as e:
        return ["unparsable: %s" % e]
    if not r.flags & smbraw.SMB_FLAGS_REPLY:
        # Oplock breaks are the only server requests (MS-CIFS 2.2.4.32).
        if r.command != LOCKING_ANDX:
            problems.append("REPLY flag clear")
    try:
        r.blocks()
    except smbraw.SmbError as e:
        problems.append("bad AndX chain: %s" % e)
    return problems
