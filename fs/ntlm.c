// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTLM response verification and session keys: MS-NLMP 3.3.1 (NTLM v1,
 * with and without extended session security), 3.3.2 (NTLM v2, LMv2),
 * 3.4.5.1 (KXKEY) and the RC4 key exchange of 3.2.5.1.2.
 *
 * MD4, MD5 and HMAC-MD5 come from the shash API, DES and RC4 from the
 * crypto library. Transforms are allocated per logon: an algorithm lookup
 * and a small allocation, noise next to the helper round trip a logon
 * already costs. Nothing here runs per message. All functions may sleep.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <crypto/algapi.h>
#include <crypto/arc4.h>
#include <crypto/des.h>
#include <crypto/hash.h>
#include <crypto/md5.h>
#include <linux/err.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ntlm.h"

/*
 * Unicode simple uppercase mappings of the BMP, as ranges: code points
 * first..last, every step-th one, map to c + delta (mod 2^16). Generated
 * from Python 3.11's unicodedata (Unicode 14.0) with str.upper(), keeping
 * one-to-one mappings and dropping non-ASCII -> ASCII ones (U+0131 dotless
 * i, U+017F long s), which Windows does not fold. Windows' own table can
 * differ on a few rare letters; supplementary planes are not folded.
 */
struct upcase_range {
	u16 first;
	u16 last;
	u16 delta;
	u8 step;
};

