# SPDX-License-Identifier: GPL-2.0-only
"""The client side of SMB1 logons for the fuzzer: NT hash, NTLMv2/LMv2
responses (MS-NLMP 3.3.2), NTLMSSP NEGOTIATE/AUTHENTICATE messages
(MS-NLMP 2.2.1) with optional key exchange and MIC, and the SPNEGO
(RFC 4178) DER wrapping that Windows and Samba put around them.
Standard library only; MD4 from md4.py when hashlib has none.

Each builder takes explicit values (challenges, timestamps, session keys)
so a fuzz case built from a seed is reproducible. `python3 smbauth.py`
checks the MS-NLMP 4.2.4 vectors.
"""

import hashlib
import hmac
import struct

try:
    hashlib.new("md4", b"")

    def _md4(data):
        return hashlib.new("md4", data).digest()
except ValueError:
    from md4 import md4 as _md4

NTLMSSP_SIGNATURE = b"NTLMSSP\0"

# NegotiateFlags (MS-NLMP 2.2.2.5).
NEGOTIATE_UNICODE = 0x00000001
NEGOTIATE_OEM = 0x00000002
REQUEST_TARGET = 0x00000004
NEGOTIATE_SIGN = 0x00000010
NEGOTIATE_SEAL = 0x00000020
NEGOTIATE_LM_KEY = 0x00000080
NEGOTIATE_NTLM = 0x00000200
NEGOTIATE_ANONYMOUS = 0x00000800
NEGOTIATE_ALWAYS_SIGN = 0x00008000
NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000
NEGOTIATE_TARGET_INFO = 0x00800000
NEGOTIATE_VERSION = 0x02000000
NEGOTIATE_128 = 0x20000000
NEGOTIATE_KEY_EXCH = 0x40000000
NEGOTIATE_56 = 0x80000000

CLIENT_FLAGS = (NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_NTLM |
                NEGOTIATE_ALWAYS_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY |
                NEGOTIATE_TARGET_INFO | NEGOTIATE_VERSION | NEGOTIATE_128 |
                NEGOTIATE_56)

# AV_PAIR ids (MS-NLMP 2.2.2.1).
AV_EOL = 0
AV_NB_COMPUTER = 1
AV_NB_DOMAIN = 2
AV_FLAGS = 6
AV_TIMESTAMP = 7

SPNEGO_OID = bytes.fromhex("2b0601050502")
NTLMSSP_OID = bytes.fromhex("2b06010401823702020a")
CLIENT_VERSION = bytes((10, 0, 0x61, 0x4a, 0, 0, 0, 0x0f))


def utf16(s):
    return s.encode("utf-16-le")


def nt_hash(password):
    """NTOWFv1: MD4 of the UTF-16LE password."""
    return _md4(utf16(password))


def hmac_md5(key, *parts):
    return hmac.new(key, b"".join(parts), hashlib.md5).digest()


def ntowfv2(nthash, user, domain):
    """NTOWFv2 (MS-NLMP 3.3.2): upper-case user, domain as given."""
    return hmac_md5(nthash, utf16(user.upper() + domain))


def ntlmv2_blob(timestamp, client_challenge, av_pairs):
    """The NTLMv2 'temp' (MS-NLMP 2.2.2.7 and 3.3.2)."""
    return (b"\x01\x01" + b"\0" * 6 + struct.pack("<Q", timestamp) +
            client_challenge + b"\0" * 4 + av_pairs + b"\0" * 4)


def ntlmv2_responses(nthash, user, domain, server_challenge,
                     client_challenge, timestamp, av_pairs):
    """(NT response, LM response, SessionBaseKey) of NTLMv2/LMv2."""
    key = ntowfv2(nthash, user, domain)
    temp = ntlmv2_blob(timestamp, client_challenge, av_pairs)
    proof = hmac_md5(key, server_challenge, temp)
    lm = hmac_md5(key, server_challenge, client_challenge) + client_challenge
    return proof + temp, lm, hmac_md5(key, proof)


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def av_pair(av_id, value):
    return struct.pack("<HH", av_id, len(value)) + value


def av_list(pairs):
    """AV pairs, MsvAvEOL appended."""
    return b"".join(av_pair(i, v) for i, v in pairs) + av_pair(AV_EOL, b"")


