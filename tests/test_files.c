// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tools' file handling (tools/file_io.c) end to end, through the tools
 * themselves:
 *
 * - input: a FIFO, directory or device is refused at once (a FIFO used to
 *   block vdso-reloc forever), a file over RELVDSO_RELOC_MAX_SIZE is refused
 *   before it is read (it used to be read whole), a file of exactly the
 *   limit is read;
 * - output (vdso-reloc, vdso-gen, relvdso-boot --dump-image): a FIFO,
 *   device, directory or symlink of any kind at OUT is refused and left as
 *   it is, a regular OUT is replaced by a rename (a hard link to the old
 *   file keeps the old bytes), and no message names the temporary;
 * - signals: SIGHUP, SIGINT, SIGQUIT, SIGPIPE or SIGTERM arriving during
 *   the write (the tool stopped with ptrace at its write(2)) remove the
 *   temporary and still end the tool; SIGKILL leaves ".OUT.XXXXXX".
 *
 * Runs as root and not: everything happens in a scratch directory; the
 * device-node case needs mknod and is only added to the suite as root.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <relvdso/reloc.h>
#include <relvdso/vdso_facts.h>

#include "check_main.h"
#include "proc_run.h"
#include "vdso_testutil.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define OLD_BYTES	"old contents\n"

static char scratch[64];

