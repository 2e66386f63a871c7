/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Information levels: the numbers (MS-CIFS 2.2.2.3, MS-SMB 2.2.2.3.5 for
 * the pass-through ones) and the field fillers every level that carries
 * the same fields shares, so FIND entries (fs/trans2_find.c), QUERY
 * answers (fs/trans2_info.c) and file-system answers (fs/trans2_fsinfo.c)
 * encode a time, a size, an attribute set or a name one way.
 *
 * A level is built from a struct kcifsd_info, gathered once per file by
 * kcifsd_info_get().
 */
#ifndef _KCIFSD_INFOLEVEL_H
#define _KCIFSD_INFOLEVEL_H

#include <linux/path.h>
#include <linux/stat.h>
#include <linux/types.h>

struct kcifsd_tree;

/* FIND levels (MS-CIFS 2.2.2.3.1; MS-SMB 2.2.2.3.1 for 0x105, 0x106) */
#define SMB_INFO_STANDARD			0x0001
#define SMB_INFO_QUERY_EA_SIZE			0x0002
#define SMB_INFO_QUERY_EAS_FROM_LIST		0x0003
#define SMB_FIND_FILE_DIRECTORY_INFO		0x0101
#define SMB_FIND_FILE_FULL_DIRECTORY_INFO	0x0102
#define SMB_FIND_FILE_NAMES_INFO		0x0103
#define SMB_FIND_FILE_BOTH_DIRECTORY_INFO	0x0104
#define SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO	0x0105
#define SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO	0x0106

/* QUERY_FS levels (MS-CIFS 2.2.2.3.2) */
#define SMB_INFO_ALLOCATION			0x0001
#define SMB_INFO_VOLUME				0x0002
#define SMB_QUERY_FS_VOLUME_INFO		0x0102
#define SMB_QUERY_FS_SIZE_INFO			0x0103
#define SMB_QUERY_FS_DEVICE_INFO		0x0104
#define SMB_QUERY_FS_ATTRIBUTE_INFO		0x0105

/* QUERY_PATH / QUERY_FILE levels (MS-CIFS 2.2.2.3.3) */
#define SMB_INFO_QUERY_ALL_EAS			0x0004
#define SMB_INFO_IS_NAME_VALID			0x0006
#define SMB_QUERY_FILE_BASIC_INFO		0x0101
#define SMB_QUERY_FILE_STANDARD_INFO		0x0102
#define SMB_QUERY_FILE_EA_INFO			0x0103
#define SMB_QUERY_FILE_NAME_INFO		0x0104
#define SMB_QUERY_FILE_ALL_INFO			0x0107
#define SMB_QUERY_FILE_ALT_NAME_INFO		0x0108
#define SMB_QUERY_FILE_STREAM_INFO		0x0109
#define SMB_QUERY_FILE_COMPRESSION_INFO		0x010B

/* SET_PATH / SET_FILE levels (MS-CIFS 2.2.2.3.4) */
#define SMB_INFO_SET_EAS			0x0002
#define SMB_SET_FILE_BASIC_INFO			0x0101
#define SMB_SET_FILE_DISPOSITION_INFO		0x0102
#define SMB_SET_FILE_ALLOCATION_INFO		0x0103
#define SMB_SET_FILE_END_OF_FILE_INFO		0x0104

/*
 * Pass-through levels (MS-SMB 2.2.2.3.5): SMB_INFO_PASSTHROUGH plus an
 * MS-FSCC 2.4 file or 2.5 file-system information class.
 */
#define SMB_INFO_PASSTHROUGH			1000
#define FILE_BASIC_INFORMATION			4
#define FILE_STANDARD_INFORMATION		5
#define FILE_INTERNAL_INFORMATION		6
#define FILE_EA_INFORMATION			7
#define FILE_ACCESS_INFORMATION			8
#define FILE_NAME_INFORMATION			9
#define FILE_RENAME_INFORMATION			10
#define FILE_LINK_INFORMATION			11
#define FILE_DISPOSITION_INFORMATION		13
#define FILE_POSITION_INFORMATION		14
#define FILE_FULL_EA_INFORMATION		15
#define FILE_MODE_INFORMATION			16
#define FILE_ALIGNMENT_INFORMATION		17
#define FILE_ALL_INFORMATION			18
#define FILE_ALLOCATION_INFORMATION		19
#define FILE_END_OF_FILE_INFORMATION		20
#define FILE_ALTERNATE_NAME_INFORMATION		21
#define FILE_STREAM_INFORMATION			22
#define FILE_COMPRESSION_INFORMATION		28
#define FILE_NETWORK_OPEN_INFORMATION		34
#define FILE_ATTRIBUTE_TAG_INFORMATION		35

#define FILE_FS_VOLUME_INFORMATION		1
#define FILE_FS_SIZE_INFORMATION		3
#define FILE_FS_DEVICE_INFORMATION		4
#define FILE_FS_ATTRIBUTE_INFORMATION		5
#define FILE_FS_CONTROL_INFORMATION		6
#define FILE_FS_FULL_SIZE_INFORMATION		7
#define FILE_FS_SECTOR_SIZE_INFORMATION		11

/**
 * struct kcifsd_info - what the information levels say about one file
 * @st: its attributes
 * @create: CreationTime, FILETIME
 * @access: LastAccessTime
 * @write: LastWriteTime
 * @change: ChangeTime
 * @attrs: SMB_EXT_FILE_ATTR (fs/dosattr.c)
 * @eof: EndOfFile (0 for a directory)
 * @alloc: AllocationSize
 * @file_id: the inode number: stable, unique on the share's file system
 *	(FileInternalInformation.IndexNumber, FileId)
 * @nlink: NumberOfLinks
 * @is_dir: a directory
 * @delete_pending: DeletePending (an open asked for delete-on-close)
 * @ea_size: EaSize: the bytes of its EAs as an SMB_FEA_LIST, 0 for none
 *	(fs/ea.c)
 * @path: the file kcifsd_info_get() was given, for encoders that read
 *	more of it (the EA levels); only as long as the caller holds it
 */
struct kcifsd_info {
	struct kstat st;
	u64 create;
	u64 access;
	u64 write;
	u64 change;
	u32 attrs;
	u64 eof;
	u64 alloc;
	u64 file_id;
	u32 nlink;
	bool is_dir;
	bool delete_pending;
	u32 ea_size;
	const struct path *path;
};

u32 kcifsd_info_get(const struct kcifsd_tree *tree, const struct path *path,
		    struct kcifsd_info *info);

/* Field fillers; each returns the bytes it wrote. */
unsigned int kcifsd_put_filetimes(u8 *p, const struct kcifsd_info *info);
unsigned int kcifsd_put_basic(u8 *p, const struct kcifsd_info *info);
unsigned int kcifsd_put_standard(u8 *p, const struct kcifsd_info *info);
unsigned int kcifsd_put_network_open(u8 *p, const struct kcifsd_info *info);
unsigned int kcifsd_put_dos_times(u8 *p, const struct kcifsd_info *info);
unsigned int kcifsd_put_info_standard(u8 *p, const struct kcifsd_info *info);

void kcifsd_smb_datetime(u64 filetime, u16 *date, u16 *time);
u64 kcifsd_smb_datetime_to_filetime(u16 date, u16 time);

int kcifsd_put_name(u8 *p, unsigned int room, const char *name,
		    unsigned int len, bool unicode);
int kcifsd_name_size(const char *name, unsigned int len, bool unicode);

#endif /* _KCIFSD_INFOLEVEL_H */
