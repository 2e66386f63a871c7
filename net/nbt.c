// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NetBIOS session service on port 139 (RFC 1002 4.3): what it adds to
 * the TCP transport in net/tcp.c. A connection must open with a SESSION
 * REQUEST, answered with a POSITIVE or NEGATIVE SESSION RESPONSE; SESSION
 * KEEP ALIVEs are ignored; everything else is a SESSION MESSAGE carrying
 * one SMB message (MS-CIFS 2.1.1.2).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/printk.h>

#include "net/connection.h"
#include "net/server.h"
#include "net/tcp_transport.h"

/* RFC 1001 14.1 / MS-CIFS 2.1.1.2: the server service's name suffix. */
#define NBT_SERVER_SUFFIX	0x20

static int nbt_protocol_error(struct kcifsd_tcp_conn *t, const char *why)
{
	pr_debug("%pISpc: NetBIOS: %s\n", &t->conn->peer, why);
	kcifsd_server_count_drop(KCIFSD_DROP_BAD_FRAME);
	return -EPROTO;
}

/**
 * kcifsd_nbt_rx_header() - what follows a NetBIOS session packet header
 * @t: the connection
 * @type: the packet type from kcifsd_frame_parse()
 * @len: the length from kcifsd_frame_parse()
 *
 * RFC 1002 4.3: one SESSION REQUEST first and only then SESSION MESSAGEs;
 * a KEEP ALIVE (length 0) at any time. Response packet types come only
 * from servers.
 *
 * Return: enum kcifsd_tcp_rx, or -EPROTO to disconnect.
 */
int kcifsd_nbt_rx_header(struct kcifsd_tcp_conn *t, u8 type, u32 len)
{
	switch (type) {
	case KCIFSD_NBT_SESSION_MESSAGE:
		if (!t->session_ok)
			return nbt_protocol_error(t, "message before session request");
		return KCIFSD_RX_MESSAGE;
	case KCIFSD_NBT_SESSION_REQUEST:
		if (t->session_ok)
			return nbt_protocol_error(t, "second session request");
		if (len < KCIFSD_NBT_SESSION_REQUEST_MIN ||
		    len > KCIFSD_NBT_SESSION_REQUEST_MAX)
			return nbt_protocol_error(t, "bad session request length");
		return KCIFSD_RX_CONTROL;
	case KCIFSD_NBT_SESSION_KEEP_ALIVE:
		if (len)
			return nbt_protocol_error(t, "keepalive with a body");
		return KCIFSD_RX_NONE;
	default:
		return nbt_protocol_error(t, "unexpected packet type");
	}
}

static int nbt_respond(struct kcifsd_tcp_conn *t, bool positive, u8 err)
{
	u8 pkt[KCIFSD_FRAME_HDR_SIZE + 1];
	u32 len = positive ? 0 : 1;

	kcifsd_frame_build(pkt, true, positive ? KCIFSD_NBT_POSITIVE_RESPONSE :
						 KCIFSD_NBT_NEGATIVE_RESPONSE,
			   len);
	pkt[KCIFSD_FRAME_HDR_SIZE] = err;
	return kcifsd_tcp_send_raw(t, pkt, KCIFSD_FRAME_HDR_SIZE + len);
}

/**
 * kcifsd_nbt_rx_control() - act on a whole NetBIOS control packet
 * @t: the connection
 * @body: the packet body (a SESSION REQUEST: kcifsd_nbt_rx_header() lets
 *	no other control packet through)
 * @len: its length
 *
 * Any called name is accepted, as Windows and Samba do: clients that
 * connect by address call "*SMBSERVER". The suffix must be the server
 * service's (0x20). A refused request gets a NEGATIVE SESSION RESPONSE
 * and the connection is closed (RFC 1002 4.3.2).
 *
 * Return: 0 when the session is established, a negative errno otherwise.
 */
int kcifsd_nbt_rx_control(struct kcifsd_tcp_conn *t, const u8 *body, u32 len)
{
	char called[KCIFSD_NBT_NAME_LEN], calling[KCIFSD_NBT_NAME_LEN];
	int ret;

	if (kcifsd_nbt_parse_session_request(body, len, called, calling)) {
		nbt_respond(t, false, KCIFSD_NBT_ERR_UNSPECIFIED);
		return nbt_protocol_error(t, "malformed session request");
	}
	if (called[KCIFSD_NBT_NAME_LEN - 1] != NBT_SERVER_SUFFIX) {
		nbt_respond(t, false, KCIFSD_NBT_ERR_NOT_LISTENING_CALLED);
		return nbt_protocol_error(t, "called name is not a server");
	}
	ret = nbt_respond(t, true, 0);
	if (ret)
		return ret;
	t->session_ok = true;
	pr_debug("%pISpc: NetBIOS session %*pE -> %*pE\n", &t->conn->peer,
		 KCIFSD_NBT_NAME_LEN - 1, calling,
		 KCIFSD_NBT_NAME_LEN - 1, called);
	return 0;
}
