// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct negotiation (MS-SMBD 3.1.5.6, 2.2.1, 2.2.2): what we offer,
 * validating the peer's negotiate request and building the response.
 * The negotiate request is the first thing an unauthenticated peer sends:
 * every field is checked before it sizes anything.
 */

#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "rdma/smbd_proto.h"

/*
 * Defaults. 255 credits as Windows and Linux use (MS-SMBD Appendix B
 * note <3>); 8192-byte messages (Windows' MaxReceiveSize) rather than
 * 1364, because SMB1 moves file data through send/receive only, so the
 * message size bounds throughput.
 */
#define SMBD_DEFAULT_CREDITS	255
#define SMBD_DEFAULT_IO_SIZE	8192

/**
 * kcifsd_smbd_fragmented_default() - default MaxFragmentedRecvSize
 * @recv_credit_max: receive buffers per connection
 * @max_recv_size: their size
 *
 * Half of what all receive buffers together can carry, as the Linux SMB
 * Direct code settled on, but at least the MS-SMBD 3.1.5.6 minimum.
 *
 * Return: the size in bytes.
 */
u32 kcifsd_smbd_fragmented_default(u16 recv_credit_max, u32 max_recv_size)
{
	u64 v = (u64)recv_credit_max *
		(max_recv_size - KCIFSD_SMBD_DATA_OFFSET) / 2;

	v = clamp_t(u64, v, KCIFSD_SMBD_MIN_FRAGMENTED_SIZE,
		    KCIFSD_SMBD_FRAGMENTED_MAX);
	return (u32)v;
}

/**
 * kcifsd_smbd_params_default() - the parameters kcifsd offers by default
 * @p: filled in (MS-SMBD 3.1.1.1 connection parameters)
 */
void kcifsd_smbd_params_default(struct kcifsd_smbd_params *p)
{
	p->recv_credit_max = SMBD_DEFAULT_CREDITS;
	p->send_credit_target = SMBD_DEFAULT_CREDITS;
	p->max_send_size = SMBD_DEFAULT_IO_SIZE;
	p->max_recv_size = SMBD_DEFAULT_IO_SIZE;
	p->max_fragmented_recv_size =
		kcifsd_smbd_fragmented_default(p->recv_credit_max,
					       p->max_recv_size);
	p->max_read_write_size = 0;
}

/**
 * kcifsd_smbd_params_sanitize() - reset out-of-range settings to defaults
 * @p: settings from module parameters; a max_fragmented_recv_size of 0
 *	means "derive it from the credits and the receive size"
 *
 * The caller logs event 4 (setting out of range, default used) for each
 * bit returned.
 *
 * Return: a mask of KCIFSD_SMBD_PARAM_* naming the fields that were reset.
 */
unsigned int kcifsd_smbd_params_sanitize(struct kcifsd_smbd_params *p)
{
	struct kcifsd_smbd_params def;
	unsigned int reset = 0;

	kcifsd_smbd_params_default(&def);
	if (p->recv_credit_max < KCIFSD_SMBD_CREDITS_MIN ||
	    p->recv_credit_max > KCIFSD_SMBD_CREDITS_MAX) {
		p->recv_credit_max = def.recv_credit_max;
		reset |= KCIFSD_SMBD_PARAM_RECV_CREDIT_MAX;
	}
	if (p->send_credit_target < KCIFSD_SMBD_CREDITS_MIN ||
	    p->send_credit_target > KCIFSD_SMBD_CREDITS_MAX) {
		p->send_credit_target = def.send_credit_target;
		reset |= KCIFSD_SMBD_PARAM_SEND_CREDIT_TARGET;
	}
	if (p->max_send_size < KCIFSD_SMBD_SEND_SIZE_MIN ||
	    p->max_send_size > KCIFSD_SMBD_IO_SIZE_MAX) {
		p->max_send_size = def.max_send_size;
		reset |= KCIFSD_SMBD_PARAM_MAX_SEND_SIZE;
	}
	if (p->max_recv_size < KCIFSD_SMBD_RECV_SIZE_MIN ||
	    p->max_recv_size > KCIFSD_SMBD_IO_SIZE_MAX) {
		p->max_recv_size = def.max_recv_size;
		reset |= KCIFSD_SMBD_PARAM_MAX_RECV_SIZE;
	}
	if (p->max_fragmented_recv_size &&
	    (p->max_fragmented_recv_size < KCIFSD_SMBD_MIN_FRAGMENTED_SIZE ||
	     p->max_fragmented_recv_size > KCIFSD_SMBD_FRAGMENTED_MAX)) {
		p->max_fragmented_recv_size = 0;
		reset |= KCIFSD_SMBD_PARAM_MAX_FRAGMENTED;
	}
	if (!p->max_fragmented_recv_size)
		p->max_fragmented_recv_size =
			kcifsd_smbd_fragmented_default(p->recv_credit_max,
						       p->max_recv_size);
	p->max_read_write_size = 0;
	return reset;
}

