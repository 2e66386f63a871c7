// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct data transfer messages (MS-SMBD 2.2.3): header validation
 * and construction, splitting an upper-layer message into fragments
 * (3.1.4.2, 3.1.5.4) and the length rules of reassembly (3.1.5.8).
 * Every length comes from the peer: sums are done in 64 bits.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "rdma/smbd_proto.h"

/**
 * kcifsd_smbd_data_parse() - validate a received Data Transfer message
 *	(MS-SMBD 3.1.5.8)
 * @buf: the message
 * @len: its length as the receive completion reported it
 * @max_fragmented: our MaxFragmentedRecvSize
 * @d: out: the header fields
 *
 * The MS-SMBD checks: at least 20 bytes, CreditsRequested at least 1,
 * DataOffset 8-byte aligned, DataOffset + DataLength within the message,
 * DataLength + RemainingDataLength at most @max_fragmented. Two more that
 * follow from 2.2.3: a payload cannot start inside the header (DataOffset
 * at least 24 when DataLength > 0), and a message without payload cannot
 * announce more to come (RemainingDataLength 0 when DataLength is 0).
 * Padding and Reserved are ignored, as 2.2.3 requires.
 *
 * Return: 0, or KCIFSD_SMBD_EV_INVALID (disconnect).
 */
int kcifsd_smbd_data_parse(const void *buf, u32 len, u32 max_fragmented,
			   struct kcifsd_smbd_data_info *d)
{
	const struct kcifsd_smbd_data_hdr *hdr = buf;

	if (len < KCIFSD_SMBD_DATA_MIN_SIZE)
		return KCIFSD_SMBD_EV_INVALID;

	d->credits_requested = le16_to_cpu(hdr->credits_requested);
	d->credits_granted = le16_to_cpu(hdr->credits_granted);
	d->flags = le16_to_cpu(hdr->flags);
	d->remaining = le32_to_cpu(hdr->remaining_data_length);
	d->offset = le32_to_cpu(hdr->data_offset);
	d->length = le32_to_cpu(hdr->data_length);

	if (!d->credits_requested)
		return KCIFSD_SMBD_EV_INVALID;
	if (d->offset % KCIFSD_SMBD_DATA_ALIGN)
		return KCIFSD_SMBD_EV_INVALID;
	if ((u64)d->offset + d->length > len)
		return KCIFSD_SMBD_EV_INVALID;
	if ((u64)d->length + d->remaining > max_fragmented)
		return KCIFSD_SMBD_EV_INVALID;
	if (d->length && d->offset < KCIFSD_SMBD_DATA_OFFSET)
		return KCIFSD_SMBD_EV_INVALID;
	if (!d->length && d->remaining)
		return KCIFSD_SMBD_EV_INVALID;
	return 0;
}

/**
 * kcifsd_smbd_data_build() - fill in a Data Transfer message header
 *	(MS-SMBD 2.2.3, 3.1.5.1)
 * @hdr: the header; the payload, if any, follows at offset 24
 * @credits_requested: our SendCreditTarget
 * @credits_granted: credits this message grants
 * @flags: KCIFSD_SMBD_FLAG_*
 * @remaining: payload bytes of this upper-layer message after this one
 * @length: payload bytes in this message
 *
 * Return: the header length: 20 without payload, 24 with (the padding
 * puts the payload on the 8-byte boundary the spec asks for).
 */
u32 kcifsd_smbd_data_build(struct kcifsd_smbd_data_hdr *hdr,
			   u16 credits_requested, u16 credits_granted,
			   u16 flags, u32 remaining, u32 length)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->credits_requested = cpu_to_le16(credits_requested);
	hdr->credits_granted = cpu_to_le16(credits_granted);
	hdr->flags = cpu_to_le16(flags);
	hdr->remaining_data_length = cpu_to_le32(remaining);
	hdr->data_length = cpu_to_le32(length);
	if (!length)
		return KCIFSD_SMBD_DATA_MIN_SIZE;
	hdr->data_offset = cpu_to_le32(KCIFSD_SMBD_DATA_OFFSET);
	return KCIFSD_SMBD_DATA_OFFSET;
}

/**
 * kcifsd_smbd_frag_init() - start splitting an upper-layer message
 *	(MS-SMBD 3.1.4.2)
 * @f: the splitter
 * @total: bytes of the message, at least 1
 * @neg: the connection's negotiated sizes
 *
 * Return: 0, -EINVAL for an empty message, or -EMSGSIZE when @total is
 * more than the peer can reassemble (MaxFragmentedSendSize): the upper
 * layer must never build such a message, so this is a local error.
 */
