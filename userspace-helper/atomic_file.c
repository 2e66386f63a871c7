// SPDX-License-Identifier: GPL-2.0-only
/*
 * Atomic rewrite of the config and the user database: a reader (the
 * daemon) sees either the old or the new file, never a truncated one.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"

static char *dir_of(const char *path)
{
	char *copy = strdup(path);
	char *dir;

	if (!copy)
		return NULL;
	dir = strdup(dirname(copy));
	free(copy);
	return dir;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_write_file(const char *path, const void *data, size_t len,
		      mode_t mode)
{
	struct stat st;
	char *tmp = NULL, *dir = NULL;
	int fd = -1, dfd, ret;
	int have_old = stat(path, &st) == 0;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = -errno;
		goto out_free;
	}
	if (fchmod(fd, mode ? mode : have_old ? st.st_mode & 07777 : 0644)) {
		ret = -errno;
		goto out_unlink;
	}
	/* Keep the owner of a file root edits for someone else. */
	if (!mode && have_old && geteuid() == 0 &&
	    fchown(fd, st.st_uid, st.st_gid)) {
		ret = -errno;
		goto out_unlink;
	}
	ret = write_all(fd, data, len);
	if (ret)
		goto out_unlink;
	if (fsync(fd)) {
		ret = -errno;
		goto out_unlink;
	}
	if (close(fd)) {
		fd = -1;
		ret = -errno;
		goto out_unlink;
	}
	fd = -1;
	if (rename(tmp, path)) {
		ret = -errno;
		goto out_unlink;
	}
	/* Make the rename itself durable. */
	dir = dir_of(path);
	if (dir) {
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	ret = 0;
	goto out_free;

out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out_free:
	free(dir);
	free(tmp);
	return ret;
}

int read_whole_file(const char *path, char **data, size_t *len)
{
	size_t cap = 4096, used = 0;
	char *buf, *nbuf;
	ssize_t n;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		ret = -ENOMEM;
		goto out_close;
	}
	for (;;) {
		if (used + 1 >= cap) {
			cap *= 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				ret = -ENOMEM;
				goto out_free;
			}
			buf = nbuf;
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			goto out_free;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	buf[used] = '\0';
	*data = buf;
	if (len)
		*len = used;
	close(fd);
	return 0;

out_free:
	free(buf);
out_close:
	close(fd);
	return ret;
}

int edit_lock(const char *path)
{
	char *dir = dir_of(path);
	int fd, ret;

	if (!dir)
		return -ENOMEM;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* First use: create /etc/kcifsd (one level, like install -d). */
	if (fd < 0 && errno == ENOENT && mkdir(dir, 0755) == 0)
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX)) {
		if (errno != EINTR) {
			ret = -errno;
			close(fd);
			return ret;
		}
	}
	return fd;
}

void edit_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