/**
 * kcifsd_smbd_negotiate_req_parse() - validate a Negotiate Request and
 *	derive the connection's sizes (MS-SMBD 3.1.5.6)
 * @buf: the received message
 * @len: its length as the receive completion reported it
 * @ours: what we offer
 * @neg: out: the negotiated sizes; @neg->peer_min_version and
 *	@neg->peer_max_version are also set when the versions do not match
 *
 * Return: 0; KCIFSD_SMBD_EV_NO_VERSION when the peer's version range does
 * not include 0x0100 (the caller sends a failure response with
 * STATUS_NOT_SUPPORTED, MS-SMBD 3.1.5.6, then disconnects); or
 * KCIFSD_SMBD_EV_INVALID for a message shorter than 20 bytes, zero
 * CreditsRequested, MaxReceiveSize below 128 or MaxFragmentedSize below
 * 131072 (the caller disconnects without a response).
 */
int kcifsd_smbd_negotiate_req_parse(const void *buf, u32 len,
				    const struct kcifsd_smbd_params *ours,
				    struct kcifsd_smbd_negotiated *neg)
{
	const struct kcifsd_smbd_negotiate_req *req = buf;
	u32 preferred_send, max_recv, max_frag;
	u16 min_v, max_v, credits;

	memset(neg, 0, sizeof(*neg));
	if (len < KCIFSD_SMBD_NEGOTIATE_REQ_SIZE)
		return KCIFSD_SMBD_EV_INVALID;

	min_v = le16_to_cpu(req->min_version);
	max_v = le16_to_cpu(req->max_version);
	neg->peer_min_version = min_v;
	neg->peer_max_version = max_v;
	/* An inverted range contains nothing, 0x0100 included. */
	if (min_v > KCIFSD_SMBD_VERSION_1 || max_v < KCIFSD_SMBD_VERSION_1)
		return KCIFSD_SMBD_EV_NO_VERSION;

	credits = le16_to_cpu(req->credits_requested);
	preferred_send = le32_to_cpu(req->preferred_send_size);
	max_recv = le32_to_cpu(req->max_receive_size);
	max_frag = le32_to_cpu(req->max_fragmented_size);
	if (!credits || max_recv < KCIFSD_SMBD_MIN_RECEIVE_SIZE ||
	    max_frag < KCIFSD_SMBD_MIN_FRAGMENTED_SIZE)
		return KCIFSD_SMBD_EV_INVALID;

	neg->recv_credit_target = min(credits, ours->recv_credit_max);
	neg->max_recv_size = max_t(u32, min(ours->max_recv_size, preferred_send),
				   KCIFSD_SMBD_MIN_RECEIVE_SIZE);
	neg->max_send_size = min(ours->max_send_size, max_recv);
	neg->max_fragmented_send_size = max_frag;
	neg->max_fragmented_recv_size = ours->max_fragmented_recv_size;
	return 0;
}

/**
 * kcifsd_smbd_negotiate_rsp_build() - a successful Negotiate Response
 *	(MS-SMBD 2.2.2, 3.1.5.6)
 * @rsp: the 32-byte response to fill
 * @ours: what we offer (CreditsRequested is our SendCreditTarget)
 * @neg: the result of kcifsd_smbd_negotiate_req_parse()
 * @credits_granted: receives posted for the peer (Connection.ReceiveCredits),
 *	at least 1
 */
void kcifsd_smbd_negotiate_rsp_build(struct kcifsd_smbd_negotiate_rsp *rsp,
				     const struct kcifsd_smbd_params *ours,
				     const struct kcifsd_smbd_negotiated *neg,
				     u16 credits_granted)
{
	memset(rsp, 0, sizeof(*rsp));
	rsp->min_version = cpu_to_le16(KCIFSD_SMBD_VERSION_1);
	rsp->max_version = cpu_to_le16(KCIFSD_SMBD_VERSION_1);
	rsp->negotiated_version = cpu_to_le16(KCIFSD_SMBD_VERSION_1);
	rsp->credits_requested = cpu_to_le16(ours->send_credit_target);
	rsp->credits_granted = cpu_to_le16(credits_granted);
	rsp->status = cpu_to_le32(KCIFSD_SMBD_STATUS_SUCCESS);
	rsp->max_read_write_size = cpu_to_le32(ours->max_read_write_size);
	rsp->preferred_send_size = cpu_to_le32(neg->max_send_size);
	rsp->max_receive_size = cpu_to_le32(neg->max_recv_size);
	rsp->max_fragmented_size = cpu_to_le32(neg->max_fragmented_recv_size);
}

/**
 * kcifsd_smbd_negotiate_rsp_fail() - a failure Negotiate Response
 *	(MS-SMBD 3.1.5.3)
 * @rsp: the 32-byte response to fill
 * @status: an error NTSTATUS, e.g. KCIFSD_SMBD_STATUS_NOT_SUPPORTED
 *
 * Only our version range and @status are set, so the peer can report
 * which versions we speak; everything else is zero.
 */
void kcifsd_smbd_negotiate_rsp_fail(struct kcifsd_smbd_negotiate_rsp *rsp,
				    u32 status)
{
	memset(rsp, 0, sizeof(*rsp));
	rsp->min_version = cpu_to_le16(KCIFSD_SMBD_VERSION_1);
	rsp->max_version = cpu_to_le16(KCIFSD_SMBD_VERSION_1);
	rsp->status = cpu_to_le32(status);
}
