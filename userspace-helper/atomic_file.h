/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole-file replacement that a crash or a concurrent reader never sees
 * half done, and a lock that serialises concurrent editors.
 */
#ifndef KCIFSCTL_ATOMIC_FILE_H
#define KCIFSCTL_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replace @path with @len bytes of @data: a temporary file in the same
 * directory, fsync, rename over @path. The new file gets @mode, or the
 * old file's mode and owner if it existed and @mode is 0. Returns 0 or
 * -errno.
 */
int atomic_write_file(const char *path, const void *data, size_t len,
		      mode_t mode);

/*
 * Read all of @path into a NUL-terminated malloc'ed buffer. Returns 0,
 * -ENOENT when it does not exist, or another -errno.
 */
int read_whole_file(const char *path, char **data, size_t *len);

/*
 * Take an exclusive lock on the directory holding @path, so that two
 * kcifsctl editing the same file do not lose each other's change. A
 * missing directory is created (mode 0755).
 * Returns a descriptor for edit_unlock(), or -errno.
 */
int edit_lock(const char *path);
void edit_unlock(int fd);

#endif /* KCIFSCTL_ATOMIC_FILE_H */
