// SPDX-License-Identifier: GPL-2.0-only
/*
 * Messages of kcifsctl. The CLI prints "kcifsctl: ..." on stderr; the
 * background daemon has no terminal and uses syslog.
 */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int log_verbose;
int log_mute_warnings;
static int use_syslog;
static FILE *log_stream;

void log_set_stream(FILE *f)
{
	log_stream = f;
}

void log_to_syslog(void)
{
	openlog("kcifsctl", LOG_PID, LOG_DAEMON);
	use_syslog = 1;
}

void log_msg(int prio, const char *fmt, ...)
{
	va_list ap;

	FILE *out = log_stream ? log_stream : stderr;

	if ((prio == LOG_DEBUG && !log_verbose) ||
	    (prio == LOG_WARNING && log_mute_warnings))
		return;
	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		fputs(prio <= LOG_ERR ? "kcifsctl: error: " :
		      prio == LOG_WARNING ? "kcifsctl: warning: " :
		      "kcifsctl: ", out);
		vfprintf(out, fmt, ap);
		fputc('\n', out);
	}
	va_end(ap);
}