static const struct upcase_range upcase_ranges[] = {
	{ 0x00b5, 0x00b5, 0x02e7, 1 }, { 0x00e0, 0x00f6, 0xffe0, 1 },
	{ 0x00f8, 0x00fe, 0xffe0, 1 }, { 0x00ff, 0x00ff, 0x0079, 1 },
	{ 0x0101, 0x012f, 0xffff, 2 }, { 0x0133, 0x0137, 0xffff, 2 },
	{ 0x013a, 0x0148, 0xffff, 2 }, { 0x014b, 0x0177, 0xffff, 2 },
	{ 0x017a, 0x017e, 0xffff, 2 }, { 0x0180, 0x0180, 0x00c3, 1 },
	{ 0x0183, 0x0185, 0xffff, 2 }, { 0x0188, 0x0188, 0xffff, 1 },
	{ 0x018c, 0x018c, 0xffff, 1 }, { 0x0192, 0x0192, 0xffff, 1 },
	{ 0x0195, 0x0195, 0x0061, 1 }, { 0x0199, 0x0199, 0xffff, 1 },
	{ 0x019a, 0x019a, 0x00a3, 1 }, { 0x019e, 0x019e, 0x0082, 1 },
	{ 0x01a1, 0x01a5, 0xffff, 2 }, { 0x01a8, 0x01a8, 0xffff, 1 },
	{ 0x01ad, 0x01ad, 0xffff, 1 }, { 0x01b0, 0x01b0, 0xffff, 1 },
	{ 0x01b4, 0x01b6, 0xffff, 2 }, { 0x01b9, 0x01b9, 0xffff, 1 },
	{ 0x01bd, 0x01bd, 0xffff, 1 }, { 0x01bf, 0x01bf, 0x0038, 1 },
	{ 0x01c5, 0x01c5, 0xffff, 1 }, { 0x01c6, 0x01c6, 0xfffe, 1 },
	{ 0x01c8, 0x01c8, 0xffff, 1 }, { 0x01c9, 0x01c9, 0xfffe, 1 },
	{ 0x01cb, 0x01cb, 0xffff, 1 }, { 0x01cc, 0x01cc, 0xfffe, 1 },
	{ 0x01ce, 0x01dc, 0xffff, 2 }, { 0x01dd, 0x01dd, 0xffb1, 1 },
	{ 0x01df, 0x01ef, 0xffff, 2 }, { 0x01f2, 0x01f2, 0xffff, 1 },
	{ 0x01f3, 0x01f3, 0xfffe, 1 }, { 0x01f5, 0x01f5, 0xffff, 1 },
	{ 0x01f9, 0x021f, 0xffff, 2 }, { 0x0223, 0x0233, 0xffff, 2 },
	{ 0x023c, 0x023c, 0xffff, 1 }, { 0x023f, 0x0240, 0x2a3f, 1 },
	{ 0x0242, 0x0242, 0xffff, 1 }, { 0x0247, 0x024f, 0xffff, 2 },
	{ 0x0250, 0x0250, 0x2a1f, 1 }, { 0x0251, 0x0251, 0x2a1c, 1 },
	{ 0x0252, 0x0252, 0x2a1e, 1 }, { 0x0253, 0x0253, 0xff2e, 1 },
	{ 0x0254, 0x0254, 0xff32, 1 }, { 0x0256, 0x0257, 0xff33, 1 },
	{ 0x0259, 0x0259, 0xff36, 1 }, { 0x025b, 0x025b, 0xff35, 1 },
	{ 0x025c, 0x025c, 0xa54f, 1 }, { 0x0260, 0x0260, 0xff33, 1 },
	{ 0x0261, 0x0261, 0xa54b, 1 }, { 0x0263, 0x0263, 0xff31, 1 },
	{ 0x0265, 0x0265, 0xa528, 1 }, { 0x0266, 0x0266, 0xa544, 1 },
	{ 0x0268, 0x0268, 0xff2f, 1 }, { 0x0269, 0x0269, 0xff2d, 1 },
	{ 0x026a, 0x026a, 0xa544, 1 }, { 0x026b, 0x026b, 0x29f7, 1 },
	{ 0x026c, 0x026c, 0xa541, 1 }, { 0x026f, 0x026f, 0xff2d, 1 },
	{ 0x0271, 0x0271, 0x29fd, 1 }, { 0x0272, 0x0272, 0xff2b, 1 },
	{ 0x0275, 0x0275, 0xff2a, 1 }, { 0x027d, 0x027d, 0x29e7, 1 },
	{ 0x0280, 0x0280, 0xff26, 1 }, { 0x0282, 0x0282, 0xa543, 1 },
	{ 0x0283, 0x0283, 0xff26, 1 }, { 0x0287, 0x0287, 0xa52a, 1 },
	{ 0x0288, 0x0288, 0xff26, 1 }, { 0x0289, 0x0289, 0xffbb, 1 },
	{ 0x028a, 0x028b, 0xff27, 1 }, { 0x028c, 0x028c, 0xffb9, 1 },
	{ 0x0292, 0x0292, 0xff25, 1 }, { 0x029d, 0x029d, 0xa515, 1 },
	{ 0x029e, 0x029e, 0xa512, 1 }, { 0x0345, 0x0345, 0x0054, 1 },
	{ 0x0371, 0x0373, 0xffff, 2 }, { 0x0377, 0x0377, 0xffff, 1 },
	{ 0x037b, 0x037d, 0x0082, 1 }, { 0x03ac, 0x03ac, 0xffda, 1 },
	{ 0x03ad, 0x03af, 0xffdb, 1 }, { 0x03b1, 0x03c1, 0xffe0, 1 },
	{ 0x03c2, 0x03c2, 0xffe1, 1 }, { 0x03c3, 0x03cb, 0xffe0, 1 },
	{ 0x03cc, 0x03cc, 0xffc0, 1 }, { 0x03cd, 0x03ce, 0xffc1, 1 },
	{ 0x03d0, 0x03d0, 0xffc2, 1 }, { 0x03d1, 0x03d1, 0xffc7, 1 },
	{ 0x03d5, 0x03d5, 0xffd1, 1 }, { 0x03d6, 0x03d6, 0xffca, 1 },
	{ 0x03d7, 0x03d7, 0xfff8, 1 }, { 0x03d9, 0x03ef, 0xffff, 2 },
	{ 0x03f0, 0x03f0, 0xffaa, 1 }, { 0x03f1, 0x03f1, 0xffb0, 1 },
	{ 0x03f2, 0x03f2, 0x0007, 1 }, { 0x03f3, 0x03f3, 0xff8c, 1 },
	{ 0x03f5, 0x03f5, 0xffa0, 1 }, { 0x03f8, 0x03f8, 0xffff, 1 },
	{ 0x03fb, 0x03fb, 0xffff, 1 }, { 0x0430, 0x044f, 0xffe0, 1 },
	{ 0x0450, 0x045f, 0xffb0, 1 }, { 0x0461, 0x0481, 0xffff, 2 },
	{ 0x048b, 0x04bf, 0xffff, 2 }, { 0x04c2, 0x04ce, 0xffff, 2 },
	{ 0x04cf, 0x04cf, 0xfff1, 1 }, { 0x04d1, 0x052f, 0xffff, 2 },
	{ 0x0561, 0x0586, 0xffd0, 1 }, { 0x10d0, 0x10fa, 0x0bc0, 1 },
	{ 0x10fd, 0x10ff, 0x0bc0, 1 }, { 0x13f8, 0x13fd, 0xfff8, 1 },
	{ 0x1c80, 0x1c80, 0xe792, 1 }, { 0x1c81, 0x1c81, 0xe793, 1 },
	{ 0x1c82, 0x1c82, 0xe79c, 1 }, { 0x1c83, 0x1c84, 0xe79e, 1 },
	{ 0x1c85, 0x1c85, 0xe79d, 1 }, { 0x1c86, 0x1c86, 0xe7a4, 1 },
	{ 0x1c87, 0x1c87, 0xe7db, 1 }, { 0x1c88, 0x1c88, 0x89c2, 1 },
	{ 0x1d79, 0x1d79, 0x8a04, 1 }, { 0x1d7d, 0x1d7d, 0x0ee6, 1 },
	{ 0x1d8e, 0x1d8e, 0x8a38, 1 }, { 0x1e01, 0x1e95, 0xffff, 2 },
	{ 0x1e9b, 0x1e9b, 0xffc5, 1 }, { 0x1ea1, 0x1eff, 0xffff, 2 },
	{ 0x1f00, 0x1f07, 0x0008, 1 }, { 0x1f10, 0x1f15, 0x0008, 1 },
	{ 0x1f20, 0x1f27, 0x0008, 1 }, { 0x1f30, 0x1f37, 0x0008, 1 },
	{ 0x1f40, 0x1f45, 0x0008, 1 }, { 0x1f51, 0x1f57, 0x0008, 2 },
	{ 0x1f60, 0x1f67, 0x0008, 1 }, { 0x1f70, 0x1f71, 0x004a, 1 },
	{ 0x1f72, 0x1f75, 0x0056, 1 }, { 0x1f76, 0x1f77, 0x0064, 1 },
	{ 0x1f78, 0x1f79, 0x0080, 1 }, { 0x1f7a, 0x1f7b, 0x0070, 1 },
	{ 0x1f7c, 0x1f7d, 0x007e, 1 }, { 0x1fb0, 0x1fb1, 0x0008, 1 },
	{ 0x1fbe, 0x1fbe, 0xe3db, 1 }, { 0x1fd0, 0x1fd1, 0x0008, 1 },
	{ 0x1fe0, 0x1fe1, 0x0008, 1 }, { 0x1fe5, 0x1fe5, 0x0007, 1 },
	{ 0x214e, 0x214e, 0xffe4, 1 }, { 0x2170, 0x217f, 0xfff0, 1 },
	{ 0x2184, 0x2184, 0xffff, 1 }, { 0x24d0, 0x24e9, 0xffe6, 1 },
	{ 0x2c30, 0x2c5f, 0xffd0, 1 }, { 0x2c61, 0x2c61, 0xffff, 1 },
	{ 0x2c65, 0x2c65, 0xd5d5, 1 }, { 0x2c66, 0x2c66, 0xd5d8, 1 },
	{ 0x2c68, 0x2c6c, 0xffff, 2 }, { 0x2c73, 0x2c73, 0xffff, 1 },
	{ 0x2c76, 0x2c76, 0xffff, 1 }, { 0x2c81, 0x2ce3, 0xffff, 2 },
	{ 0x2cec, 0x2cee, 0xffff, 2 }, { 0x2cf3, 0x2cf3, 0xffff, 1 },
	{ 0x2d00, 0x2d25, 0xe3a0, 1 }, { 0x2d27, 0x2d27, 0xe3a0, 1 },
	{ 0x2d2d, 0x2d2d, 0xe3a0, 1 }, { 0xa641, 0xa66d, 0xffff, 2 },
	{ 0xa681, 0xa69b, 0xffff, 2 }, { 0xa723, 0xa72f, 0xffff, 2 },
	{ 0xa733, 0xa76f, 0xffff, 2 }, { 0xa77a, 0xa77c, 0xffff, 2 },
	{ 0xa77f, 0xa787, 0xffff, 2 }, { 0xa78c, 0xa78c, 0xffff, 1 },
	{ 0xa791, 0xa793, 0xffff, 2 }, { 0xa794, 0xa794, 0x0030, 1 },
	{ 0xa797, 0xa7a9, 0xffff, 2 }, { 0xa7b5, 0xa7c3, 0xffff, 2 },
	{ 0xa7c8, 0xa7ca, 0xffff, 2 }, { 0xa7d1, 0xa7d1, 0xffff, 1 },
	{ 0xa7d7, 0xa7d9, 0xffff, 2 }, { 0xa7f6, 0xa7f6, 0xffff, 1 },
	{ 0xab53, 0xab53, 0xfc60, 1 }, { 0xab70, 0xabbf, 0x6830, 1 },
	{ 0xff41, 0xff5a, 0xffe0, 1 }
};