def av_parse(buf):
    """[(id, value)] up to MsvAvEOL; stops quietly at a short tail."""
    out, off = [], 0
    while off + 4 <= len(buf):
        av_id, n = struct.unpack_from("<HH", buf, off)
        off += 4
        if av_id == AV_EOL:
            break
        out.append((av_id, buf[off:off + n]))
        off += n
    return out


# ---- NTLMSSP messages ----

def ntlmssp_negotiate(flags=CLIENT_FLAGS, domain=b"", workstation=b""):
    """NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1) with Version."""
    off = 40
    fields = b""
    payload = b""
    for value in (domain, workstation):
        fields += struct.pack("<HHI", len(value), len(value),
                              off + len(payload))
        payload += value
    return (NTLMSSP_SIGNATURE + struct.pack("<II", 1, flags) + fields +
            CLIENT_VERSION + payload)


class Challenge:
    """A parsed CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2)."""

    def __init__(self, msg):
        if len(msg) < 48 or msg[:8] != NTLMSSP_SIGNATURE:
            raise ValueError("not an NTLMSSP CHALLENGE")
        (self.type,) = struct.unpack_from("<I", msg, 8)
        if self.type != 2:
            raise ValueError("NTLMSSP message type %d" % self.type)
        self.raw = msg
        (self.flags,) = struct.unpack_from("<I", msg, 20)
        self.server_challenge = msg[24:32]
        n, _, off = struct.unpack_from("<HHI", msg, 40)
        self.target_info = msg[off:off + n]
        self.av = av_parse(self.target_info)


def ntlmssp_authenticate(chal, negotiate_msg, user, domain, nthash,
                         client_challenge, timestamp=None,
                         workstation="FUZZER", flags=None,
                         exported_key=None, with_mic=False):
    """AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3) answering @chal with NTLMv2.

    With @exported_key (16 bytes) and KEY_EXCH agreed, the key is sent
    RC4-encrypted; with @with_mic, MsvAvFlags announces a MIC, computed
    over @negotiate_msg, the challenge and this message. Returns
    (message, exported session key).
    """
    if flags is None:
        flags = chal.flags & (CLIENT_FLAGS | NEGOTIATE_KEY_EXCH |
                              NEGOTIATE_SIGN)
    av = [(i, v) for i, v in chal.av if i not in (AV_FLAGS,)]
    if timestamp is None:
        ts = [v for i, v in av if i == AV_TIMESTAMP]
        timestamp = struct.unpack("<Q", ts[0])[0] if ts else 0
    if with_mic:
        av.append((AV_FLAGS, struct.pack("<I", 2)))
    nt, lm, base_key = ntlmv2_responses(nthash, user, domain,
                                        chal.server_challenge,
                                        client_challenge, timestamp,
                                        av_list(av))
    if with_mic:
        lm = b"\0" * 24     # MS-NLMP 3.1.5.1.2: LM zeroed with a MIC
    enc_key = b""
    session_key = base_key
    if exported_key is not None and flags & NEGOTIATE_KEY_EXCH:
        enc_key = rc4(base_key, exported_key)
        session_key = exported_key
    unicode = flags & NEGOTIATE_UNICODE
    enc = utf16 if unicode else (lambda s: s.encode("ascii", "replace"))
    parts = [lm, nt, enc(domain), enc(user), enc(workstation), enc_key]
    off = 88
    fields = b""
    payload = b""
    for value in parts:
        fields += struct.pack("<HHI", len(value), len(value),
                              off + len(payload))
        payload += value
    msg = (NTLMSSP_SIGNATURE + struct.pack("<I", 3) + fields +
           struct.pack("<I", flags) + CLIENT_VERSION + b"\0" * 16 + payload)
    if with_mic:
        mic = hmac_md5(session_key, negotiate_msg, chal.raw, msg)
        msg = msg[:72] + mic + msg[88:]
    return msg, session_key


# ---- SPNEGO (DER) ----

def der_len(n):
    if n < 0x80:
        return bytes((n,))
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(raw),)) + raw


def der(tag, content):
    return bytes((tag,)) + der_len(len(content)) + content


