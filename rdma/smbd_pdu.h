/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB Direct wire format (MS-SMBD 2.2): the negotiate request and
 * response and the data transfer message. Every field is little-endian
 * (MS-SMBD 2.2); Reserved and Padding are sent as zero and ignored on
 * receipt.
 */
#ifndef _KCIFSD_SMBD_PDU_H
#define _KCIFSD_SMBD_PDU_H

#include <linux/build_bug.h>
#include <linux/types.h>

/* MS-SMBD 1.7: the only protocol version there is (SMBDirect 1.0). */
#define KCIFSD_SMBD_VERSION_1			0x0100

/* MS-SMBD 2.2.3: Flags of a data transfer message. */
#define KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED	0x0001

/* MS-SMBD 2.2.1 / 2.2.2: fixed message sizes. */
#define KCIFSD_SMBD_NEGOTIATE_REQ_SIZE		20
#define KCIFSD_SMBD_NEGOTIATE_RSP_SIZE		32

/*
 * MS-SMBD 2.2.3: a data transfer message without payload is 20 bytes;
 * with payload the 4 padding bytes put the payload at offset 24, the
 * first 8-byte aligned offset after the header.
 */
#define KCIFSD_SMBD_DATA_MIN_SIZE		20
#define KCIFSD_SMBD_DATA_OFFSET			24
#define KCIFSD_SMBD_DATA_ALIGN			8

/* MS-SMBD 3.1.5.6 / 3.1.5.7: smallest sizes a peer may announce. */
#define KCIFSD_SMBD_MIN_RECEIVE_SIZE		128
#define KCIFSD_SMBD_MIN_FRAGMENTED_SIZE		131072

/* MS-SMBD 3.1.4.1 / 3.1.7.2: the first receive is at least this big. */
#define KCIFSD_SMBD_NEGOTIATE_RECV_SIZE		512

/* NTSTATUS values of a negotiate response (MS-ERREF 2.3.1). */
#define KCIFSD_SMBD_STATUS_SUCCESS		0x00000000U
#define KCIFSD_SMBD_STATUS_NOT_SUPPORTED	0xC00000BBU
#define KCIFSD_SMBD_STATUS_INSUFFICIENT_RESOURCES 0xC000009AU

/**
 * struct kcifsd_smbd_negotiate_req - MS-SMBD 2.2.1 Negotiate Request
 * @min_version: lowest version the initiator speaks
 * @max_version: highest version the initiator speaks
 * @reserved: zero
 * @credits_requested: send credits the initiator asks for (its
 *	SendCreditTarget)
 * @preferred_send_size: largest message the initiator wants to send
 * @max_receive_size: largest message the initiator can receive
 * @max_fragmented_size: largest upper-layer message the initiator can
 *	reassemble
 */
struct kcifsd_smbd_negotiate_req {
	__le16 min_version;
	__le16 max_version;
	__le16 reserved;
	__le16 credits_requested;
	__le32 preferred_send_size;
	__le32 max_receive_size;
	__le32 max_fragmented_size;
} __packed;

/**
 * struct kcifsd_smbd_negotiate_rsp - MS-SMBD 2.2.2 Negotiate Response
 * @min_version: lowest version the responder speaks
 * @max_version: highest version the responder speaks
 * @negotiated_version: the version chosen; 0 in a failure response
 * @reserved: zero
 * @credits_requested: send credits the responder asks for
 * @credits_granted: receives the responder has posted for the initiator
 * @status: NTSTATUS, 0 on success
 * @max_read_write_size: largest RDMA read/write the responder performs
 * @preferred_send_size: largest message the responder will send
 * @max_receive_size: largest message the responder can receive
 * @max_fragmented_size: largest upper-layer message the responder can
 *	reassemble
 */
struct kcifsd_smbd_negotiate_rsp {
	__le16 min_version;
	__le16 max_version;
	__le16 negotiated_version;
	__le16 reserved;
	__le16 credits_requested;
	__le16 credits_granted;
	__le32 status;
	__le32 max_read_write_size;
	__le32 preferred_send_size;
	__le32 max_receive_size;
	__le32 max_fragmented_size;
} __packed;

/**
 * struct kcifsd_smbd_data_hdr - MS-SMBD 2.2.3 Data Transfer message header
 * @credits_requested: total send credits the sender wants to hold
 * @credits_granted: send credits granted by this message (incremental)
 * @flags: KCIFSD_SMBD_FLAG_*
 * @reserved: zero
 * @remaining_data_length: payload bytes still to come after this
 *	fragment; 0 on the last one
 * @data_offset: where the payload starts, 8-byte aligned; 0 without
 * @data_length: payload bytes in this message
 * @padding: present only with a payload, so that it starts at 24
 */
struct kcifsd_smbd_data_hdr {
	__le16 credits_requested;
	__le16 credits_granted;
	__le16 flags;
	__le16 reserved;
	__le32 remaining_data_length;
	__le32 data_offset;
	__le32 data_length;
	__le32 padding;
} __packed;

static_assert(sizeof(struct kcifsd_smbd_negotiate_req) ==
	      KCIFSD_SMBD_NEGOTIATE_REQ_SIZE);
static_assert(sizeof(struct kcifsd_smbd_negotiate_rsp) ==
	      KCIFSD_SMBD_NEGOTIATE_RSP_SIZE);
static_assert(sizeof(struct kcifsd_smbd_data_hdr) ==
	      KCIFSD_SMBD_DATA_OFFSET);

#endif /* _KCIFSD_SMBD_PDU_H */