/**
 * kcifsd_ntlm_upcase() - uppercase one UTF-16 code unit
 * @c: the code unit (a surrogate half is returned unchanged)
 *
 * The Uppercase() of MS-NLMP 3.3.2 NTOWFv2 for the Basic Multilingual
 * Plane; see the table above for its limits.
 *
 * Return: the uppercase code unit, or @c when it has none.
 */
u16 kcifsd_ntlm_upcase(u16 c)
{
	unsigned int lo = 0, hi = ARRAY_SIZE(upcase_ranges);

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct upcase_range *r = &upcase_ranges[mid];

		if (c < r->first) {
			hi = mid;
		} else if (c > r->last) {
			lo = mid + 1;
		} else {
			if ((c - r->first) % r->step)
				return c;
			return (u16)(c + r->delta);
		}
	}
	return c;
}

/* Spread 56 key bits over the high 7 bits of 8 bytes (DES ignores bit 0). */
static void des_key_56_to_64(const u8 *in, u8 *out)
{
	out[0] = in[0] & 0xfe;
	out[1] = ((in[0] << 7) | (in[1] >> 1)) & 0xfe;
	out[2] = ((in[1] << 6) | (in[2] >> 2)) & 0xfe;
	out[3] = ((in[2] << 5) | (in[3] >> 3)) & 0xfe;
	out[4] = ((in[3] << 4) | (in[4] >> 4)) & 0xfe;
	out[5] = ((in[4] << 3) | (in[5] >> 5)) & 0xfe;
	out[6] = ((in[5] << 2) | (in[6] >> 6)) & 0xfe;
	out[7] = in[6] << 1;
}

