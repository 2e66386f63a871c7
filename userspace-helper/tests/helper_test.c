// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of kcifsctl's pieces that need no kernel: NT hash, UTF-16,
 * names, config parse and edit, user database, the daemon's answers, and
 * the CLI on private files.
 *
 * Run from userspace-helper/ (make check): one line per case,
 * "PASS helper: NAME" or "FAIL helper: NAME", on stdout and in the file
 * given as argv[1]; the exit status is 1 if any case failed.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"
#include "config.h"
#include "config_edit.h"
#include "log.h"
#include "lookup.h"
#include "names.h"
#include "nthash.h"
#include "userdb.h"
#include "utf16.h"

static FILE *results;
static int failures;
static char tmpdir[] = "/tmp/kcifsctl-test.XXXXXX";
static char *logbuf;
static size_t loglen;
static FILE *logf;

static void report(int ok, const char *name)
{
	printf("%s helper: %s\n", ok ? "PASS" : "FAIL", name);
	if (results)
		fprintf(results, "%s helper: %s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

/* Log messages of the code under test go to a buffer we can inspect. */
static void log_reset(void)
{
	if (logf)
		fclose(logf);
	free(logbuf);
	logbuf = NULL;
	logf = open_memstream(&logbuf, &loglen);
	log_set_stream(logf);
}

static int log_has(const char *s)
{
	fflush(logf);
	return logbuf && strstr(logbuf, s);
}

static char *tmp_path(const char *name)
{
	static char buf[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
	return buf[i];
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void test_nthash(void)
{
	uint8_t h[NT_HASH_SIZE];
	char hex[33];

	/* MS-NLMP 4.2.1: NTOWFv1("Password") */
	report(!nt_hash("Password", h) && (nt_hash_to_hex(h, hex), 1) &&
	       !strcmp(hex, "a4f49c406510bdcab6824ee7c30fd852"),
	       "nthash MS-NLMP 4.2.1 vector");
	report(!nt_hash("", h) && (nt_hash_to_hex(h, hex), 1) &&
	       !strcmp(hex, "31d6cfe0d16ae931b73c59d7e0c089c0"),
	       "nthash empty password");
	report(nt_hash("bad\xc3", h) == -1, "nthash refuses invalid UTF-8");
	{
		char long_pw[PASSWORD_MAX + 2];

		memset(long_pw, 'a', sizeof(long_pw) - 1);
		long_pw[sizeof(long_pw) - 1] = '\0';
		report(nt_hash(long_pw, h) == -1,
		       "nthash refuses an over-long password");
	}
	report(!nt_hash_from_hex("A4F49C406510BDCAB6824EE7C30FD852", h) &&
	       h[0] == 0xa4 && h[15] == 0x52 &&
	       nt_hash_from_hex("a4f49c", h) == -1 &&
	       nt_hash_from_hex("g4f49c406510bdcab6824ee7c30fd852", h) == -1,
	       "nthash hex round trip");
}

static void test_utf16(void)
{
	uint8_t out[32];

	report(utf8_to_utf16le("A\xc3\xa9", out, sizeof(out)) == 4 &&
	       !memcmp(out, "A\0\xe9\0", 4), "utf16 latin-1 (e acute)");
	report(utf8_to_utf16le("\xe2\x82\xac", out, sizeof(out)) == 2 &&
	       !memcmp(out, "\xac\x20", 2), "utf16 BMP (euro sign)");
	/* U+1D11E MUSICAL SYMBOL G CLEF: a surrogate pair */
	report(utf8_to_utf16le("\xf0\x9d\x84\x9e", out, sizeof(out)) == 4 &&
	       !memcmp(out, "\x34\xd8\x1e\xdd", 4), "utf16 surrogate pair");
	report(utf8_to_utf16le("\xc0\xaf", out, sizeof(out)) == -1 &&
	       utf8_to_utf16le("\xed\xa0\x80", out, sizeof(out)) == -1 &&
	       utf8_to_utf16le("\xf4\x90\x80\x80", out, sizeof(out)) == -1 &&
	       utf8_to_utf16le("\xe2\x82", out, sizeof(out)) == -1 &&
	       utf8_to_utf16le("\xff", out, sizeof(out)) == -1,
	       "utf16 refuses overlong, surrogate, >U+10FFFF, truncated");
	report(utf8_to_utf16le("abc", out, 4) == -1,
	       "utf16 refuses output overflow");
}

static void test_names(void)
{
	char long_name[KCIFSD_USER_NAME_MAX + 2];

	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	report(!name_casecmp("Bob", "bOB") && name_casecmp("bob", "bob2") &&
	       !name_casecmp("J\xc3\xb6rg", "J\xc3\x96RG") &&
	       !name_casecmp("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",
			     "\xd0\xb8\xd0\x92\xd0\x90\xd0\x9d"),
	       "names compare case-insensitively (ASCII, Latin, Cyrillic)");
	report(!user_name_invalid("J\xc3\xb6rg") && !user_name_invalid("bob") &&
	       user_name_invalid("") && user_name_invalid("a:b") &&
	       user_name_invalid(" bob") && user_name_invalid("@staff") &&
	       user_name_invalid("a\nb") && user_name_invalid("\xc3") &&
	       user_name_invalid(long_name),
	       "user names validated");
	report(!share_name_invalid("photos") && !share_name_invalid("a$") &&
	       share_name_invalid("global") && share_name_invalid("a/b") &&
	       share_name_invalid("a]b"), "share names validated");
}

static const char sample_conf[] =
	"# kcifsd test config\n"
	"[global]\n"
	"   workgroup = HOME   ; inline comment\n"
	"   server signing = mandatory\n"
	"   map to guest = Bad User\n"
	"   smb ports = 4445 139\n"
	"   read only = no\n"
	"   frobnicate = yes\n"
	"\n"
	"; the photo share\n"
	"[photos]\n"
	"\tpath = /srv/photos\n"
	"\tcomment = Holiday pictures\n"
	"\tvalid users = alice, @staff\n"
	"\n"
	"[Archive]\n"
	"   path = /srv/archive\n"
	"   writeable = no\n"
	"   create mask = 0600\n"
	"   browsable = no\n"
	"   workgroup = X\n";

static void test_config_parse(void)
{
	struct kcifsd_conf c;
	const struct share_conf *s;
	char *text, longpath[400];
	int ok;

	log_reset();
	ok = conf_parse_text("k.conf", sample_conf, &c) == 0;
	report(ok && !strcmp(c.global.workgroup, "HOME") &&
	       c.global.signing == KCIFSD_SIGNING_REQUIRED &&
	       c.global.map_to_guest == KCIFSD_MAP_TO_GUEST_BAD_USER &&
	       c.global.tcp_port == 4445 && c.global.nbt_port == 139 &&
	       c.global.max_mpx == CONF_UNSET && c.global.ntlm_auth == 0 &&
	       !strcmp(c.global.guest_account, "nobody"),
	       "config [global] values and defaults");
	s = ok ? conf_find_share(&c, "PHOTOS") : NULL;
	report(s && !strcmp(s->path, "/srv/photos") && !s->read_only &&
	       !strcmp(s->comment, "Holiday pictures") &&
	       !strcmp(s->valid_users, "alice, @staff") && s->browseable &&
	       s->create_mask == 0744,
	       "config share inherits [global] share defaults");
	s = ok ? conf_find_share(&c, "archive") : NULL;
	report(s && s->read_only && s->create_mask == 0600 && !s->browseable,
	       "config synonyms (writeable, browsable)");
	report(log_has("k.conf:8: unknown parameter \"frobnicate\"") &&
	       log_has("k.conf:21: \"workgroup\" belongs in [global]"),
	       "config warns about unknown and misplaced keys with file:line");
	if (ok)
		conf_free(&c);

	ok = conf_parse_text("k.conf", "[global]\n", &c) == 0;
	report(ok && c.global.smb_direct == CONF_UNSET &&
	       c.global.smbd_port == CONF_UNSET &&
	       c.global.smbd_iwarp_port == CONF_UNSET,
	       "config SMB Direct settings default to the module's");
	if (ok)
		conf_free(&c);
	ok = conf_parse_text("k.conf", "[global]\nsmb direct = no\n"
			     "smb direct port = 7445\n"
			     "smb direct iwarp port = 0\n", &c) == 0;
	report(ok && c.global.smb_direct == 0 && c.global.smbd_port == 7445 &&
	       c.global.smbd_iwarp_port == 0,
	       "config SMB Direct switch and ports");
	if (ok)
		conf_free(&c);

	/* inih reads 199 bytes per line; longer values must survive. */
	memset(longpath, 'p', sizeof(longpath));
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	if (asprintf(&text, "[deep]\n  path = %s   ; c\n  comment = x\n",
		     longpath) < 0)
		return;
	ok = conf_parse_text("k.conf", text, &c) == 0;
	s = ok ? conf_find_share(&c, "deep") : NULL;
	report(s && !strcmp(s->path, longpath) && !strcmp(s->comment, "x"),
	       "config keeps values longer than inih's line buffer");
	if (ok)
		conf_free(&c);
	free(text);
}

static void test_config_invalid(void)
{
	static const struct {
		const char *name, *text, *expect;
	} cases[] = {
		{ "bad boolean", "[a]\npath = /a\nread only = maybe\n",
		  "k.conf:3: bad value for \"read only\": expected yes or no" },
		{ "bad mask", "[a]\npath = /a\ncreate mask = 0999\n",
		  "k.conf:3: bad value for \"create mask\"" },
		{ "relative path", "[a]\npath = srv\n",
		  "k.conf:2: bad value for \"path\": the path must be absolute" },
		{ "share without path", "[global]\n\n[a]\ncomment = x\n",
		  "k.conf:3: share [a] has no path" },
		{ "IPC$ section", "[IPC$]\npath = /a\n",
		  "k.conf:1: [IPC$] is built in" },
		{ "bad share name", "[a*b]\npath = /a\n",
		  "k.conf:1: bad share name [a*b]" },
		{ "syntax error", "[global]\nworkgroup = W\njunk\n",
		  "k.conf:3: syntax error" },
		{ "bad signing", "[global]\nserver signing = sometimes\n",
		  "k.conf:2: bad value for \"server signing\"" },
		{ "bad port", "[global]\ntcp port = 70000\n",
		  "k.conf:2: bad value for \"tcp port\"" },
		{ "bad SMB Direct port", "[global]\nsmb direct port = -1\n",
		  "k.conf:2: bad value for \"smb direct port\"" },
		{ "bad valid users", "[a]\npath = /a\nvalid users = bob, a:b\n",
		  "k.conf:3: bad value for \"valid users\"" },
		{ "two interfaces", "[global]\ninterfaces = eth0 eth1\n",
		  "k.conf:2: bad value for \"interfaces\"" },
	};
	struct kcifsd_conf c;
	char name[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		log_reset();
		snprintf(name, sizeof(name), "config refuses %s with file:line",
			 cases[i].name);
		report(conf_parse_text("k.conf", cases[i].text, &c) == -EINVAL &&
		       log_has(cases[i].expect), name);
	}
}

static void test_config_edit(void)
{
	static const char *const kv[] = { "path", "/srv/music",
					  "read only", "no" };
	char *added = NULL, *back = NULL, *out = NULL;
	int ok;

	ok = conf_edit_add_section(sample_conf, "music", kv, 2, &added) == 0;
	report(ok && !strncmp(added, sample_conf, strlen(sample_conf)) &&
	       strstr(added, "\n[music]\n\tpath = /srv/music\n\tread only = no\n"),
	       "config edit add appends and keeps the file");
	ok = ok && conf_edit_del_section(added, "MUSIC", &back) == 0;
	report(ok && !strcmp(back, sample_conf),
	       "config edit add then del round trip is byte-exact");
	report(conf_edit_add_section(sample_conf, "Photos", kv, 2, &out) ==
	       -EEXIST && conf_edit_del_section(sample_conf, "nope", &out) ==
	       -ENOENT, "config edit refuses duplicate add and missing del");
	ok = conf_edit_del_section(sample_conf, "photos", &out) == 0;
	report(ok && !strstr(out, "/srv/photos") &&
	       !strstr(out, "Holiday") &&
	       strstr(out, "; the photo share\n") &&
	       strstr(out, "# kcifsd test config\n") &&
	       strstr(out, "   workgroup = HOME   ; inline comment\n") &&
	       strstr(out, "[Archive]\n   path = /srv/archive\n"),
	       "config edit del keeps comments and other sections");
	free(out);
	out = NULL;
	ok = conf_edit_del_section(sample_conf, "archive", &out) == 0;
	report(ok && !strstr(out, "archive") && strstr(out, "[photos]"),
	       "config edit del of the last section");
	free(out);
	out = NULL;
	report(conf_edit_add_section("", "a", kv, 1, &out) == 0 &&
	       !strcmp(out, "[a]\n\tpath = /srv/music\n"),
	       "config edit add to an empty file");
	free(out);
	free(added);
	free(back);
}

static void test_userdb(void)
{
	struct userdb db = { 0 }, db2 = { 0 };
	struct userdb_entry e = { .uid = -1, .gid = -1 };
	const char *path = tmp_path("users.db");
	struct stat st;
	int ok;

	strcpy(e.name, "alice");
	nt_hash("Password", e.nt_hash);
	ok = !userdb_add(&db, &e);
	strcpy(e.name, "J\xc3\xb6rg");
	e.uid = 1234;
	e.gid = 100;
	e.flags = KCIFSD_USER_F_DISABLED;
	ok = ok && !userdb_add(&db, &e);
	strcpy(e.name, "ALICE");
	report(ok && userdb_add(&db, &e) == -EEXIST,
	       "userdb refuses a name that differs only in case");
	ok = !userdb_save(path, &db) && !stat(path, &st) &&
	     (st.st_mode & 0777) == 0600;
	report(ok, "userdb file mode is 0600");
	ok = ok && !userdb_load(path, &db2) && db2.n == 2;
	report(ok && userdb_find(&db2, "j\xc3\x96RG") &&
	       userdb_find(&db2, "j\xc3\x96RG")->uid == 1234 &&
	       userdb_find(&db2, "j\xc3\x96RG")->flags ==
	       KCIFSD_USER_F_DISABLED &&
	       userdb_find(&db2, "Alice")->uid == -1 &&
	       !memcmp(userdb_find(&db2, "alice")->nt_hash,
		       db.users[0].nt_hash, NT_HASH_SIZE),
	       "userdb save/load round trip");
	report(!userdb_del(&db2, "ALICE") && db2.n == 1 &&
	       userdb_del(&db2, "alice") == -ENOENT, "userdb delete");
	userdb_free(&db2);
	log_reset();
	write_file(path, "alice:a4f49c406510bdcab6824ee7c30fd852:::\n"
		   "bob:zz:::\n");
	report(userdb_load(path, &db2) == -EINVAL &&
	       log_has("users.db:2: malformed entry"),
	       "userdb refuses a malformed line with file:line");
	report(userdb_load(tmp_path("none.db"), &db2) == 0 && db2.n == 0,
	       "userdb missing file is empty");
	userdb_free(&db);
}

static void test_lookup(void)
{
	static const char conf_text[] =
		"[global]\nguest account = nobody\n"
		"[pub]\npath = /srv/pub\nguest ok = yes\nread only = yes\n"
		"[priv]\npath = /srv/priv\nread only = no\n"
		"valid users = alice, @root\ninvalid users = mallory\n"
		"force user = root\n";
	struct userdb db = { 0 };
	struct userdb_entry e = { .uid = 0, .gid = 0 };
	struct kcifsd_conf c;
	struct user_answer ua;
	struct share_answer sa;
	int ok;

	ok = conf_parse_text("k.conf", conf_text, &c) == 0;
	strcpy(e.name, "alice");
	e.uid = 2000;
	e.gid = 2000;
	userdb_add(&db, &e);
	strcpy(e.name, "mallory");
	userdb_add(&db, &e);
	strcpy(e.name, "rooty");
	e.uid = 0;
	e.gid = 0;
	userdb_add(&db, &e);
	if (!ok) {
		report(0, "lookup config");
		return;
	}
	report(!lookup_user(&c, &db, "ALICE", &ua) && !strcmp(ua.name, "alice") &&
	       ua.uid == 2000 && ua.gid == 2000 && ua.has_hash &&
	       ua.flags == 0, "lookup user with explicit uid/gid");
	report(lookup_user(&c, &db, "eve", &ua) == -ENOENT,
	       "lookup unknown user is ENOENT");
	report(getpwnam("nobody") && !lookup_user(&c, &db, "NOBODY", &ua) &&
	       ua.flags == KCIFSD_USER_F_GUEST && !ua.has_hash,
	       "lookup guest account has no hash");
	report(!lookup_share(&c, "ipc$", &sa) && (sa.flags & KCIFSD_SHARE_F_IPC) &&
	       !sa.path, "lookup IPC$ is built in");
	report(!lookup_share(&c, "PRIV", &sa) && !strcmp(sa.name, "priv") &&
	       !strcmp(sa.path, "/srv/priv") &&
	       (sa.flags & KCIFSD_SHARE_F_FORCE_USER) && sa.force_uid == 0 &&
	       !(sa.flags & KCIFSD_SHARE_F_READ_ONLY),
	       "lookup share with force user");
	report(tree_access(&c, &db, "priv", "Alice", 0) == KCIFSD_TREE_READ_WRITE &&
	       tree_access(&c, &db, "priv", "mallory", 0) == KCIFSD_TREE_DENIED &&
	       tree_access(&c, &db, "priv", "rooty", 0) == KCIFSD_TREE_READ_WRITE &&
	       tree_access(&c, &db, "pub", "mallory", 0) == KCIFSD_TREE_READ_ONLY &&
	       tree_access(&c, &db, "pub", "nobody", KCIFSD_USER_F_GUEST) ==
	       KCIFSD_TREE_READ_ONLY &&
	       tree_access(&c, &db, "priv", "nobody", KCIFSD_USER_F_GUEST) ==
	       KCIFSD_TREE_DENIED &&
	       tree_access(&c, &db, "nosuch", "alice", 0) == KCIFSD_TREE_DENIED &&
	       tree_access(&c, &db, "IPC$", "nobody", KCIFSD_USER_F_GUEST) ==
	       KCIFSD_TREE_READ_WRITE,
	       "tree connect: valid/invalid users, @group, guest ok, read only");
	conf_free(&c);
	userdb_free(&db);
}

static void test_atomic_file(void)
{
	const char *path = tmp_path("mode.conf");
	struct stat st;
	char *data = NULL;

	write_file(path, "old\n");
	chmod(path, 0640);
	report(!atomic_write_file(path, "new\n", 4, 0) && !stat(path, &st) &&
	       (st.st_mode & 0777) == 0640 &&
	       !read_whole_file(path, &data, NULL) && !strcmp(data, "new\n"),
	       "atomic write keeps the old file's mode");
	free(data);
}

/* Run the CLI; returns its exit status. */
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_cli(void)
{
	const char *conf = tmp_path("cli.conf");
	const char *users = tmp_path("cli.db");
	char *data = NULL;
	char opts[600];

	snprintf(opts, sizeof(opts), "./kcifsctl -c %s -u %s", conf, users);
	write_file(conf, "# hand-written\n[global]\n\tworkgroup = W ; mine\n");
	report(run("%s share add docs --path /tmp --comment 'Team docs' --valid-users 'a, @b' >/dev/null 2>&1",
		   opts) == 0 &&
	       run("%s share show DOCS | grep -q 'valid users = a, @b'", opts) == 0 &&
	       run("%s share list | grep -q '^docs .*writable.*/tmp$'", opts) == 0,
	       "cli share add, show, list");
	report(run("%s share add docs --path /tmp >/dev/null 2>&1", opts) == 1 &&
	       run("%s share del nope >/dev/null 2>&1", opts) == 3 &&
	       run("%s share add x >/dev/null 2>&1", opts) == 2 &&
	       run("%s share add x --path /tmp --create-mask 9 >/dev/null 2>&1",
		   opts) == 2 &&
	       run("%s share frob >/dev/null 2>&1", opts) == 2,
	       "cli share exit codes (exists 1, not found 3, usage 2)");
	report(run("%s share del DOCS >/dev/null", opts) == 0 &&
	       !read_whole_file(conf, &data, NULL) &&
	       !strcmp(data, "# hand-written\n[global]\n\tworkgroup = W ; mine\n"),
	       "cli share del restores the hand-written file");
	free(data);
	report(run("echo 'Password' | %s user add clitest --uid 4242 --gid 4242 >/dev/null",
		   opts) == 0 &&
	       run("grep -q '^clitest:a4f49c406510bdcab6824ee7c30fd852:4242:4242:$' %s",
		   users) == 0 &&
	       run("%s user list | grep -q '^clitest  *4242  *4242  *enabled$'",
		   opts) == 0,
	       "cli user add stores the NT hash, not the password");
	report(run("echo 'new' | %s user passwd CLITEST >/dev/null", opts) == 0 &&
	       run("grep -q a4f49c406510 %s", users) == 1 &&
	       run("%s user del CliTest >/dev/null", opts) == 0 &&
	       run("%s user del clitest 2>/dev/null", opts) == 3 &&
	       run("echo x | %s user add 'a:b' 2>/dev/null", opts) == 2,
	       "cli user passwd, del, exit codes");
	report(run("./kcifsctl --help | grep -q 'share add'") == 0 &&
	       run("%s user add --help | grep -q password-stdin", opts) == 0 &&
	       run("./kcifsctl start --help | grep -q foreground") == 0 &&
	       run("./kcifsctl nosuch 2>/dev/null") == 2,
	       "cli --help on commands");
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		results = fopen(argv[1], "w");
		if (!results) {
			perror(argv[1]);
			return 1;
		}
	}
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	log_reset();
	test_nthash();
	test_utf16();
	test_names();
	test_config_parse();
	test_config_invalid();
	test_config_edit();
	test_userdb();
	test_lookup();
	test_atomic_file();
	test_cli();
	run("rm -rf %s", tmpdir);
	if (results)
		fclose(results);
	return failures ? 1 : 0;
}