def spnego_init(mech_token=None, mechs=(NTLMSSP_OID,)):
    """InitialContextToken { SPNEGO OID, [0] NegTokenInit }."""
    seq = der(0xA0, der(0x30, b"".join(der(0x06, m) for m in mechs)))
    if mech_token is not None:
        seq += der(0xA2, der(0x04, mech_token))
    return der(0x60, der(0x06, SPNEGO_OID) + der(0xA0, der(0x30, seq)))


def spnego_resp(token=None, neg_state=None, mic=None):
    """[1] NegTokenResp."""
    seq = b""
    if neg_state is not None:
        seq += der(0xA0, der(0x0A, bytes((neg_state,))))
    if token is not None:
        seq += der(0xA2, der(0x04, token))
    if mic is not None:
        seq += der(0xA3, der(0x04, mic))
    return der(0xA1, der(0x30, seq))


def spnego_find_ntlmssp(blob):
    """The NTLMSSP message inside a server's SPNEGO token (or the blob
    itself if it is bare NTLMSSP); None if there is none."""
    i = blob.find(NTLMSSP_SIGNATURE)
    return blob[i:] if i >= 0 else None


class Signer:
    """SMB1 message signing, client side (MS-CIFS 3.1.4.1, 3.1.5.1):
    MAC = MD5(key || message with SecuritySignature = sequence number)
    [:8]. Requests are numbered in the order they are sent (NT_CANCEL
    takes one number, every other request two); the request that turned
    signing on is 0, its reply 1."""

    def __init__(self):
        self.key = None
        self.base = None
        self.next = 0           # arrival number of the next request
        self.arrival = {}       # MID -> arrival number of its request

    @property
    def active(self):
        return self.key is not None

    def count(self, msg):
        """Number @msg (a request about to be sent); returns its
        arrival number."""
        n = self.next
        cancel = len(msg) > 4 and msg[4] == 0xA4
        self.next += 1 if cancel else 2
        # NT_CANCEL carries its target's MID and gets no reply itself.
        if len(msg) >= 32 and not cancel:
            self.arrival[struct.unpack_from("<H", msg, 30)[0]] = n
        return n

    def activate(self, key, arrival):
        self.key = key
        self.base = arrival

    def sign(self, msg, arrival):
        if not self.active or arrival <= self.base or len(msg) < 32:
            return msg
        return msg[:14] + smb1_mac(self.key, arrival - self.base, msg) + \
            msg[22:]

    def verify_reply(self, msg):
        """None if @msg is not signed or its request is unknown, else
        whether its signature is right."""
        if not self.active or len(msg) < 32 or \
                not struct.unpack_from("<H", msg, 10)[0] & 0x0004:
            return None
        arrival = self.arrival.get(struct.unpack_from("<H", msg, 30)[0])
        if arrival is None or arrival < self.base:
            return None
        return smb1_mac(self.key, arrival - self.base + 1, msg) == \
            msg[14:22]


def smb1_mac(key, seq, msg):
    m = msg[:14] + struct.pack("<II", seq, 0) + msg[22:]
    return hashlib.md5(key + m).digest()[:8]


def self_test():
    """MS-NLMP 4.2.4 (NTLMv2) vectors."""
    nthash = nt_hash("Password")
    assert nthash.hex() == "a4f49c406510bdcab6824ee7c30fd852"
    assert ntowfv2(nthash, "User", "Domain").hex() == \
        "0c868a403bfd7a93a3001ef22ef02e3f"
    av = av_list([(AV_NB_DOMAIN, utf16("Domain")),
                  (AV_NB_COMPUTER, utf16("Server"))])
    nt, lm, key = ntlmv2_responses(nthash, "User", "Domain",
                                   bytes.fromhex("0123456789abcdef"),
                                   b"\xaa" * 8, 0, av)
    assert nt[:16].hex() == "68cd0ab851e51c96aabc927bebef6a1c", nt[:16].hex()
    assert lm.hex() == "86c35097ac9cec102554764a57cccc19" + "aa" * 8
    assert key.hex() == "8de40ccadbc14a82f15cb0ad0de95ca3"
    assert rc4(key, b"\x55" * 16).hex() == "c5dad2544fc9799094ce1ce90bc9d03e"


if __name__ == "__main__":
    self_test()
    print("smbauth: MS-NLMP 4.2.4 vectors pass")
