// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX ACLs of the CIFS UNIX extensions: SMB_QUERY_POSIX_ACL and
 * SMB_SET_POSIX_ACL (level 0x204 of QUERY/SET_PATH_INFORMATION and
 * QUERY/SET_FILE_INFORMATION), offered with CIFS_UNIX_POSIX_ACL_CAP on
 * a share whose file system keeps POSIX ACLs.
 *
 * The structure (every field little-endian):
 *
 *	0 Version (2): 1
 *	2 AccessCount (2): entries of the access ACL
 *	4 DefaultCount (2): entries of the default ACL (a directory's)
 *	6 the access ACL's entries, then the default ACL's, 10 bytes each:
 *	  Tag (1), Perm (1), Id (8)
 *
 * Tag and Perm carry Linux's values (ACL_USER_OBJ 0x01, ACL_USER 0x02,
 * ACL_GROUP_OBJ 0x04, ACL_GROUP 0x08, ACL_MASK 0x10, ACL_OTHER 0x20;
 * read 4, write 2, execute 1). Id is the uid or gid of an ACL_USER or
 * ACL_GROUP entry, all ones for the others. In a set, a count of 0xFFFF
 * leaves that ACL as it is and 0 removes it.
 *
 * The ACLs go to and from the VFS in their xattr form
 * (system.posix_acl_access / _default, struct posix_acl_xattr_header):
 * vfs_getxattr() and vfs_setxattr() under the tree's credentials, so the
 * kernel checks them as for setfacl(1): only the owner sets an ACL, the
 * entries must form a valid ACL, the file system must keep ACLs.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fid.h"
#include "fs/ntstatus.h"
#include "fs/trans2.h"
#include "fs/unix_info.h"
#include "fs/unix_vfs.h"
#include "fs/vfs.h"

/* The xattr form of the largest ACL taken or given */
#define ACL_XATTR_MAX	(sizeof(struct posix_acl_xattr_header) + \
			 KCIFSD_POSIX_ACL_MAX * \
			 sizeof(struct posix_acl_xattr_entry))

static bool acl_tag_valid(u8 tag)
{
	switch (tag) {
	case ACL_USER_OBJ:
	case ACL_USER:
	case ACL_GROUP_OBJ:
	case ACL_GROUP:
	case ACL_MASK:
	case ACL_OTHER:
		return true;
	}
	return false;
}

/* An ACL_USER or ACL_GROUP entry names someone; the others nobody. */
static bool acl_tag_has_id(u8 tag)
{
	return tag == ACL_USER || tag == ACL_GROUP;
}

/* One count of a set: 0xFFFF is no change, the rest are bounded. */
static int acl_count(u16 n, u16 *count, bool *set)
{
	*set = n != POSIX_ACL_NO_CHANGE;
	*count = *set ? n : 0;
	return n > KCIFSD_POSIX_ACL_MAX && *set ? -EINVAL : 0;
}

/**
 * kcifsd_posix_acl_decode() - check an SMB_SET_POSIX_ACL structure
 * @p: the data
 * @len: its length
 * @r: filled in: where each ACL's entries are and how many
 *
 * Every entry must have a known tag, permission bits of rwx only, and an
 * ACL_USER or ACL_GROUP entry an id that is a uid or gid (below all
 * ones); whether the entries make a valid ACL is the kernel's to say.
 * Bytes after the entries are ignored.
 *
 * Return: 0, or -EINVAL for a wrong version, a count over
 * KCIFSD_POSIX_ACL_MAX, entries past @len, a bad entry, or neither ACL
 * to set.
 */
int kcifsd_posix_acl_decode(const u8 *p, unsigned int len,
			    struct kcifsd_posix_acl_req *r)
{
	unsigned int i, n;
	const u8 *e;

	memset(r, 0, sizeof(*r));
	if (len < POSIX_ACL_HDR_SIZE ||
	    get_unaligned_le16(p) != POSIX_ACL_WIRE_VERSION)
		return -EINVAL;
	if (acl_count(get_unaligned_le16(p + 2), &r->nacc, &r->set_acc) ||
	    acl_count(get_unaligned_le16(p + 4), &r->ndef, &r->set_def))
		return -EINVAL;
	if (!r->set_acc && !r->set_def)
		return -EINVAL;
	n = r->nacc + r->ndef;
	if (n > (len - POSIX_ACL_HDR_SIZE) / POSIX_ACE_SIZE)
		return -EINVAL;
	for (i = 0, e = p + POSIX_ACL_HDR_SIZE; i < n;
	     i++, e += POSIX_ACE_SIZE) {
		if (!acl_tag_valid(e[0]) || e[1] & ~7)
			return -EINVAL;
		if (acl_tag_has_id(e[0]) &&
		    get_unaligned_le64(e + 2) >= (u64)U32_MAX)
			return -EINVAL;
	}
	r->acc = p + POSIX_ACL_HDR_SIZE;
	r->def = r->acc + r->nacc * POSIX_ACE_SIZE;
	return 0;
}