static void scratch_setup(void)
{
	snprintf(scratch, sizeof(scratch), "/tmp/test_files.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

/* Scratch holds files, FIFOs, nodes, symlinks and at most one empty directory. */
static void scratch_teardown(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/dir", scratch);
	rmdir(path);
	remove_flat_dir(scratch);
}

/* @name in the scratch directory; four slots. */
static char *at(const char *name)
{
	static char paths[4][128];
	static unsigned int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", scratch, name);
	return p;
}

/* Entries in the scratch directory; the first hidden one's name in @hidden. */
static int scratch_entries(char hidden[256])
{
	DIR *d = opendir(scratch);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	hidden[0] = '\0';
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.' && !hidden[0])
			snprintf(hidden, 256, "%s", e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

static void assert_entries(int want)
{
	char hidden[256];
	int n = scratch_entries(hidden);

	ck_assert_msg(n == want && !hidden[0], "%d entries in %s, want %d (hidden: '%s')",
		      n, scratch, want, hidden);
}

static bool has_contents(const char *path, const char *bytes)
{
	size_t size;
	uint8_t *data = slurp(path, &size);
	bool same = size == strlen(bytes) && !memcmp(data, bytes, size);

	free(data);
	return same;
}

/* ---- the tools ---- */

#define ARGV_MAX	10

/* Fill @argv (ARGV_MAX slots) with the strings given, up to and with NULL. */
static void set_argv(char **argv, ...)
{
	va_list ap;
	size_t n = 0;

	va_start(ap, argv);
	do
		ck_assert_uint_lt(n, ARGV_MAX);
	while ((argv[n++] = va_arg(ap, char *)));
	va_end(ap);
}

static char *tool(const char *name)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "bin/%s", name);
	return (char *)build_path(rel);
}

static char *image_in(void)
{
	return (char *)build_path("vdso/vdso-int80.so");
}

static char *max_pages(void)
{
	static char pages[16];

	snprintf(pages, sizeof(pages), "%u", RELVDSO_VDSO_MAX_PAGES);
	return pages;
}

/* A tool writing OUT (from the build's int80 image where it reads one). */
struct writer {
	const char *name;
	void (*make_argv)(char *out, char **argv);
};

static void reloc_argv(char *out, char **argv)
{
	set_argv(argv, tool("vdso-reloc"), "--to", "0xfbffe000", image_in(), out, NULL);
}

static void gen_argv(char *out, char **argv)
{
	set_argv(argv, tool("vdso-gen"), "--name", "int80", "--max-pages", max_pages(),
		 "--out", out, image_in(), NULL);
}

static void boot_argv(char *out, char **argv)
{
	static char dump[160];

	snprintf(dump, sizeof(dump), "--dump-image=%s", out);
	set_argv(argv, tool("relvdso-boot"), "--vdso=compat", dump, NULL);
}

static const struct writer writers[] = {
	{ "vdso-reloc", reloc_argv },
	{ "vdso-gen", gen_argv },
	{ "relvdso-boot --dump-image", boot_argv },
};

static struct run *run_writer(const struct writer *w, char *out)
{
	char *argv[ARGV_MAX];

	w->make_argv(out, argv);
	return run_argv(argv);
}

/* A tool reading IN (and writing into scratch where it writes). */
static const char *const readers[] = { "vdso-reloc", "vdso-gen", "vdso-inspect" };

static struct run *run_reader(const char *name, char *in)
{
	char *argv[ARGV_MAX];

	if (!strcmp(name, "vdso-reloc"))
		set_argv(argv, tool(name), "--to", "0x1000", in, at("out.so"), NULL);
	else if (!strcmp(name, "vdso-gen"))
		set_argv(argv, tool(name), "--name", "int80", "--max-pages", max_pages(),
			 "--out", at("out.c"), in, NULL);
	else
		set_argv(argv, tool(name), in, NULL);
	return run_argv(argv);
}

/* ---- input ---- */

/* @in refused with exit 1, "@in: is @kind, not a regular file", nothing written. */
static void assert_input_refused(char *in, const char *kind, int entries)
{
	char want[256];

	snprintf(want, sizeof(want), "%s: is %s, not a regular file\n", in, kind);
	for (size_t i = 0; i < ARRAY_SIZE(readers); i++) {
		struct run *r = run_reader(readers[i], in);

		ck_assert_msg(run_exit_code(r) == 1, "%s %s: exit %d (%.1f s): %s", readers[i],
			      in, run_exit_code(r), r->seconds, r->err);
		ck_assert_msg(strstr(r->err, want), "%s: '%s' not in: %s", readers[i], want, r->err);
		ck_assert_msg(r->seconds < 5, "%s took %.1f s", readers[i], r->seconds);
		assert_entries(entries);
	}
}

START_TEST(input_fifo_refused_at_once)
{
	ck_assert_int_eq(mkfifo(at("fifo"), 0600), 0);
	assert_input_refused(at("fifo"), "a FIFO", 1);
}
END_TEST

START_TEST(input_not_regular_refused)
{
	ck_assert_int_eq(mkdir(at("dir"), 0700), 0);
	assert_input_refused(at("dir"), "a directory", 1);
	/* read-only use of /dev/null: opened for reading and refused */
	assert_input_refused("/dev/null", "a character device", 1);
}
END_TEST

START_TEST(input_over_limit_refused_before_read)
{
	const off_t big = 256 << 20;
	struct rusage ru;
	char want[128];
	int fd;

	/* sparse: costs no disk, but reading it would cost 256 MiB of memory */
	fd = open(at("big.so"), O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, big), 0);
	close(fd);
	snprintf(want, sizeof(want), "big.so: %jd bytes, larger than the %u-byte limit for an image\n",
		 (intmax_t)big, RELVDSO_RELOC_MAX_SIZE);
	for (size_t i = 0; i < ARRAY_SIZE(readers); i++) {
		struct run *r = run_reader(readers[i], at("big.so"));

		ck_assert_msg(run_exit_code(r) == 1, "%s: exit %d", readers[i], run_exit_code(r));
		ck_assert_msg(strstr(r->err, want), "%s: '%s' not in: %s", readers[i], want, r->err);
		assert_entries(1);
	}
	/* the largest child this test process reaped: none read the file */
	ck_assert_int_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
	ck_assert_msg(ru.ru_maxrss < 64 * 1024, "a tool grew to %ld KiB", ru.ru_maxrss);
}
END_TEST

START_TEST(input_of_the_limit_read)
{
	size_t size;
	uint8_t *image = slurp(image_in(), &size);
	struct run *r;
	int fd;

	spit(at("limit.so"), image, size);
	fd = open(at("limit.so"), O_WRONLY);
	ck_assert_int_eq(ftruncate(fd, RELVDSO_RELOC_MAX_SIZE), 0);	/* zero padding */
	close(fd);
	r = run_reader("vdso-reloc", at("limit.so"));
	ck_assert_msg(run_exit_code(r) == 0, "vdso-reloc: %s", r->err);
	r = run_reader("vdso-inspect", at("limit.so"));
	ck_assert_msg(run_exit_code(r) == 0, "vdso-inspect: %s", r->err);
	r = run_reader("vdso-gen", at("limit.so"));	/* read, then over its page budget */
	ck_assert_msg(run_exit_code(r) == 1 && strstr(r->err, "rule page-budget"),
		      "vdso-gen: %s", r->err);
	free(image);
}
END_TEST

/* ---- output ---- */

/* Every writer refuses @out ("@out: is @kind; ...") and leaves @entries entries. */
static void assert_output_refused(char *out, const char *kind, int entries)
{
	char want[256];

	snprintf(want, sizeof(want), "%s: is %s; only a regular file is replaced\n", out, kind);
	for (size_t i = 0; i < ARRAY_SIZE(writers); i++) {
		struct run *r = run_writer(&writers[i], out);

		ck_assert_msg(run_exit_code(r) == 1, "%s: exit %d: %s", writers[i].name,
			      run_exit_code(r), r->err);
		ck_assert_msg(strstr(r->err, want), "%s: '%s' not in: %s", writers[i].name,
			      want, r->err);
		assert_entries(entries);
	}
}

static void assert_symlink_to(const char *link, const char *target)
{
	char got[256];
	ssize_t n = readlink(link, got, sizeof(got) - 1);

	ck_assert_msg(n >= 0, "%s is no longer a symlink", link);
	got[n] = '\0';
	ck_assert_str_eq(got, target);
}

START_TEST(output_fifo_refused)
{
	struct stat st;

	ck_assert_int_eq(mkfifo(at("fifo"), 0600), 0);
	assert_output_refused(at("fifo"), "a FIFO", 1);
	ck_assert_int_eq(lstat(at("fifo"), &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
}
END_TEST

START_TEST(output_symlinks_refused)
{
	struct stat st;

	spit(at("target"), OLD_BYTES, strlen(OLD_BYTES));
	ck_assert_int_eq(symlink(at("target"), at("to-file")), 0);
	assert_output_refused(at("to-file"), "a symbolic link", 2);
	assert_symlink_to(at("to-file"), at("target"));
	ck_assert(has_contents(at("target"), OLD_BYTES));

	ck_assert_int_eq(mkdir(at("dir"), 0700), 0);
	ck_assert_int_eq(symlink(at("dir"), at("to-dir")), 0);
	assert_output_refused(at("to-dir"), "a symbolic link", 4);
	assert_symlink_to(at("to-dir"), at("dir"));

	/* dangling: not followed to create the file it names */
	ck_assert_int_eq(symlink(at("absent"), at("dangling")), 0);
	assert_output_refused(at("dangling"), "a symbolic link", 5);
	assert_symlink_to(at("dangling"), at("absent"));
	ck_assert_int_eq(lstat(at("absent"), &st), -1);

	/* the directory itself: nothing written into or over it */
	assert_output_refused(at("dir"), "a directory", 5);
	ck_assert_int_eq(rmdir(at("dir")), 0);
}
END_TEST

/* Root only (mknod): a character device like /dev/null, made in scratch. */
START_TEST(output_device_refused)
{
	struct stat st;

	ck_assert_int_eq(mknod(at("null"), S_IFCHR | 0666, makedev(1, 3)), 0);
	assert_output_refused(at("null"), "a character device", 1);
	ck_assert_int_eq(lstat(at("null"), &st), 0);
	ck_assert(S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3));
}
END_TEST

START_TEST(output_regular_replaced_by_rename)
{
	for (size_t i = 0; i < ARRAY_SIZE(writers); i++) {
		struct stat before, after;
		struct run *r;

		spit(at("out"), OLD_BYTES, strlen(OLD_BYTES));
		ck_assert_int_eq(link(at("out"), at("other-link")), 0);
		ck_assert_int_eq(stat(at("out"), &before), 0);
		r = run_writer(&writers[i], at("out"));
		ck_assert_msg(run_exit_code(r) == 0, "%s: %s", writers[i].name, r->err);
		ck_assert_int_eq(stat(at("out"), &after), 0);
		/* a new file took the name; the old one, written in place, would show here */
		ck_assert_msg(has_contents(at("other-link"), OLD_BYTES),
			      "%s wrote into the existing OUT", writers[i].name);
		ck_assert_msg(after.st_ino != before.st_ino && !has_contents(at("out"), OLD_BYTES),
			      "%s: OUT not replaced", writers[i].name);
		assert_entries(2);
		ck_assert_int_eq(unlink(at("other-link")), 0);
		ck_assert_int_eq(unlink(at("out")), 0);
	}
}
END_TEST

START_TEST(output_errors_name_out_not_the_temporary)
{
	for (size_t i = 0; i < ARRAY_SIZE(writers); i++) {
		struct run *r = run_writer(&writers[i], at("missing-dir/out.so"));
		char want[160];

		snprintf(want, sizeof(want), "%s: creating a temporary file beside it: ",
			 at("missing-dir/out.so"));
		ck_assert_msg(run_exit_code(r) == 1, "%s: exit %d", writers[i].name,
			      run_exit_code(r));
		ck_assert_msg(strstr(r->err, want), "%s: '%s' not in: %s", writers[i].name,
			      want, r->err);
		ck_assert_msg(!strstr(r->err, ".out.so."), "%s names the temporary: %s",
			      writers[i].name, r->err);
		assert_entries(0);
	}
}
END_TEST

/* ---- signals during the write ---- */

/*
 * Run @argv traced; at its first write(2) to a file (fd > 2) note in
 * @tmp_seen whether a hidden temporary is in scratch, send @sig, let it run
 * on (passing every signal through) and return its wait status.
 */
static int signal_at_first_write(char *const argv[], int sig, bool *tmp_seen)
{
	struct __ptrace_syscall_info info;
	int status, pass = 0;
	bool sent = false;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		int null = open("/dev/null", O_WRONLY);	/* stdout only: the boot log */

		dup2(null, 1);
		setrlimit(RLIMIT_CORE, &no_core);	/* SIGQUIT dumps no core here */
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execv(argv[0], argv);
		_exit(111);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	ck_assert_int_eq(ptrace(PTRACE_SETOPTIONS, pid, NULL,
				PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL), 0);
	*tmp_seen = false;
	for (;;) {
		/* ESRCH: SIGKILL ended it without another stop */
		ck_assert(!ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)pass) || errno == ESRCH);
		pass = 0;
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		if (!WIFSTOPPED(status))
			break;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			char hidden[256];

			if (sent || ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info), &info) <= 0 ||
			    info.op != PTRACE_SYSCALL_INFO_ENTRY || info.entry.nr != SYS_write ||
			    info.entry.args[0] <= 2)
				continue;
			scratch_entries(hidden);
			*tmp_seen = hidden[0] != '\0';
			ck_assert_int_eq(kill(pid, sig), 0);
			sent = true;
		} else if (status >> 8 != (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
			pass = WSTOPSIG(status);	/* a signal for the tool */
		}
	}
	ck_assert_msg(sent, "%s never wrote a file", argv[0]);
	return status;
}

