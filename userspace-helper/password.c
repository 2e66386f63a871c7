// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading passwords: without echo from a terminal, or one line from a
 * pipe for scripts (--password-stdin). Buffers are wiped after use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "log.h"
#include "nthash.h"
#include "password.h"

/* One line into @buf; -1 on EOF or a line longer than PASSWORD_MAX. */
static int read_line(FILE *in, char *buf, size_t len)
{
	size_t n;

	if (!fgets(buf, (int)len, in))
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n') {
		buf[--n] = '\0';
	} else if (n == len - 1) {
		int c;

		while ((c = fgetc(in)) != EOF && c != '\n')
			;
		return -1;
	}
	if (n && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int prompt(const char *text, char *buf, size_t len)
{
	struct termios old, quiet;
	int ret;

	fputs(text, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old))
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	ret = read_line(stdin, buf, len);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return ret;
}

char *password_read_new(const char *user, int from_stdin)
{
	char a[PASSWORD_MAX + 2], b[PASSWORD_MAX + 2], text[128];
	char *ret = NULL;

	if (from_stdin || !isatty(STDIN_FILENO)) {
		if (read_line(stdin, a, sizeof(a))) {
			log_err("expected the password as one line on stdin (at most %d bytes)",
				PASSWORD_MAX);
			goto out;
		}
	} else {
		snprintf(text, sizeof(text), "New password for %s: ", user);
		if (prompt(text, a, sizeof(a))) {
			log_err("no password read (at most %d bytes)",
				PASSWORD_MAX);
			goto out;
		}
		if (prompt("Retype new password: ", b, sizeof(b))) {
			log_err("no password read");
			goto out;
		}
		if (strcmp(a, b)) {
			log_err("the passwords do not match; nothing changed");
			goto out;
		}
	}
	ret = strdup(a);
	if (!ret)
		log_err("out of memory");
out:
	explicit_bzero(a, sizeof(a));
	explicit_bzero(b, sizeof(b));
	return ret;
}

void password_free(char *pw)
{
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
}