/**
 * kcifsd_posix_acl_to_xattr() - wire entries in the VFS's xattr form
 * @aces: entries checked by kcifsd_posix_acl_decode()
 * @n: how many, at most KCIFSD_POSIX_ACL_MAX
 * @buf: where (posix_acl_xattr_size(@n) bytes)
 *
 * Ids are the initial user namespace's, where the server's users live.
 *
 * Return: the bytes written.
 */
unsigned int kcifsd_posix_acl_to_xattr(const u8 *aces, unsigned int n,
				       void *buf)
{
	struct posix_acl_xattr_header *h = buf;
	struct posix_acl_xattr_entry *x = (void *)(h + 1);
	unsigned int i;

	h->a_version = cpu_to_le32(POSIX_ACL_XATTR_VERSION);
	for (i = 0; i < n; i++, aces += POSIX_ACE_SIZE, x++) {
		x->e_tag = cpu_to_le16(aces[0]);
		x->e_perm = cpu_to_le16(aces[1]);
		x->e_id = cpu_to_le32(acl_tag_has_id(aces[0]) ?
				      (u32)get_unaligned_le64(aces + 2) :
				      ACL_UNDEFINED_ID);
	}
	return posix_acl_xattr_size(n);
}

/* One entry on the wire */
static void acl_put_ace(u8 *p, u8 tag, u8 perm, u64 id)
{
	p[0] = tag;
	p[1] = perm;
	put_unaligned_le64(acl_tag_has_id(tag) ? id : U64_MAX, p + 2);
}

/**
 * kcifsd_posix_acl_from_xattr() - an ACL in xattr form as wire entries
 * @x: the value of system.posix_acl_access or _default
 * @len: its length
 * @out: where the entries go
 * @room: bytes there
 *
 * Return: the number of entries written, -EINVAL for a value that is not
 * a POSIX ACL, -ENOSPC when @room is short.
 */
int kcifsd_posix_acl_from_xattr(const void *x, size_t len, u8 *out,
				unsigned int room)
{
	const struct posix_acl_xattr_header *h = x;
	const struct posix_acl_xattr_entry *e = (const void *)(h + 1);
	int i, n;

	n = posix_acl_xattr_count(len);
	if (n < 0 || le32_to_cpu(h->a_version) != POSIX_ACL_XATTR_VERSION)
		return -EINVAL;
	if (n > room / POSIX_ACE_SIZE)
		return -ENOSPC;
	for (i = 0; i < n; i++, e++, out += POSIX_ACE_SIZE) {
		if (le16_to_cpu(e->e_tag) > U8_MAX ||
		    le16_to_cpu(e->e_perm) > U8_MAX)
			return -EINVAL;
		acl_put_ace(out, le16_to_cpu(e->e_tag),
			    le16_to_cpu(e->e_perm), le32_to_cpu(e->e_id));
	}
	return n;
}

/**
 * kcifsd_posix_acl_from_mode() - the access ACL a file without one has:
 *	its owner, group and other permission bits
 * @mode: st_mode
 * @out: where (3 * POSIX_ACE_SIZE bytes)
 *
 * Return: 3, the entries written.
 */
unsigned int kcifsd_posix_acl_from_mode(umode_t mode, u8 *out)
{
	acl_put_ace(out, ACL_USER_OBJ, (mode >> 6) & 7, 0);
	acl_put_ace(out + POSIX_ACE_SIZE, ACL_GROUP_OBJ, (mode >> 3) & 7, 0);
	acl_put_ace(out + 2 * POSIX_ACE_SIZE, ACL_OTHER, mode & 7, 0);
	return 3;
}

/**
 * kcifsd_put_posix_acl_hdr() - Version, AccessCount, DefaultCount
 * @p: where (POSIX_ACL_HDR_SIZE bytes)
 * @nacc: entries of the access ACL
 * @ndef: entries of the default ACL
 */
void kcifsd_put_posix_acl_hdr(u8 *p, u16 nacc, u16 ndef)
{
	put_unaligned_le16(POSIX_ACL_WIRE_VERSION, p);
	put_unaligned_le16(nacc, p + 2);
	put_unaligned_le16(ndef, p + 4);
}

/*
 * One ACL of @obj as wire entries at @out: the stored one, or for an
 * access ACL the one its mode makes. Return: entries, or an error status.
 */
