// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsd module entry: brings the subsystems up in dependency order and
 * takes them down in reverse.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "net/ipc.h"
#include "net/kcifsd_netlink.h"
#include "net/server.h"
#include "rdma/smbd.h"

static int __init kcifsd_init(void)
{
	int ret;

	/* SMB Direct adapters first: autostart may open its listeners. */
	ret = kcifsd_smbd_init();
	if (ret)
		return ret;
	/* The worker pool and, with autostart, the listeners. */
	ret = kcifsd_server_init();
	if (ret) {
		kcifsd_smbd_exit();
		return ret;
	}
	/* The helper's channel: its START needs the server set up. */
	ret = kcifsd_ipc_init();
	if (ret) {
		kcifsd_server_exit();
		kcifsd_smbd_exit();
		return ret;
	}
	pr_info("version %s loaded\n", KCIFSD_VERSION);
	return 0;
}

static void __exit kcifsd_exit(void)
{
	/* The helper first: it is told to exit, pending questions fail. */
	kcifsd_ipc_exit();
	/* Listeners and connections first: none may outlive fs/ state. */
	kcifsd_server_exit();
	kcifsd_smbd_exit();
	pr_info("version %s unloaded\n", KCIFSD_VERSION);
}

module_init(kcifsd_init);
module_exit(kcifsd_exit);

MODULE_AUTHOR("kcifsd developers");
MODULE_DESCRIPTION("In-kernel SMB1 (CIFS) file server");
MODULE_LICENSE("GPL");
MODULE_VERSION(KCIFSD_VERSION);