/* MS-NLMP 6: DES(K, D) with a 7-byte key. */
static void des_7(const u8 *key7, const u8 *data, u8 *out)
{
	struct des_ctx ctx;
	u8 key[DES_KEY_SIZE];

	des_key_56_to_64(key7, key);
	/*
	 * -ENOKEY only flags a weak key, which NTLM has no say over (a hash
	 * can produce one); the schedule is expanded all the same.
	 */
	des_expand_key(&ctx, key, sizeof(key));
	des_encrypt(&ctx, out, data);
	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(key, sizeof(key));
}

/**
 * kcifsd_ntlm_desl() - DESL(K, D), MS-NLMP 6
 * @key: 16-byte key (an OWF hash)
 * @data: 8 bytes to encrypt (a challenge)
 * @out: 24 bytes: DES(K[0..6], D) || DES(K[7..13], D) || DES(K[14..15] ||
 *	Z(5), D)
 */
void kcifsd_ntlm_desl(const u8 *key, const u8 *data, u8 *out)
{
	u8 k3[7] = { key[14], key[15] };

	des_7(key, data, out);
	des_7(key + 7, data, out + 8);
	des_7(k3, data, out + 16);
	memzero_explicit(k3, sizeof(k3));
}

/**
 * kcifsd_ntlm_lmowfv1() - LMOWFv1 from an OEM password, MS-NLMP 3.3.1
 * @pw_oem: the password in the OEM code page, no terminator
 * @len: its length in bytes; only the first 14 bytes count
 * @out: 16-byte LM hash
 *
 * Uppercases ASCII letters only: the OEM code page's own case rules for
 * bytes >= 0x80 are not applied. The server normally gets LM hashes from
 * the helper; this exists for plaintext logons and the MS-NLMP vectors.
 */
void kcifsd_ntlm_lmowfv1(const u8 *pw_oem, u32 len, u8 *out)
{
	static const u8 magic[8] = "KGS!@#$%";
	u8 pw[14] = {};
	u32 i;

	for (i = 0; i < len && i < sizeof(pw); i++)
		pw[i] = (pw_oem[i] >= 'a' && pw_oem[i] <= 'z') ?
			pw_oem[i] - ('a' - 'A') : pw_oem[i];
	des_7(pw, magic, out);
	des_7(pw + 7, magic, out + 8);
	memzero_explicit(pw, sizeof(pw));
}

static int shash_vec(struct crypto_shash *tfm, const struct kvec *vec,
		     unsigned int nr, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	unsigned int i;
	int rc;

	desc->tfm = tfm;
	rc = crypto_shash_init(desc);
	for (i = 0; !rc && i < nr; i++)
		rc = crypto_shash_update(desc, vec[i].iov_base, vec[i].iov_len);
	if (!rc)
		rc = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return rc;
}

