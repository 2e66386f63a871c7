/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KCIFSCTL_PASSWORD_H
#define KCIFSCTL_PASSWORD_H

/*
 * Read a new password for @user. On a terminal (unless @from_stdin) it
 * prompts twice without echo; otherwise it reads one line from stdin.
 * Returns a malloc'ed string to be wiped and freed with password_free(),
 * or NULL after printing why.
 */
char *password_read_new(const char *user, int from_stdin);
void password_free(char *pw);

#endif /* KCIFSCTL_PASSWORD_H */