static u32 acl_query_one(struct kcifsd_t2_obj *obj, bool dflt, void *x,
			 u8 *out, unsigned int room, unsigned int *n)
{
	unsigned int len;
	struct kstat st;
	u32 status;
	int r;

	status = kcifsd_vfs_get_acl(obj->tree, &obj->path, dflt, x,
				    ACL_XATTR_MAX, &len);
	if (status)
		return status;
	if (!len && dflt) {
		*n = 0;
		return STATUS_SUCCESS;
	}
	if (!len) {
		status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
		if (status)
			return status;
		if (room < 3 * POSIX_ACE_SIZE)
			return STATUS_BUFFER_OVERFLOW;
		*n = kcifsd_posix_acl_from_mode(st.mode, out);
		return STATUS_SUCCESS;
	}
	r = kcifsd_posix_acl_from_xattr(x, len, out, room);
	if (r == -ENOSPC)
		return STATUS_BUFFER_OVERFLOW;
	if (r < 0)
		return STATUS_UNSUCCESSFUL;
	*n = r;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_unix_query_acl() - SMB_QUERY_POSIX_ACL: the access ACL and the
 *	default ACL of an object
 * @obj: the object (by path or by FID; through a FID the open needs
 *	READ_CONTROL, as for a security descriptor)
 * @p: where the structure goes
 * @room: bytes there (MaxDataCount)
 * @len: the bytes written
 *
 * A file without an access ACL reports the one its mode makes (three
 * entries), an object without a default ACL none.
 *
 * Return: STATUS_SUCCESS; STATUS_NOT_SUPPORTED where the file system
 * keeps no ACLs or for a symlink; STATUS_BUFFER_OVERFLOW when @room is
 * too small; another error status.
 */
u32 kcifsd_unix_query_acl(struct kcifsd_t2_obj *obj, u8 *p,
			  unsigned int room, unsigned int *len)
{
	unsigned int nacc, ndef;
	u32 status;
	void *x;

	if (obj->op && !(obj->op->access & READ_CONTROL))
		return STATUS_ACCESS_DENIED;
	if (room < POSIX_ACL_HDR_SIZE)
		return STATUS_BUFFER_OVERFLOW;
	x = kmalloc(ACL_XATTR_MAX, GFP_KERNEL);
	if (!x)
		return STATUS_NO_MEMORY;
	room -= POSIX_ACL_HDR_SIZE;
	status = acl_query_one(obj, false, x, p + POSIX_ACL_HDR_SIZE, room,
			       &nacc);
	if (!status)
		status = acl_query_one(obj, true, x,
				       p + POSIX_ACL_HDR_SIZE +
				       nacc * POSIX_ACE_SIZE,
				       room - nacc * POSIX_ACE_SIZE, &ndef);
	kfree(x);
	if (status)
		return status;
	kcifsd_put_posix_acl_hdr(p, nacc, ndef);
	*len = POSIX_ACL_HDR_SIZE + (nacc + ndef) * POSIX_ACE_SIZE;
	return STATUS_SUCCESS;
}

/* Set (@n > 0) or remove (@n == 0) one ACL of @obj. */
static u32 acl_set_one(struct kcifsd_t2_obj *obj, bool dflt, const u8 *aces,
		       unsigned int n, void *x)
{
	unsigned int size = n ? kcifsd_posix_acl_to_xattr(aces, n, x) : 0;

	return kcifsd_vfs_set_acl(obj->tree, &obj->path, dflt, x, size);
}

/**
 * kcifsd_unix_set_acl() - SMB_SET_POSIX_ACL: set or remove the access
 *	and/or the default ACL of an object
 * @obj: the object (through a FID the open needs WRITE_DAC)
 * @data: the structure
 * @len: its length
 *
 * The access ACL first, then the default one; the first the kernel
 * refuses ends the request with its status (a non-owner:
 * STATUS_ACCESS_DENIED; an invalid ACL: STATUS_INVALID_PARAMETER; a
 * default ACL on a file: STATUS_ACCESS_DENIED, as setfacl(1) gets
 * EACCES).
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_unix_set_acl(struct kcifsd_t2_obj *obj, const u8 *data,
			unsigned int len)
{
	struct kcifsd_posix_acl_req r;
	u32 status = STATUS_SUCCESS;
	void *x;

	if (obj->op && !(obj->op->access & WRITE_DAC))
		return STATUS_ACCESS_DENIED;
	if (kcifsd_posix_acl_decode(data, len, &r)) {
		pr_debug_ratelimited("SET_POSIX_ACL: malformed ACL (%u bytes)\n",
				     len);
		return STATUS_INVALID_PARAMETER;
	}
	x = kmalloc(ACL_XATTR_MAX, GFP_KERNEL);
	if (!x)
		return STATUS_NO_MEMORY;
	if (r.set_acc)
		status = acl_set_one(obj, false, r.acc, r.nacc, x);
	if (!status && r.set_def)
		status = acl_set_one(obj, true, r.def, r.ndef, x);
	kfree(x);
	return status;
}