int kcifsd_smbd_frag_init(struct kcifsd_smbd_frag *f, u32 total,
			  const struct kcifsd_smbd_negotiated *neg)
{
	if (!total)
		return -EINVAL;
	if (total > neg->max_fragmented_send_size)
		return -EMSGSIZE;
	if (neg->max_send_size <= KCIFSD_SMBD_DATA_OFFSET)
		return -EMSGSIZE;
	f->total = total;
	f->sent = 0;
	f->max_payload = neg->max_send_size - KCIFSD_SMBD_DATA_OFFSET;
	return 0;
}

/**
 * kcifsd_smbd_frag_next() - size the next fragment
 * @f: the splitter
 * @limit: at most this many payload bytes (the transport may need a
 *	shorter fragment, e.g. when it runs out of scatter/gather entries);
 *	0 means no limit beyond MaxSendSize
 * @len: out: payload bytes of the next fragment
 * @remaining: out: its RemainingDataLength
 *
 * Return: true if a fragment was sized, false when the message is done.
 */
bool kcifsd_smbd_frag_next(struct kcifsd_smbd_frag *f, u32 limit, u32 *len,
			   u32 *remaining)
{
	u32 n;

	if (f->sent >= f->total)
		return false;
	n = min(f->total - f->sent, f->max_payload);
	if (limit)
		n = min(n, limit);
	f->sent += n;
	*len = n;
	*remaining = f->total - f->sent;
	return true;
}

/**
 * kcifsd_smbd_reasm_add() - place one fragment's payload (MS-SMBD 3.1.5.8)
 * @r: the connection's reassembly state
 * @d: the fragment's header, already checked by kcifsd_smbd_data_parse()
 * @max_fragmented: our MaxFragmentedRecvSize
 * @step: out: what to do with the payload
 * @offset: out: where it goes in the reassembly buffer
 *
 * The first fragment announces the message size: DataLength +
 * RemainingDataLength. Every later fragment must fit in what is left and
 * announce exactly what is left after it. A message without payload in
 * the middle of a fragmented one counts as an early end: MS-SMBD 3.1.5.1
 * sends a message's fragments back to back, credit messages included.
 *
 * Return: 0, or the violation: KCIFSD_SMBD_EV_REASM_LARGER (more data than
 * the first fragment announced), KCIFSD_SMBD_EV_REASM_SMALLER (less), or
 * KCIFSD_SMBD_EV_INVALID (bigger than @max_fragmented).
 */
int kcifsd_smbd_reasm_add(struct kcifsd_smbd_reasm *r,
			  const struct kcifsd_smbd_data_info *d,
			  u32 max_fragmented,
			  enum kcifsd_smbd_reasm_step *step, u32 *offset)
{
	u64 total = (u64)d->length + d->remaining;
	u32 left;

	if (!d->length) {
		if (r->total)
			return KCIFSD_SMBD_EV_REASM_SMALLER;
		if (d->remaining)
			return KCIFSD_SMBD_EV_INVALID;
		*step = KCIFSD_SMBD_REASM_NONE;
		*offset = 0;
		return 0;
	}
	if (total > max_fragmented)
		return KCIFSD_SMBD_EV_INVALID;

	if (!r->total) {
		r->total = (u32)total;
		r->received = d->length;
		*step = KCIFSD_SMBD_REASM_FIRST;
		*offset = 0;
		return 0;
	}

	left = r->total - r->received;
	if (d->length > left)
		return KCIFSD_SMBD_EV_REASM_LARGER;
	left -= d->length;
	if (d->remaining > left)
		return KCIFSD_SMBD_EV_REASM_LARGER;
	if (d->remaining < left)
		return KCIFSD_SMBD_EV_REASM_SMALLER;
	*step = KCIFSD_SMBD_REASM_MORE;
	*offset = r->received;
	r->received += d->length;
	return 0;
}

/**
 * kcifsd_smbd_reasm_complete() - has the whole message arrived?
 * @r: the connection's reassembly state
 *
 * Return: true when the buffer holds the whole upper-layer message; the
 * caller hands it up and calls kcifsd_smbd_reasm_reset().
 */
bool kcifsd_smbd_reasm_complete(const struct kcifsd_smbd_reasm *r)
{
	return r->total && r->received == r->total;
}

/**
 * kcifsd_smbd_reasm_reset() - forget the message being reassembled
 * @r: the connection's reassembly state
 */
void kcifsd_smbd_reasm_reset(struct kcifsd_smbd_reasm *r)
{
	r->total = 0;
	r->received = 0;
}
