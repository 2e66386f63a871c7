/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Messages: to stderr for the CLI and `start --foreground`, to syslog for
 * the background daemon.
 */
#ifndef KCIFSCTL_LOG_H
#define KCIFSCTL_LOG_H

#include <stdio.h>
#include <syslog.h>

void log_to_syslog(void);
void log_msg(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

/* Set by -v: show LOG_DEBUG messages too. */
extern int log_verbose;
/* Set while a file is parsed a second time: say each warning once. */
extern int log_mute_warnings;

/* Send terminal messages to @f instead of stderr (unit tests). */
void log_set_stream(FILE *f);

#endif /* KCIFSCTL_LOG_H */