static const int user_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM };

START_TEST(signal_during_write_removes_temporary)
{
	for (size_t i = 0; i < ARRAY_SIZE(writers); i++) {
		for (size_t s = 0; s < ARRAY_SIZE(user_signals); s++) {
			int sig = user_signals[s];
			char *argv[ARGV_MAX];
			bool tmp_seen;
			int status;

			spit(at("out"), OLD_BYTES, strlen(OLD_BYTES));
			writers[i].make_argv(at("out"), argv);
			status = signal_at_first_write(argv, sig, &tmp_seen);
			ck_assert_msg(tmp_seen, "%s: no hidden temporary while writing",
				      writers[i].name);
			ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sig,
				      "%s, %s: status %#x", writers[i].name, strsignal(sig), status);
			assert_entries(1);	/* OUT only: the temporary is gone */
			ck_assert_msg(has_contents(at("out"), OLD_BYTES), "%s, %s: OUT changed",
				      writers[i].name, strsignal(sig));
		}
	}
}
END_TEST

/* What README "Tools" documents: SIGKILL cannot be caught. */
START_TEST(sigkill_during_write_leaves_hidden_temporary)
{
	for (size_t i = 0; i < ARRAY_SIZE(writers); i++) {
		char *argv[ARGV_MAX], hidden[256];
		bool tmp_seen;
		int status;

		spit(at("out"), OLD_BYTES, strlen(OLD_BYTES));
		writers[i].make_argv(at("out"), argv);
		status = signal_at_first_write(argv, SIGKILL, &tmp_seen);
		ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		ck_assert_int_eq(scratch_entries(hidden), 2);
		ck_assert_msg(!strncmp(hidden, ".out.", 5) && strlen(hidden) == strlen(".out.XXXXXX"),
			      "%s left '%s'", writers[i].name, hidden);
		ck_assert(has_contents(at("out"), OLD_BYTES));
		ck_assert_int_eq(unlink(at(hidden)), 0);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("files");
	TCase *in = tcase_create("input"), *out = tcase_create("output");
	TCase *sig = tcase_create("signals");

	/* a FIFO that blocks a tool fails by proc_run's RUN_LIMIT_S, inside this */
	tcase_set_timeout(in, 3 * RUN_LIMIT_S);
	tcase_add_checked_fixture(in, scratch_setup, scratch_teardown);
	tcase_add_test(in, input_fifo_refused_at_once);
	tcase_add_test(in, input_not_regular_refused);
	tcase_add_test(in, input_over_limit_refused_before_read);
	tcase_add_test(in, input_of_the_limit_read);
	suite_add_tcase(s, in);

	tcase_set_timeout(out, 3 * RUN_LIMIT_S);
	tcase_add_checked_fixture(out, scratch_setup, scratch_teardown);
	tcase_add_test(out, output_fifo_refused);
	tcase_add_test(out, output_symlinks_refused);
	if (geteuid() == 0)
		tcase_add_test(out, output_device_refused);
	else
		printf("test_files: output_device_refused not run: mknod needs root\n");
	tcase_add_test(out, output_regular_replaced_by_rename);
	tcase_add_test(out, output_errors_name_out_not_the_temporary);
	suite_add_tcase(s, out);

	tcase_set_timeout(sig, 60);
	tcase_add_checked_fixture(sig, scratch_setup, scratch_teardown);
	tcase_add_test(sig, signal_during_write_removes_temporary);
	tcase_add_test(sig, sigkill_during_write_leaves_hidden_temporary);
	suite_add_tcase(s, sig);
	return s;
}