/* One-shot unkeyed digest ("md4", "md5") of a vector of buffers. */
static int digest_vec(const char *alg, const struct kvec *vec,
		      unsigned int nr, u8 *out)
{
	struct crypto_shash *tfm;
	int rc;

	tfm = crypto_alloc_shash(alg, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	rc = shash_vec(tfm, vec, nr, out);
	crypto_free_shash(tfm);
	return rc;
}

static int hmac_md5_tfm(struct crypto_shash *tfm, const u8 *key,
			u32 key_len, const struct kvec *vec, unsigned int nr,
			u8 *out)
{
	int rc;

	rc = crypto_shash_setkey(tfm, key, key_len);
	if (rc)
		return rc;
	return shash_vec(tfm, vec, nr, out);
}

/**
 * kcifsd_ntlm_hmac_md5() - HMAC_MD5(K, M), MS-NLMP 6 (RFC 2104)
 * @key: the key
 * @key_len: its length in bytes
 * @vec: M, as the concatenation of these buffers
 * @nr: number of buffers
 * @out: 16-byte MAC
 *
 * Return: 0 or a negative errno from the crypto API.
 */
int kcifsd_ntlm_hmac_md5(const u8 *key, u32 key_len, const struct kvec *vec,
			 unsigned int nr, u8 *out)
{
	struct crypto_shash *tfm;
	int rc;

	tfm = crypto_alloc_shash("hmac(md5)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	rc = hmac_md5_tfm(tfm, key, key_len, vec, nr, out);
	crypto_free_shash(tfm);
	return rc;
}

/**
 * kcifsd_ntlm_ntowfv1() - NTOWFv1 = MD4(UNICODE(Passwd)), MS-NLMP 3.3.1
 * @pw_utf16: the password in UTF-16LE, no terminator
 * @len: its length in bytes (even)
 * @out: 16-byte NT hash
 *
 * Return: 0, -EINVAL for an odd length, or a crypto API error.
 */
int kcifsd_ntlm_ntowfv1(const u8 *pw_utf16, u32 len, u8 *out)
{
	struct kvec v = { .iov_base = (void *)pw_utf16, .iov_len = len };

	if (len & 1)
		return -EINVAL;
	return digest_vec("md4", &v, 1, out);
}

/*
 * Convert a name as received to UTF-16LE at @dst, optionally uppercased.
 * @dst has room for 2 * @len bytes (an OEM byte is at most one code unit).
 * Returns the number of bytes written or -EINVAL.
 */
static int name_to_utf16(u8 *dst, const u8 *src, u32 len, bool unicode,
			 struct nls_table *cp, bool upper)
{
	u32 in = 0, out = 0;
	wchar_t wc;
	int n;

	if (len > KCIFSD_NTLM_MAX_NAME || (unicode && (len & 1)))
		return -EINVAL;
	while (in < len) {
		if (unicode) {
			wc = get_unaligned_le16(src + in);
			n = 2;
		} else if (cp) {
			n = cp->char2uni(src + in, len - in, &wc);
			if (n <= 0)
				return -EINVAL;
		} else {
			wc = src[in];
			n = 1;
		}
		in += n;
		put_unaligned_le16(upper ? kcifsd_ntlm_upcase(wc) : wc,
				   dst + out);
		out += 2;
	}
	return out;
}

static int ntowfv2_tfm(struct crypto_shash *hmac, const u8 *nt_hash,
		       const u8 *user, u32 user_len, const u8 *domain,
		       u32 domain_len, bool unicode, struct nls_table *cp,
		       bool upper_domain, u8 *out)
{
	struct kvec v;
	u8 *buf;
	int ulen, dlen, rc;

	if (user_len > KCIFSD_NTLM_MAX_NAME ||
	    domain_len > KCIFSD_NTLM_MAX_NAME)
		return -EINVAL;
	buf = kmalloc(2 * (user_len + domain_len) + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ulen = name_to_utf16(buf, user, user_len, unicode, cp, true);
	rc = ulen;
	if (ulen < 0)
		goto out;
	dlen = name_to_utf16(buf + ulen, domain, domain_len, unicode, cp,
			     upper_domain);
	rc = dlen;
	if (dlen < 0)
		goto out;
	v.iov_base = buf;
	v.iov_len = ulen + dlen;
	rc = hmac_md5_tfm(hmac, nt_hash, KCIFSD_NTLM_HASH_SIZE, &v, 1, out);
out:
	kfree(buf);
	return rc;
}

/**
 * kcifsd_ntlm_ntowfv2() - NTOWFv2, MS-NLMP 3.3.2
 * @nt_hash: the account's NTOWFv1 (16 bytes)
 * @user: account name as received (see struct kcifsd_ntlm_request)
 * @user_len: its length in bytes
 * @domain: UserDom as received
 * @domain_len: its length in bytes
 * @unicode: @user and @domain are UTF-16LE, else OEM
 * @oem_cp: code page of OEM names, NULL for Latin-1
 * @out: 16-byte NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(User) ||
 *	UserDom)); LMOWFv2 is the same value
 *
 * Return: 0, -EINVAL for a malformed or oversized name, -ENOMEM, or a
 * crypto API error.
 */
int kcifsd_ntlm_ntowfv2(const u8 *nt_hash, const u8 *user, u32 user_len,
			const u8 *domain, u32 domain_len, bool unicode,
			struct nls_table *oem_cp, u8 *out)
{
	struct crypto_shash *hmac;
	int rc;

	hmac = crypto_alloc_shash("hmac(md5)", 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	rc = ntowfv2_tfm(hmac, nt_hash, user, user_len, domain, domain_len,
			 unicode, oem_cp, false, out);
	crypto_free_shash(hmac);
	return rc;
}

/**
 * kcifsd_ntlm_exported_session_key() - the key NTLMSSP hands to SMB
 * @kxkey: KeyExchangeKey (MS-NLMP 3.4.5.1), 16 bytes
 * @enc_key: AUTHENTICATE_MESSAGE.EncryptedRandomSessionKey, or NULL
 * @enc_len: its length: 0 when NTLMSSP_NEGOTIATE_KEY_EXCH is not in
 *	effect, else 16
 * @out: 16-byte ExportedSessionKey
 *
 * MS-NLMP 3.2.5.1.2: with key exchange, ExportedSessionKey =
 * RC4K(KeyExchangeKey, EncryptedRandomSessionKey); without, it is the
 * KeyExchangeKey itself.
 *
 * Return: 0, or -EINVAL for a length other than 0 or 16.
 */
int kcifsd_ntlm_exported_session_key(const u8 *kxkey, const u8 *enc_key,
				     u32 enc_len, u8 *out)
{
	struct arc4_ctx *ctx;

	if (!enc_len) {
		memcpy(out, kxkey, KCIFSD_NTLM_KEY_SIZE);
		return 0;
	}
	if (enc_len != KCIFSD_NTLM_KEY_SIZE)
		return -EINVAL;
	/* 1 KiB of RC4 state: too large for a kernel stack frame */
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	arc4_setkey(ctx, kxkey, KCIFSD_NTLM_KEY_SIZE);
	arc4_crypt(ctx, out, enc_key, KCIFSD_NTLM_KEY_SIZE);
	kfree_sensitive(ctx);
	return 0;
}

/*
 * NTLMv2 and LMv2 (MS-NLMP 3.3.2) for one spelling of UserDom. The NT
 * response is NTProofStr || temp; the LM response is
 * HMAC_MD5(NTOWFv2, ServerChallenge || CChal)[0..15] || CChal.
 */
static int verify_v2_domain(struct crypto_shash *hmac,
			    const struct kcifsd_ntlm_request *req,
			    const u8 *nt_hash, const u8 *domain, u32 domain_len,
			    bool upper_domain, bool try_lmv2,
			    struct kcifsd_ntlm_result *res)
{
	u8 ntowfv2[KCIFSD_NTLM_HASH_SIZE];
	u8 proof[KCIFSD_NTLMV2_PROOF_SIZE];
	struct kvec v[2];
	const u8 *resp = NULL;
	int rc;

	rc = ntowfv2_tfm(hmac, nt_hash, req->user, req->user_len, domain,
			 domain_len, req->unicode, req->oem_cp, upper_domain,
			 ntowfv2);
	if (rc)
		goto out;

	v[0].iov_base = (void *)req->server_challenge;
	v[0].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
	if (req->nt_len >= KCIFSD_NTLMV2_PROOF_SIZE +
			   KCIFSD_NTLMV2_BLOB_HDR_SIZE) {
		v[1].iov_base = (void *)(req->nt_resp + KCIFSD_NTLMV2_PROOF_SIZE);
		v[1].iov_len = req->nt_len - KCIFSD_NTLMV2_PROOF_SIZE;
		rc = hmac_md5_tfm(hmac, ntowfv2, sizeof(ntowfv2), v, 2, proof);
		if (rc)
			goto out;
		if (!crypto_memneq(proof, req->nt_resp, sizeof(proof))) {
			resp = req->nt_resp;
			res->scheme = KCIFSD_NTLM_V2;
		}
	}
	if (!resp && try_lmv2) {
		v[1].iov_base = (void *)(req->lm_resp + KCIFSD_NTLMV2_PROOF_SIZE);
		v[1].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
		rc = hmac_md5_tfm(hmac, ntowfv2, sizeof(ntowfv2), v, 2, proof);
		if (rc)
			goto out;
		if (!crypto_memneq(proof, req->lm_resp, sizeof(proof))) {
			resp = req->lm_resp;
			res->scheme = KCIFSD_NTLM_LMV2;
			res->lm_field = true;
		}
	}
	if (!resp) {
		rc = -EACCES;
		goto out;
	}

	/*
	 * SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr). For LMv2 alone the
	 * LMv2 proof stands in for NTProofStr (what clients that send only
	 * LMv2 derive); KXKEY is the SessionBaseKey for NTLM v2.
	 */
	v[0].iov_base = (void *)resp;
	v[0].iov_len = KCIFSD_NTLMV2_PROOF_SIZE;
	rc = hmac_md5_tfm(hmac, ntowfv2, sizeof(ntowfv2), v, 1,
			  res->session_key);
	if (!rc)
		memcpy(res->key_exchange_key, res->session_key,
		       KCIFSD_NTLM_KEY_SIZE);
out:
	memzero_explicit(ntowfv2, sizeof(ntowfv2));
	memzero_explicit(proof, sizeof(proof));
	return rc;
}

/*
 * UserDom as sent, then uppercased, then empty: clients differ in the
 * spelling they feed to NTOWFv2, and a standalone server has no domain of
 * its own to insist on (MS-CIFS 3.3.5.43 leaves this to the back end).
 */
static int verify_v2(const struct kcifsd_ntlm_request *req, const u8 *nt_hash,
		     bool try_lmv2, struct kcifsd_ntlm_result *res)
{
	struct crypto_shash *hmac;
	int rc;

	hmac = crypto_alloc_shash("hmac(md5)", 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	rc = verify_v2_domain(hmac, req, nt_hash, req->domain, req->domain_len,
			      false, try_lmv2, res);
	if (rc == -EACCES && req->domain_len)
		rc = verify_v2_domain(hmac, req, nt_hash, req->domain,
				      req->domain_len, true, try_lmv2, res);
	if (rc == -EACCES && req->domain_len)
		rc = verify_v2_domain(hmac, req, nt_hash, NULL, 0, false,
				      try_lmv2, res);
	crypto_free_shash(hmac);
	return rc;
}

/*
 * NTLMv1 (MS-NLMP 3.3.1). Without extended session security the response
 * is DESL(NTOWFv1, ServerChallenge); with it, the LM field carries an
 * 8-byte client challenge and the response is DESL(NTOWFv1,
 * MD5(ServerChallenge || ClientChallenge)[0..7]).
 */
static int verify_v1(const struct kcifsd_ntlm_request *req, const u8 *nt_hash,
		     struct kcifsd_ntlm_result *res)
{
	u8 chal[MD5_DIGEST_SIZE];
	u8 expect[KCIFSD_NTLM_V1_RESP_SIZE];
	struct kvec v[2];
	int rc;

	if (req->ess) {
		if (req->lm_len < KCIFSD_NTLM_CHALLENGE_SIZE)
			return -EACCES;
		v[0].iov_base = (void *)req->server_challenge;
		v[0].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
		v[1].iov_base = (void *)req->lm_resp;
		v[1].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
		rc = digest_vec("md5", v, 2, chal);
		if (rc)
			return rc;
	} else {
		memcpy(chal, req->server_challenge, KCIFSD_NTLM_CHALLENGE_SIZE);
	}
	kcifsd_ntlm_desl(nt_hash, chal, expect);
	rc = crypto_memneq(expect, req->nt_resp, sizeof(expect)) ? -EACCES : 0;
	memzero_explicit(expect, sizeof(expect));
	if (rc)
		return rc;

	/* SessionBaseKey = MD4(NTOWFv1) */
	v[0].iov_base = (void *)nt_hash;
	v[0].iov_len = KCIFSD_NTLM_HASH_SIZE;
	rc = digest_vec("md4", v, 1, res->session_key);
	if (rc)
		return rc;

	/*
	 * KXKEY (MS-NLMP 3.4.5.1): with ESS, HMAC_MD5(SessionBaseKey,
	 * ServerChallenge || LmChallengeResponse[0..7]); otherwise the
	 * SessionBaseKey (this server never offers NEGOTIATE_LM_KEY or
	 * REQUEST_NON_NT_SESSION_KEY).
	 */
	if (req->ess) {
		v[0].iov_base = (void *)req->server_challenge;
		v[0].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
		v[1].iov_base = (void *)req->lm_resp;
		v[1].iov_len = KCIFSD_NTLM_CHALLENGE_SIZE;
		rc = kcifsd_ntlm_hmac_md5(res->session_key, KCIFSD_NTLM_KEY_SIZE,
					  v, 2, res->key_exchange_key);
		res->scheme = KCIFSD_NTLM_V1_ESS;
	} else {
		memcpy(res->key_exchange_key, res->session_key,
		       KCIFSD_NTLM_KEY_SIZE);
		res->scheme = KCIFSD_NTLM_V1;
	}
	memzero_explicit(chal, sizeof(chal));
	return rc;
}

/* LM (MS-NLMP 3.3.1): DESL(LMOWFv1, ServerChallenge) in the LM field. */
static int verify_lm(const struct kcifsd_ntlm_request *req, const u8 *nt_hash,
		     const u8 *lm_hash, struct kcifsd_ntlm_result *res)
{
	u8 expect[KCIFSD_NTLM_V1_RESP_SIZE];
	struct kvec v;
	int rc;

	kcifsd_ntlm_desl(lm_hash, req->server_challenge, expect);
	rc = crypto_memneq(expect, req->lm_resp, sizeof(expect)) ? -EACCES : 0;
	memzero_explicit(expect, sizeof(expect));
	if (rc)
		return rc;

	/*
	 * MS-CIFS 3.3.5.43: an LM logon signs with the LM session key,
	 * LMOWFv1[0..7] || Z(8). NTLMSSP's KXKEY stays MD4(NTOWFv1)
	 * (MS-NLMP 3.4.5.1 without NEGOTIATE_LM_KEY).
	 */
	memcpy(res->session_key, lm_hash, 8);
	memset(res->session_key + 8, 0, 8);
	v.iov_base = (void *)nt_hash;
	v.iov_len = KCIFSD_NTLM_HASH_SIZE;
	rc = digest_vec("md4", &v, 1, res->key_exchange_key);
	res->scheme = KCIFSD_NTLM_LM;
	res->lm_field = true;
	return rc;
}

/**
 * kcifsd_ntlm_authenticate() - verify a logon's challenge responses
 * @req: the attempt, fields as received
 * @nt_hash: the account's NTOWFv1 from the helper (16 bytes)
 * @lm_hash: the account's LMOWFv1, or NULL if it has none
 * @pol: which schemes besides NTLMv2 are acceptable
 * @res: on success, the scheme that verified and the session keys
 *
 * MS-CIFS 3.3.5.43 and MS-NLMP 3.2.5.1.2: an NT response longer than 24
 * bytes is NTLMv2 (MS-NLMP 3.3.2), tried before LMv2 in the LM field; a
 * 24-byte NT response is NTLMv1 (3.3.1), tried before LM. Each weaker
 * scheme is tried only if @pol allows it. Responses are compared in
 * constant time.
 *
 * Return: 0 on success; -EACCES if no response verified (logon failure);
 * -EINVAL for malformed input (name too long or not valid in its
 * encoding); -ENOMEM or a crypto API error. On failure @res is zeroed.
 */
int kcifsd_ntlm_authenticate(const struct kcifsd_ntlm_request *req,
			     const u8 *nt_hash, const u8 *lm_hash,
			     const struct kcifsd_ntlm_policy *pol,
			     struct kcifsd_ntlm_result *res)
{
	bool try_v2, try_lmv2;
	int rc = -EACCES;

	memset(res, 0, sizeof(*res));
	if (!req->server_challenge || !nt_hash ||
	    (req->lm_len && !req->lm_resp) || (req->nt_len && !req->nt_resp))
		return -EINVAL;

	try_v2 = req->nt_len > KCIFSD_NTLM_V1_RESP_SIZE;
	/* NTLMv2 clients may set ESS too: it does not change LMv2 */
	try_lmv2 = pol->allow_lmv2 && req->lm_len == KCIFSD_NTLM_V1_RESP_SIZE;
	if (try_v2 || try_lmv2)
		rc = verify_v2(req, nt_hash, try_lmv2, res);

	if (rc == -EACCES && pol->allow_ntlmv1 &&
	    req->nt_len == KCIFSD_NTLM_V1_RESP_SIZE)
		rc = verify_v1(req, nt_hash, res);

	if (rc == -EACCES && pol->allow_lm && lm_hash && !req->ess &&
	    req->lm_len == KCIFSD_NTLM_V1_RESP_SIZE)
		rc = verify_lm(req, nt_hash, lm_hash, res);

	if (rc)
		kcifsd_ntlm_result_wipe(res);
	return rc;
}

/**
 * kcifsd_ntlm_result_wipe() - erase the keys in a result
 * @res: the result, left zeroed (scheme KCIFSD_NTLM_NONE)
 */
void kcifsd_ntlm_result_wipe(struct kcifsd_ntlm_result *res)
{
	memzero_explicit(res, sizeof(*res));
}
