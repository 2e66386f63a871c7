# SPDX-License-Identifier: GPL-2.0-only
"""MD4 (RFC 1320) in pure Python, for the NT hash of test passwords.

Debian's OpenSSL 3 hides MD4 in its legacy provider, so hashlib.new("md4")
fails there; the fuzzer only hashes a few short passwords, for which speed
does not matter.

    md4(b"abc").hex() == "a448017aaf21d8525fc10ae87aa6729d"
"""

import struct

_MASK = 0xFFFFFFFF


def _rotl(x, n):
    x &= _MASK
    return ((x << n) | (x >> (32 - n))) & _MASK


def _f(x, y, z):
    return (x & y) | (~x & z)


def _g(x, y, z):
    return (x & y) | (x & z) | (y & z)


def _h(x, y, z):
    return x ^ y ^ z


def md4(data):
    """The 16-byte MD4 digest of @data (bytes)."""
    msg = bytes(data)
    bit_len = (8 * len(msg)) & 0xFFFFFFFFFFFFFFFF
    msg += b"\x80"
    msg += b"\0" * ((56 - len(msg) % 64) % 64)
    msg += struct.pack("<Q", bit_len)

    a, b, c, d = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476
    for off in range(0, len(msg), 64):
        x = struct.unpack("<16I", msg[off:off + 64])
        aa, bb, cc, dd = a, b, c, d

        # Round 1: F, k in order, shifts 3 7 11 19.
        for i in range(0, 16, 4):
            a = _rotl(a + _f(b, c, d) + x[i], 3)
            d = _rotl(d + _f(a, b, c) + x[i + 1], 7)
            c = _rotl(c + _f(d, a, b) + x[i + 2], 11)
            b = _rotl(b + _f(c, d, a) + x[i + 3], 19)
        # Round 2: G, k by columns, constant 0x5A827999.
        for i in range(4):
            a = _rotl(a + _g(b, c, d) + x[i] + 0x5A827999, 3)
            d = _rotl(d + _g(a, b, c) + x[i + 4] + 0x5A827999, 5)
            c = _rotl(c + _g(d, a, b) + x[i + 8] + 0x5A827999, 9)
            b = _rotl(b + _g(c, d, a) + x[i + 12] + 0x5A827999, 13)
        # Round 3: H, k in bit-reversed order, constant 0x6ED9EBA1.
        for i in (0, 2, 1, 3):
            a = _rotl(a + _h(b, c, d) + x[i] + 0x6ED9EBA1, 3)
            d = _rotl(d + _h(a, b, c) + x[i + 8] + 0x6ED9EBA1, 9)
            c = _rotl(c + _h(d, a, b) + x[i + 4] + 0x6ED9EBA1, 11)
            b = _rotl(b + _h(c, d, a) + x[i + 12] + 0x6ED9EBA1, 15)

        a = (a + aa) & _MASK
        b = (b + bb) & _MASK
        c = (c + cc) & _MASK
        d = (d + dd) & _MASK
    return struct.pack("<4I", a, b, c, d)


# RFC 1320 appendix A.5.
_VECTORS = (
    (b"", "31d6cfe0d16ae931b73c59d7e0c089c0"),
    (b"a", "bde52cb31de33e46245e05fbdbd6fb24"),
    (b"abc", "a448017aaf21d8525fc10ae87aa6729d"),
    (b"message digest", "d9130a8164549fe818874806e1c7014b"),
    (b"abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"),
    (b"12345678901234567890123456789012345678901234567890123456789012345678"
     b"901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536"),
)


def self_test():
    for data, want in _VECTORS:
        got = md4(data).hex()
        if got != want:
            raise AssertionError("md4(%r) = %s, expected %s"
                                 % (data, got, want))


if __name__ == "__main__":
    self_test()
    print("md4: RFC 1320 vectors pass")
