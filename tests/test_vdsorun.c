// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdsorun end to end: it runs real i386 programs (build/userspace-tests/),
 * so these tests see what a user sees — addresses in the auxv, the entry
 * instruction behind AT_SYSINFO, exit statuses, signals, leftover
 * processes and the messages for bad input.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "relvdso/image.h"
#include "relvdso/entry.h"
#include "relvdso/vdso_data.h"
#include "proc_run.h"
#include "vdso_testutil.h"
#include "check_main.h"


static char vdsorun[512], probe[512], legacy[512], fwprobe[512];

static void paths(void)
{
	const char *b = getenv("RELVDSO_BUILD") ? getenv("RELVDSO_BUILD") : "build";

	snprintf(vdsorun, sizeof(vdsorun), "%s/bin/vdsorun", b);
	snprintf(probe, sizeof(probe), "%s/userspace-tests/runner-probe", b);
	snprintf(legacy, sizeof(legacy), "%s/userspace-tests/legacy-probe", b);
	snprintf(fwprobe, sizeof(fwprobe), "%s/userspace-tests/forward-probe", b);
}

/* Every "auxv" line's ehdr/sysinfo; returns how many lines. */
static int auxv_lines(const char *out, unsigned long ehdr[], unsigned long sysinfo[], int max)
{
	const char *p = out;
	int n = 0;

	while (n < max && (p = strstr(p, "auxv pid=")) != NULL) {
		int pid;

		ck_assert_int_eq(sscanf(p, "auxv pid=%d ehdr=%lx sysinfo=%lx", &pid, &ehdr[n], &sysinfo[n]), 3);
		n++;
		p++;
	}
	return n;
}

static bool host_is_amd(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	bool amd = false;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "vendor_id") && (strstr(line, "AuthenticAMD") || strstr(line, "HygonGenuine")))
			amd = true;
	if (f)
		fclose(f);
	return amd;
}

START_TEST(compat_tree_every_process_gets_fixed_vdso)
{
	static const struct { const char *reserve; unsigned long base; } cases[] = {
		{ "--reservetop=0", 0xfeffe000ul }, { "--reservetop=64M", 0xfaffe000ul },
	};
	unsigned long ehdr[8], sysinfo[8];
	int i, n;

	for (i = 0; i < 2; i++) {
		char *argv[] = { vdsorun, "--vdso=compat", (char *)cases[i].reserve, probe, "tree", NULL };
		struct run *r = run_argv(argv);

		ck_assert_msg(run_exit_code(r) == 0, "status %#x err: %s", r->status, r->err);
		n = auxv_lines(r->out, ehdr, sysinfo, 8);
		ck_assert_int_eq(n, 4);		/* parent, fork, vfork, fork from a thread */
		for (int k = 0; k < n; k++) {
			ck_assert_uint_eq(ehdr[k], cases[i].base);
			ck_assert_uint_eq(sysinfo[k], cases[i].base + relvdso_image_syscall.sym_vsyscall);
		}
	}
}
END_TEST

START_TEST(normal_mode_is_random_per_process)
{
	char *argv[] = { vdsorun, "--vdso=1", probe, "tree", NULL };
	unsigned long ehdr[8], sysinfo[8], seen[8];
	int runs, n, distinct = 0;

	for (runs = 0; runs < 2; runs++) {
		struct run *r = run_argv(argv);

		ck_assert_int_eq(run_exit_code(r), 0);
		n = auxv_lines(r->out, ehdr, sysinfo, 8);
		ck_assert_int_eq(n, 4);
		for (int k = 0; k < n; k++) {
			bool dup = false;

			ck_assert_uint_eq(ehdr[k] % RELVDSO_PAGE_SIZE, 0);
			ck_assert_uint_ge(ehdr[k], 0xc0000000ul);
			ck_assert_uint_lt(ehdr[k], 0xf0000000ul);
			/* the image is linked at 0: AT_SYSINFO is the base plus the offset */
			ck_assert_uint_eq(sysinfo[k] - ehdr[k], relvdso_image_syscall.sym_vsyscall);
			for (int j = 0; j < distinct; j++)
				dup |= seen[j] == ehdr[k];
			if (!dup && distinct < 8)
				seen[distinct++] = ehdr[k];
		}
	}
	/* a fork keeps its parent's mapping; each exec gets a fresh one */
	ck_assert_int_ge(distinct, 6);
}
END_TEST

START_TEST(disabled_removes_both_auxv_entries)
{
	char *argv[] = { vdsorun, "--vdso=off", probe, "tree", NULL };
	unsigned long ehdr[8], sysinfo[8];
	struct run *r = run_argv(argv);
	int n = auxv_lines(r->out, ehdr, sysinfo, 8);

	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_int_eq(n, 4);
	for (int k = 0; k < n; k++) {
		ck_assert_uint_eq(ehdr[k], 0);
		ck_assert_uint_eq(sysinfo[k], 0);
	}
}
END_TEST

START_TEST(entry_instruction_behind_at_sysinfo)
{
	char *int80[] = { vdsorun, "--entry=int80", probe, "entrybytes", NULL };
	char *fast[] = { vdsorun, "--entry=syscall", probe, "entrybytes", NULL };
	char *sysenter[] = { vdsorun, "--entry=sysenter", probe, "entrybytes", NULL };
	struct run *r;

	r = run_argv(int80);
	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_ptr_nonnull(strstr(r->out, "entry 51 52 55 cd 80 5d 5a 59 c3"));
	if (host_is_amd()) {
		r = run_argv(fast);
		ck_assert_int_eq(run_exit_code(r), 0);
		ck_assert_ptr_nonnull(strstr(r->out, "entry 51 52 55 89 cd 0f 05 cd 80 5d 5a 59"));
		/* sysenter faults on AMD in compat mode: refused with a warning, syscall used */
		r = run_argv(sysenter);
		ck_assert_int_eq(run_exit_code(r), 0);
		ck_assert_ptr_nonnull(strstr(r->err, "vdso_entry=sysenter refused"));
		ck_assert_ptr_nonnull(strstr(r->out, "entry 51 52 55 89 cd 0f 05"));
	} else {
		r = run_argv(sysenter);
		ck_assert_int_eq(run_exit_code(r), 0);
		ck_assert_ptr_nonnull(strstr(r->out, "entry 51 52 55 89 e5 0f 34 cd 80"));
	}
}
END_TEST

START_TEST(xen_backend_runs_int80_image)
{
	char *argv[] = { vdsorun, "--backend=xen", "--verbose", probe, "entrybytes", NULL };
	struct run *r = run_argv(argv);

	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_ptr_nonnull(strstr(r->err, "entry int80"));
	ck_assert_ptr_nonnull(strstr(r->out, "entry 51 52 55 cd 80"));
}
END_TEST

START_TEST(legacy_probe_verdicts_per_mode)
{
	static const struct { const char *mode, *reserve, *verdict; int code; } cases[] = {
		{ "--vdso=compat", "--reservetop=0", "verdict=compat-ok", 0 },
		{ "--vdso=2", "--reservetop=64M", "verdict=compat-ok", 0 },
		{ "--vdso=1", "--reservetop=0", "verdict=mismatch", 1 },
		{ "--vdso=on", "--reservetop=64M", "verdict=mismatch", 1 },
		{ "--vdso=0", "--reservetop=64M", "verdict=no-vdso", 0 },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[] = { vdsorun, (char *)cases[i].mode, (char *)cases[i].reserve, legacy, NULL };
		struct run *r = run_argv(argv);

		ck_assert_msg(strstr(r->out, cases[i].verdict), "%s %s: %s", cases[i].mode,
			      cases[i].reserve, r->out);
		ck_assert_int_eq(run_exit_code(r), cases[i].code);
	}
}
END_TEST

START_TEST(exit_status_propagates)
{
	static const char *const codes[] = { "0", "1", "42", "255" };

	for (unsigned i = 0; i < 4; i++) {
		char *argv[] = { vdsorun, probe, "exit", (char *)codes[i], NULL };

		ck_assert_int_eq(run_exit_code(run_argv(argv)), atoi(codes[i]));
	}
}
END_TEST

START_TEST(death_by_signal_propagates)
{
	static const int sigs[] = { SIGSEGV, SIGTERM, SIGKILL, SIGABRT, SIGUSR1 };

	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		char num[8];
		char *argv[] = { vdsorun, "--vdso=compat", probe, "raise", num, NULL };
		struct run *r;

		snprintf(num, sizeof(num), "%d", sigs[i]);
		r = run_argv(argv);
		ck_assert_msg(WIFSIGNALED(r->status) && WTERMSIG(r->status) == sigs[i],
			      "signal %d: status %#x", sigs[i], r->status);
		ck_assert(!WCOREDUMP(r->status));	/* vdsorun leaves no core of its own */
	}
}
END_TEST

/* Read "ready pid=P" from the running program. */
static pid_t wait_ready(int out_fd, struct run *r)
{
	int fd = out_fd;	/* run_drain marks end of file on its own copy */
	char *p;
	int pid = 0;

	for (int tries = 0; tries < 200 && fd >= 0 && !(p = strstr(r->out, "ready pid=")); tries++) {
		struct pollfd pfd = { fd, POLLIN, 0 };

		if (poll(&pfd, 1, 100) > 0)
			run_drain(&fd, r->out);
	}
	ck_assert_ptr_nonnull(p = strstr(r->out, "ready pid="));
	ck_assert_int_eq(sscanf(p, "ready pid=%d", &pid), 1);
	return pid;
}

/*
 * Send @sig to vdsorun while the program waits: both must end by @sig
 * (forwarded, or for SIGKILL through PTRACE_O_EXITKILL) and the program
 * must be gone.
 */
static void assert_vdsorun_signal_ends_program(int sig)
{
	char *argv[] = { vdsorun, probe, "wait", NULL };
	static struct run r;
	pid_t pid, prog;
	int o, e;

	memset(&r, 0, sizeof(r));
	pid = run_start(argv, &o, &e);
	prog = wait_ready(o, &r);
	ck_assert_int_ne(prog, pid);
	ck_assert_int_eq(kill(pid, sig), 0);
	run_finish(pid, o, e, &r);
	ck_assert_msg(WIFSIGNALED(r.status) && WTERMSIG(r.status) == sig,
		      "signal %d: status %#x", sig, r.status);
	assert_proc_gone(prog);
}

START_TEST(signals_sent_to_vdsorun_reach_the_program)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR2 };

	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		assert_vdsorun_signal_ends_program(sigs[i]);
}
END_TEST

START_TEST(killing_vdsorun_kills_the_program)
{
	assert_vdsorun_signal_ends_program(SIGKILL);
}
END_TEST

START_TEST(no_process_outlives_the_program)
{
	char *argv[] = { vdsorun, probe, "orphan", NULL };
	struct run *r = run_argv(argv);
	int orphan = 0;

	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_int_eq(sscanf(strstr(r->out, "orphan pid="), "orphan pid=%d", &orphan), 1);
	assert_proc_gone(orphan);
}
END_TEST

/* ---- the data page and its forward table ------------------------------ */

/* The functions with a forward slot: the LINUX_2.6 node of the facts table. */
#define FORWARDED_(id, name, node, type, field) + 1
enum { N_FORWARDED = 0 RELVDSO_VDSO_LINUX_2_6(FORWARDED_, unused) };

static const char *const image_modes[] = { "--vdso=1", "--vdso=compat" };

/* The mapping of @pid that ends (@ends) or starts at @addr: its other edge and perms; false if none. */
static bool maps_edge(pid_t pid, unsigned long addr, bool ends, unsigned long *other, char perms[8])
{
	char path[64], line[512];
	unsigned long lo, hi;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 || (ends ? hi : lo) != addr)
			continue;
		*other = ends ? lo : hi;
		found = true;
	}
	fclose(f);
	return found;
}

/*
 * Seen from outside, in /proc/PID/maps of the i386 child: one r--p page
 * right below AT_SYSINFO_EHDR (compat: at the fixed slot's), the image
 * r-xp from AT_SYSINFO_EHDR on.
 */
START_TEST(data_page_is_one_read_only_page_below_the_image)
{
	for (unsigned m = 0; m < 2; m++) {
		char *argv[] = { vdsorun, (char *)image_modes[m], probe, "wait", NULL };
		unsigned long ehdr[1], sysinfo[1], other = 0;
		static struct run r;
		char perms[8] = "";
		pid_t pid, prog;
		int o, e;

		memset(&r, 0, sizeof(r));
		pid = run_start(argv, &o, &e);
		prog = wait_ready(o, &r);
		ck_assert_int_eq(auxv_lines(r.out, ehdr, sysinfo, 1), 1);
		if (m == 1)
			ck_assert_uint_eq(ehdr[0], 0xfeffe000ul);
		ck_assert_msg(maps_edge(prog, ehdr[0], true, &other, perms), "%s: nothing ends at %#lx",
			      image_modes[m], ehdr[0]);
		ck_assert_uint_eq(other, ehdr[0] - RELVDSO_DATA_SIZE);
		ck_assert_msg(!strcmp(perms, "r--p"), "%s: data page %s", image_modes[m], perms);
		ck_assert(maps_edge(prog, ehdr[0], false, &other, perms));
		ck_assert_msg(!strcmp(perms, "r-xp"), "%s: image %s", image_modes[m], perms);
		ck_assert_int_eq(kill(pid, SIGTERM), 0);
		run_finish(pid, o, e, &r);
	}
}
END_TEST

static bool probe_passed(const struct run *r)
{
	const char *last = strrchr(r->out, '\n');

	while (last && last > r->out && last[-1] != '\n' && last[-1])
		last--;
	return run_exit_code(r) == 0 && last && strstr(last, " checks, 0 failed: PASS");
}

/*
 * forward-probe resolves the host's functions itself and compares them
 * with forward[]; all 0 with --forward=off.  Each expectation run against
 * the other switch must fail: the probe tells them apart.
 */
START_TEST(forward_slots_are_the_host_functions)
{
	static const struct { const char *forward, *expect; bool pass; } cases[] = {
		{ "--forward=host", NULL, true },
		{ "--forward=off", "--off", true },
		{ "--forward=off", NULL, false },
		{ "--forward=host", "--off", false },
	};

	for (unsigned m = 0; m < 2; m++) {
		for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			char *argv[] = { vdsorun, (char *)image_modes[m], (char *)cases[i].forward, fwprobe,
					 "slots", (char *)cases[i].expect, NULL };
			struct run *r = run_argv(argv);

			ck_assert_msg(probe_passed(r) == cases[i].pass, "%s %s, probe %s: exit %d\n%s%s",
				      image_modes[m], cases[i].forward, cases[i].expect ? cases[i].expect : "",
				      run_exit_code(r), r->out, r->err);
			if (!cases[i].pass)
				ck_assert_ptr_nonnull(strstr(r->out, "FAIL: forward[__vdso_clock_gettime]"));
		}
	}
}
END_TEST

/* A process that execs itself 50 times gets a fresh, right table at every exec. */
START_TEST(forward_slots_right_after_every_exec)
{
	static const char *const forward[][2] = { { "--forward=host", NULL }, { "--forward=off", "--off" } };

	for (unsigned m = 0; m < 2; m++) {
		for (unsigned f = 0; f < 2; f++) {
			char *argv[] = { vdsorun, (char *)image_modes[m], (char *)forward[f][0], fwprobe, "slots",
					 "--execs=50", (char *)forward[f][1], NULL };
			struct run *r = run_argv(argv);
			int steps = 0;

			for (const char *p = r->out; (p = strstr(p, " checks, 0 failed: PASS\n")); p++)
				steps++;
			ck_assert_msg(run_exit_code(r) == 0 && steps == 51 && !strstr(r->out, "FAIL"),
				      "%s %s: exit %d after %d steps\n%s", image_modes[m], forward[f][0],
				      run_exit_code(r), steps, r->err);
		}
	}
}
END_TEST

/* --verbose: once per exec, where the data page is and how many functions forward. */
START_TEST(verbose_names_the_data_page)
{
	for (unsigned f = 0; f < 2; f++) {
		char *argv[] = { vdsorun, "--verbose", f ? "--forward=off" : "--forward=host", probe, "auxv", NULL };
		struct run *r = run_argv(argv);
		unsigned long ehdr[1], sysinfo[1], data = 0, host = 0;
		unsigned n = 0, of = 0;
		const char *p = strstr(r->err, "data page at ");

		ck_assert_int_eq(run_exit_code(r), 0);
		ck_assert_int_eq(auxv_lines(r->out, ehdr, sysinfo, 1), 1);
		ck_assert_msg(p && sscanf(p, "data page at %lx (read-only), %u of %u functions forwarded to the "
					  "host vDSO at %lx", &data, &n, &of, &host) == 4, "%s", r->err);
		ck_assert_ptr_null(strstr(p + 1, "data page at "));
		ck_assert_uint_eq(data, ehdr[0] - RELVDSO_DATA_SIZE);
		ck_assert_uint_eq(of, N_FORWARDED);
		ck_assert_uint_ne(host, 0);
		if (f) {
			ck_assert_uint_eq(n, 0);
			ck_assert_ptr_nonnull(strstr(p, "(--forward=off)"));
		} else {
			/* every kernel since 5.x has the four time functions at least */
			ck_assert_uint_ge(n, 4);
		}
	}
}
END_TEST

static void assert_refused(char *const argv[], int code, const char *message)
{
	struct run *r = run_argv(argv);

	ck_assert_msg(run_exit_code(r) == code, "%s: exit %d, wanted %d; err: %s", argv[1],
		      run_exit_code(r), code, r->err);
	ck_assert_msg(strstr(r->err, message), "stderr lacks '%s': %s", message, r->err);
	ck_assert_str_eq(r->out, "");
}

START_TEST(bad_usage_exits_2)
{
	char *none[] = { vdsorun, NULL };
	char *vdso[] = { vdsorun, "--vdso=7", probe, NULL };
	char *size[] = { vdsorun, "--reservetop=12Q", probe, NULL };
	char *huge[] = { vdsorun, "--reservetop=5G", probe, NULL };
	char *backend[] = { vdsorun, "--backend=hyperv", probe, NULL };
	char *entry[] = { vdsorun, "--entry=fast", probe, NULL };
	char *forward[] = { vdsorun, "--forward=guest", probe, NULL };
	char *trace[] = { vdsorun, "--trace=sometimes", probe, NULL };
	char *unknown[] = { vdsorun, "--frobnicate", probe, NULL };
	char *root[] = { vdsorun, "--root=", probe, NULL };
	char *help[] = { vdsorun, "--help", NULL };
	struct run *r;

	assert_refused(none, 2, "no PROGRAM given");
	assert_refused(vdso, 2, "bad --vdso value '7'");
	assert_refused(size, 2, "bad --reservetop size '12Q'");
	assert_refused(huge, 2, "bad --reservetop size '5G'");
	assert_refused(backend, 2, "unknown --backend 'hyperv'");
	assert_refused(entry, 2, "bad --entry value 'fast'");
	assert_refused(forward, 2, "bad --forward value 'guest'");
	assert_refused(trace, 2, "bad --trace value 'sometimes' (exec or always)");
	assert_refused(unknown, 2, "usage: vdsorun");
	assert_refused(root, 2, "empty --root");
	r = run_argv(help);
	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_ptr_nonnull(strstr(r->out, "usage: vdsorun"));
}
END_TEST

/* --help lists the backend table: every name, and which ones get int80 only. */
START_TEST(help_lists_every_backend)
{
	char *help[] = { vdsorun, "--help", NULL };
	char slow[128] = "", line[192];
	struct run *r = run_argv(help);
	unsigned int i;

	ck_assert_int_eq(run_exit_code(r), 0);
	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++) {
		const char *name = relvdso_backend_name((enum relvdso_backend)i);

		ck_assert_msg(strstr(r->out, name), "--help lacks backend %s", name);
		if (!relvdso_backend_fast((enum relvdso_backend)i))
			snprintf(slow + strlen(slow), sizeof(slow) - strlen(slow), "%s%s",
				 slow[0] ? "/" : "", name);
	}
	snprintf(line, sizeof(line), "(%s: int80 only)", slow);
	ck_assert_msg(strstr(r->out, line), "--help lacks '%s'", line);
}
END_TEST

/* A scratch directory holding crafted targets. */
static char scratch[64];

static void make_scratch(void)
{
	snprintf(scratch, sizeof(scratch), "/tmp/relvdso-vdsorun-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void write_file(const char *name, const void *data, size_t len, mode_t mode, char *path)
{
	int fd;

	sprintf(path, "%s/%s", scratch, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	chmod(path, mode);
}

static size_t read_probe(unsigned char **buf)
{
	size_t n;

	*buf = slurp(probe, &n);
	return n;
}

START_TEST(bad_targets_exit_like_a_shell)
{
	char text_path[256], noexec[256], arm[256], dir[256], missing[256];
	char *notfound[] = { vdsorun, missing, NULL };
	char *nopath[] = { vdsorun, "no-such-command-relvdso", NULL };
	char *text[] = { vdsorun, text_path, NULL };
	char *perm[] = { vdsorun, noexec, NULL };
	char *elf64[] = { vdsorun, "/bin/true", NULL };
	char *machine[] = { vdsorun, arm, NULL };
	char *directory[] = { vdsorun, dir, NULL };
	unsigned char *elf;
	size_t n = read_probe(&elf);

	make_scratch();
	sprintf(missing, "%s/missing", scratch);
	sprintf(dir, "%s", scratch);
	write_file("text", "hello\n", 6, 0755, text_path);
	write_file("noexec", elf, n, 0644, noexec);
	elf[18] = 40;			/* e_machine = EM_ARM */
	write_file("arm", elf, n, 0755, arm);
	free(elf);

	assert_refused(notfound, 127, "No such file or directory");
	assert_refused(nopath, 127, "command not found");
	assert_refused(text, 126, "not an ELF executable");
	assert_refused(perm, 126, "Permission denied");	/* no x bit: even root cannot exec */
	assert_refused(elf64, 126, "a 64-bit ELF program");
	assert_refused(machine, 126, "unsupported machine");
	assert_refused(directory, 126, "Is a directory");
}
END_TEST

START_TEST(missing_interpreter_inside_root)
{
	char copy[256];
	char *argv[] = { vdsorun, NULL, NULL, NULL };
	char root_opt[300];
	unsigned char *elf;
	size_t n = read_probe(&elf);

	make_scratch();
	write_file("probe", elf, n, 0755, copy);
	free(elf);
	snprintf(root_opt, sizeof(root_opt), "--root=%s", scratch);
	argv[1] = root_opt;
	argv[2] = "/probe";
	assert_refused(argv, 127, "ELF interpreter /lib/ld-linux.so.2 not found inside --root");
}
END_TEST

/* A --root that is no directory is reported as the root's fault, not PROGRAM's. */
START_TEST(root_not_a_directory_names_the_root)
{
	char file[256], missing[256], opt_file[300], opt_missing[300];
	char *on_file[] = { vdsorun, opt_file, "/probe", NULL };
	char *on_missing[] = { vdsorun, opt_missing, "/probe", NULL };
	char line[400];

	make_scratch();
	write_file("plain", "x", 1, 0644, file);
	sprintf(missing, "%s/missing", scratch);
	snprintf(opt_file, sizeof(opt_file), "--root=%s", file);
	snprintf(opt_missing, sizeof(opt_missing), "--root=%s", missing);

	snprintf(line, sizeof(line), "vdsorun: --root %s: Not a directory\n", file);
	assert_refused(on_file, 2, line);
	ck_assert_ptr_null(strstr(run_argv(on_file)->err, "probe"));
	snprintf(line, sizeof(line), "vdsorun: --root %s: No such file or directory\n", missing);
	assert_refused(on_missing, 2, line);
	ck_assert_ptr_null(strstr(run_argv(on_missing)->err, "probe"));
	remove_flat_dir(scratch);
}
END_TEST

/* A #! script is not itself the 64-bit program: its interpreter is, and is named. */
START_TEST(script_interpreter_is_named)
{
	char sh64[256], nowhere[256];
	char *on_sh64[] = { vdsorun, sh64, NULL };
	char *on_nowhere[] = { vdsorun, nowhere, NULL };
	char line[400];

	make_scratch();
	write_file("sh64", "#!/bin/sh\nexit 0\n", 17, 0755, sh64);
	write_file("nowhere", "#!/no/such/sh\n", 14, 0755, nowhere);
	snprintf(line, sizeof(line), "vdsorun: %s: #! interpreter /bin/sh is unusable: a 64-bit ELF program", sh64);
	assert_refused(on_sh64, 126, line);
	snprintf(line, sizeof(line), "vdsorun: %s: #! interpreter /no/such/sh not found\n", nowhere);
	assert_refused(on_nowhere, 127, line);
	remove_flat_dir(scratch);
}
END_TEST

/*
 * The compat data page must stay at or above 0x40000000 under the host's
 * 16 MiB: with the page-rounded rule (top = -reserve - 1 page, image = top -
 * 1 page, its data page right below) the largest --reservetop is
 * 4G - 16M - 3 pages - 0x40000000 = 0xbeffd000.
 * One byte more is refused with that limit; the limit itself runs.
 */
START_TEST(reservetop_past_the_limit_names_it)
{
	static const char *const too_big[] = { "--reservetop=0xbeffd001", "--reservetop=3G",
					       "--reservetop=4095M" };
	char *at_limit[] = { vdsorun, "--vdso=compat", "--reservetop=0xbeffd000", probe, "tree", NULL };
	unsigned long ehdr[8], sysinfo[8];
	struct run *r;

	for (unsigned i = 0; i < sizeof(too_big) / sizeof(too_big[0]); i++) {
		char *argv[] = { vdsorun, "--vdso=compat", (char *)too_big[i], probe, "exit", "0", NULL };
		char line[256];

		snprintf(line, sizeof(line), "vdsorun: %s cannot work: the limit is 3129332K (0xbeffd000), "
			 "since the host keeps the top 16M and the compat vDSO data page must stay "
			 "at or above 0x40000000\n", too_big[i]);
		assert_refused(argv, 2, line);
	}
	r = run_argv(at_limit);
	ck_assert_msg(run_exit_code(r) == 0, "status %#x err: %s", r->status, r->err);
	ck_assert_str_eq(r->err, "");
	ck_assert_int_eq(auxv_lines(r->out, ehdr, sysinfo, 8), 4);
	ck_assert_uint_eq(ehdr[0], 0x40001000ul);	/* the data page at 0x40000000 */
}
END_TEST

/* ---- process semantics of both tracers (issue 13) ---------------------- */

static const char *const trace_modes[] = { "--trace=exec", "--trace=always" };

#define N_TRACE_MODES	(sizeof(trace_modes) / sizeof(trace_modes[0]))
#define COMPAT_EHDR	0xfeffe000ul	/* --vdso=compat, no --reservetop: our image's fixed address */
#define MARK_VAR	"RELVDSO_TREE_MARK"
#define MARKED_MAX	64
#define KILL_TRIALS	200
#define KILL_DELAY_US	20000		/* the kill comes 0 .. 20 ms after the start */
#define GONE_WAIT_MS	2000		/* per trial, for the tree to go */
#define FAILURES_MAX	5		/* trials failed before the test stops (within its timeout) */
#define STORM_TRIALS	150
#define STORM_EXECS	"100000"	/* far more than the trial lasts: the kill is always mid-storm */
#define STORM_DELAY_US	5000
#define N_NOWHERE	20		/* PATH entries that do not exist */
#define SEARCH_RUNS	10		/* per searcher and mode: a race after a failed exec shows */

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* printf onto the end of @log (@len bytes in all), cut where it is full. */
static void __attribute__((format(printf, 3, 4))) append(char *log, size_t len, const char *fmt, ...)
{
	size_t used = strlen(log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(log + used, len - used, fmt, ap);
	va_end(ap);
}

/* What is known of @pid for a report: "comm, ppid P, cgroup G: argv". */
static void describe(pid_t pid, char *out, size_t len)
{
	char path[64], stat[512] = "", line[256], cgroup[256] = "?", argv[256] = "", *end;
	int ppid = 0;
	ssize_t n;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re"))) {
		if (!fgets(stat, sizeof(stat), f))
			stat[0] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3))
			snprintf(cgroup, sizeof(cgroup), "%.*s", (int)strcspn(line + 3, "\n"), line + 3);
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? 0 : read(fd, argv, sizeof(argv) - 1);
	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i < n - 1; i++)
		argv[i] = argv[i] ? argv[i] : ' ';
	if (!strchr(stat, '(') || !(end = strrchr(stat, ')'))) {
		snprintf(out, len, "gone");
		return;
	}
	*end = '\0';
	sscanf(end + 2, "%*c %d", &ppid);
	snprintf(out, len, "%s, ppid %d, cgroup %s: %s", strchr(stat, '(') + 1, ppid, cgroup, argv);
}

/* Processes whose environment holds @entry ("NAME=VALUE"): their pids, up to @max. */
static int marked_processes(const char *entry, pid_t pids[], int max)
{
	static char env[262144];
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while (n < max && (de = readdir(d)) != NULL) {
		pid_t pid = (pid_t)atoi(de->d_name);
		char path[64];
		ssize_t len = 0, got;
		int fd;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		while (len < (ssize_t)sizeof(env) && (got = read(fd, env + len, sizeof(env) - len)) > 0)
			len += got;
		close(fd);
		/* whole entries only: "NAME=VALUE\0" */
		if (memmem(env, (size_t)len, entry, strlen(entry) + 1))
			pids[n++] = pid;
	}
	closedir(d);
	return n;
}

/*
 * One trial: start vdsorun on a tree that forks and execs without end,
 * SIGKILL vdsorun @delay_us later, then wait for the tree to go.  Appends
 * what went wrong to @log; returns whether anything did.
 */
static bool kill_trial(const char *trace, int trial, long delay_us, char *log, size_t loglen)
{
	char *argv[] = { vdsorun, (char *)trace, probe, "forktree", "2", NULL };
	char value[96], entry[128];
	bool failed = false, stopped_seen = false;
	struct timespec now;
	pid_t pid, pids[MARKED_MAX];
	int o, e, status, n = 0, ms;

	clock_gettime(CLOCK_REALTIME, &now);
	/* unique among runs too: pids wrap around (pid_max is often 32768) */
	snprintf(value, sizeof(value), "%d.%lld.%ld.%s.%d", (int)getpid(), (long long)now.tv_sec, now.tv_nsec,
		 trace, trial);
	snprintf(entry, sizeof(entry), "%s=%s", MARK_VAR, value);
	ck_assert_int_eq(setenv(MARK_VAR, value, 1), 0);
	pid = run_start(argv, &o, &e);
	unsetenv(MARK_VAR);
	sleep_us(delay_us);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	close(o);
	close(e);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		append(log, loglen, "%s trial %d: vdsorun status %#x\n", trace, trial, status);
		failed = true;
	}
	for (ms = 0; ms <= GONE_WAIT_MS; ms += 5) {
		n = marked_processes(entry, pids, MARKED_MAX);
		for (int i = 0; i < n; i++) {
			char state = proc_state(pids[i]);

			if ((state == 'T' || state == 't') && !stopped_seen) {
				char what[512];

				describe(pids[i], what, sizeof(what));
				append(log, loglen, "%s trial %d (%ld us): pid %d stopped (%c): %s\n", trace, trial,
				       delay_us, (int)pids[i], state, what);
				stopped_seen = true;
			}
		}
		if (!n)
			break;
		sleep_us(5000);
	}
	for (int i = 0; i < n; i++) {
		char what[512];

		describe(pids[i], what, sizeof(what));
		append(log, loglen, "%s trial %d (%ld us): pid %d (%c) left after %d ms: %s\n", trace, trial,
		       delay_us, (int)pids[i], proc_state(pids[i]), GONE_WAIT_MS, what);
		kill(pids[i], SIGKILL);		/* not to disturb the next trials */
	}
	return failed || stopped_seen || n;
}

typedef bool trial_fn(const char *trace, int trial, long delay_us, char *log, size_t loglen);

/*
 * @trial @n times in each --trace mode (fewer once @max_failures failed),
 * each after a random delay below @delay_max; the test fails with every
 * failed trial's line.
 */
static void trials_per_mode(trial_fn *trial, int n, int max_failures, long delay_max)
{
	static char log[3072], counts[256];	/* Check carries at most 4 KiB of message */
	unsigned seed = (unsigned)getpid();
	int all = 0;

	log[0] = counts[0] = '\0';
	for (unsigned m = 0; m < N_TRACE_MODES; m++) {
		int failures = 0, t;

		for (t = 0; t < n && failures < max_failures; t++)
			failures += trial(trace_modes[m], t, rand_r(&seed) % delay_max, log, sizeof(log));
		append(counts, sizeof(counts), " %s: %d of %d trials failed;", trace_modes[m], failures, t);
		all += failures;
	}
	ck_assert_msg(all == 0, "%s (seed %u)\n%s", counts, (unsigned)getpid(), log);
}

/*
 * kill -9 of vdsorun at any moment (before the program runs, mid-exec,
 * between execs): the tree goes within a bounded time, and none of it is
 * ever seen stopped once vdsorun is dead.
 */
START_TEST(killing_vdsorun_anytime_leaves_no_process)
{
	trials_per_mode(kill_trial, KILL_TRIALS, FAILURES_MAX, KILL_DELAY_US);
}
END_TEST

/* SIGKILL of the program @delay_us after it began to exec itself over and over. */
static bool storm_trial(const char *trace, int trial, long delay_us, char *log, size_t loglen)
{
	char *argv[] = { vdsorun, (char *)trace, probe, "execstorm", STORM_EXECS, NULL };
	static struct run r;
	pid_t pid, prog;
	int o, e;

	memset(&r, 0, sizeof(r));
	pid = run_start(argv, &o, &e);
	prog = wait_ready(o, &r);
	sleep_us(delay_us);
	ck_assert_int_eq(kill(prog, SIGKILL), 0);
	run_finish(pid, o, e, &r);
	if (WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGKILL && !r.err[0])
		return false;
	append(log, loglen, "%s trial %d: status %#x, stderr: %s", trace, trial, r.status, r.err);
	return true;
}

/*
 * SIGKILL of the program while it execs itself over and over: vdsorun
 * reports the program's death (re-raised: 137 in a shell) every time and
 * says nothing (no "cannot map the vDSO", no failure of its own).
 */
START_TEST(sigkill_during_exec_storm_is_the_programs_death)
{
	trials_per_mode(storm_trial, STORM_TRIALS, STORM_TRIALS, STORM_DELAY_US);	/* all of them run */
}
END_TEST

/*
 * The last image of each case must have our image at the compat address:
 * an exec from a thread that is not the leader, a vfork child's, a
 * double-forked daemon's (a new session, orphaned, execing 100 ms later,
 * its line through a file), and the end of an i386 -> x86-64 -> i386 chain.
 */
START_TEST(late_execs_get_our_vdso)
{
	static char log[3072];	/* Check carries at most 4 KiB of message */
	char daemon_out[300], chain[600];
	char *const cases[][4] = {
		{ "thread-exec" }, { "vfork-exec" }, { "daemon", daemon_out }, { "exec", "/bin/sh", "-c", chain },
	};
	int failures = 0;

	make_scratch();
	snprintf(daemon_out, sizeof(daemon_out), "%s/daemon-auxv", scratch);
	snprintf(chain, sizeof(chain), "exec %s auxv", probe);
	log[0] = '\0';
	for (unsigned m = 0; m < N_TRACE_MODES; m++) {
		for (unsigned c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
			char *argv[] = { vdsorun, (char *)trace_modes[m], "--vdso=compat", probe, cases[c][0],
					 cases[c][1], cases[c][2], cases[c][3], NULL };
			unsigned long ehdr[4], sysinfo[4];
			struct run *r;
			int n;

			unlink(daemon_out);
			r = run_argv(argv);
			n = auxv_lines(r->out, ehdr, sysinfo, 4);
			if (run_exit_code(r) == 0 && n >= 1 && ehdr[n - 1] == COMPAT_EHDR && !r->err[0])
				continue;
			failures++;
			append(log, sizeof(log), "%s %s: status %#x, %d auxv lines, the last ehdr %#lx\n%s%s",
			       trace_modes[m], cases[c][0], r->status, n, n ? ehdr[n - 1] : 0, r->out, r->err);
		}
	}
	ck_assert_msg(failures == 0, "%d of %zu runs failed:\n%s", failures,
		      N_TRACE_MODES * sizeof(cases) / sizeof(cases[0]), log);
	remove_flat_dir(scratch);
}
END_TEST

/* Every "tracer pid=P tracerpid=T" line's T must be @want; returns how many lines. */
static int tracer_lines(const char *out, int want, const char *what)
{
	const char *p = out;
	int n = 0, pid, tracer;

	while ((p = strstr(p, "tracer pid=")) && sscanf(p, "tracer pid=%d tracerpid=%d", &pid, &tracer) == 2) {
		ck_assert_msg(tracer == want, "%s: pid %d has TracerPid %d, wanted %d:\n%s", what, pid,
			      tracer, want, out);
		n++;
		p++;
	}
	return n;
}

/*
 * A PATH search with N_NOWHERE failing execs before each hit, by execvp
 * and by the shell: --trace=exec lets every failed exec go, so the searcher
 * and the program found are nobody's tracees (TracerPid 0); under
 * --trace=always, by design, vdsorun traces them all.
 */
START_TEST(path_search_leaves_nothing_traced)
{
	char dir[PATH_MAX], path[PATH_MAX + N_NOWHERE * 16] = "", script[256];
	char *old_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

	ck_assert_ptr_nonnull(realpath(probe, dir));
	*strrchr(dir, '/') = '\0';
	for (int i = 1; i <= N_NOWHERE; i++)
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "/relvdso-nowhere%d:", i);
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s", dir);
	/* the shell's own TracerPid with builtins only; then the found program's */
	snprintf(script, sizeof(script), "relvdso-found-nowhere; while read k v; do [ \"$k\" = TracerPid: ] && "
		 "echo \"tracer pid=$$ tracerpid=$v\"; done </proc/self/status; %s tracer", strrchr(probe, '/') + 1);
	for (unsigned m = 0; m < N_TRACE_MODES; m++) {
		char *searchers[][6] = {
			{ vdsorun, (char *)trace_modes[m], probe, "pathsearch", strrchr(probe, '/') + 1, NULL },
			{ vdsorun, (char *)trace_modes[m], probe, "exec", "/bin/sh", "-c" },
		};

		for (unsigned run = 0; run < 2 * SEARCH_RUNS; run++) {
			unsigned s = run % 2;
			char *argv[8] = { NULL }, what[64];
			static struct run r;
			pid_t pid;
			int o, e;

			memcpy(argv, searchers[s], sizeof(searchers[s]));
			argv[6] = s ? script : NULL;
			memset(&r, 0, sizeof(r));
			ck_assert_int_eq(setenv("PATH", path, 1), 0);
			pid = run_start(argv, &o, &e);
			if (old_path)
				setenv("PATH", old_path, 1);
			run_finish(pid, o, e, &r);
			ck_assert_msg(run_exit_code(&r) == 0, "%s %s: status %#x\n%s%s", trace_modes[m], argv[3],
				      r.status, r.out, r.err);
			snprintf(what, sizeof(what), "%s %s, run %u", trace_modes[m], argv[3], run / 2);
			ck_assert_int_eq(tracer_lines(r.out, m ? pid : 0, what), 2);
			ck_assert_ptr_null(strstr(r.err, "vdsorun"));
		}
	}
	free(old_path);
}
END_TEST

/*
 * A setuid program under a tracer without CAP_SYS_PTRACE runs with the
 * caller's ids; vdsorun says so in one line and runs it.  The unprivileged
 * caller is the suite itself, or, when the suite runs as root, uid nobody
 * (setpriv), running copies of vdsorun and the probe in a directory it can
 * reach.  Root itself, holding CAP_SYS_PTRACE, gets no such line.  setpriv
 * is util-linux's, in /usr/bin on Debian.
 */
#define NOBODY "65534"

/* @argv as uid and gid nobody when the suite runs as root, else as ourselves. */
static struct run *run_unprivileged(char *const argv[])
{
	char *cmd[16] = { "/usr/bin/setpriv", "--reuid=" NOBODY, "--regid=" NOBODY, "--clear-groups" };
	size_t n = 4;

	if (geteuid() != 0)
		return run_argv(argv);
	for (size_t i = 0; argv[i] && n < 15; i++)
		cmd[n++] = argv[i];
	return run_argv(cmd);
}

/* A fresh scratch directory nobody can reach, holding copies of vdsorun and the probe. */
static void unprivileged_scratch(char *runner, char *plain)
{
	unsigned char *elf;
	size_t n;

	make_scratch();
	ck_assert_int_eq(chmod(scratch, 0755), 0);
	elf = slurp(vdsorun, &n);
	write_file("vdsorun", elf, n, 0755, runner);
	free(elf);
	n = read_probe(&elf);
	write_file("probe", elf, n, 0755, plain);
	free(elf);
}

/* @text is one whole line. */
static bool one_line(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl && !nl[1];
}

/*
 * Also when the setuid program is exec'd later in the tree (not PROGRAM,
 * so vdsorun never vetted it): it runs with the caller's euid.  Run
 * natively by nobody the same copy gets euid 0: the bit is live here.
 */
START_TEST(setuid_program_runs_without_privileges)
{
	char runner[256], plain[256], prog[256], line[400], ids[64];
	bool root = geteuid() == 0;
	int caller = root ? atoi(NOBODY) : (int)getuid();
	unsigned char *elf;
	size_t n;
	struct run *r;

	unprivileged_scratch(runner, plain);
	n = read_probe(&elf);
	write_file("setuid-probe", elf, n, 04755, prog);
	free(elf);
	snprintf(line, sizeof(line), "vdsorun: %s is setuid: it runs without its privileges "
		 "(as under any tracer)\n", prog);
	snprintf(ids, sizeof(ids), "ids ruid=%d euid=%d\n", caller, caller);
	for (unsigned m = 0; m < N_TRACE_MODES; m++) {
		char *first[] = { runner, (char *)trace_modes[m], prog, "exit", "7", NULL };
		char *later[] = { runner, (char *)trace_modes[m], plain, "exec", prog, "ids", NULL };

		r = run_unprivileged(first);
		ck_assert_msg(run_exit_code(r) == 7, "%s: exit %d; err: %s", trace_modes[m], run_exit_code(r), r->err);
		ck_assert_str_eq(r->err, line);
		r = run_unprivileged(later);
		ck_assert_msg(run_exit_code(r) == 0, "%s: exit %d; err: %s", trace_modes[m], run_exit_code(r), r->err);
		ck_assert_str_eq(r->out, ids);
		if (root) {
			r = run_argv(first);
			ck_assert_int_eq(run_exit_code(r), 7);
			ck_assert_str_eq(r->err, "");
		}
	}
	if (root) {
		r = run_unprivileged((char *[]){ prog, "ids", NULL });
		ck_assert_str_eq(r->out, "ids ruid=" NOBODY " euid=0\n");
	}
	remove_flat_dir(scratch);
}
END_TEST

/*
 * An execute-only (0711) program exec'd by an unprivileged user is not
 * dumpable: vdsorun can neither read nor write it.  It runs, with the
 * host's vDSO, and vdsorun says so in one line, naming it (by path, or by
 * name when its /proc/PID/exe is closed to us too).  As PROGRAM and as a
 * later exec (which vdsorun never vetted).
 */
START_TEST(execute_only_program_runs_with_the_host_vdso)
{
	static const char line[] = "xonly-probe cannot be read (execute-only): it runs with the host's vDSO\n";
	char runner[256], plain[256], xonly[256];
	unsigned long ehdr[2], sysinfo[2];
	unsigned char *elf;
	size_t n;

	unprivileged_scratch(runner, plain);
	n = read_probe(&elf);
	write_file("xonly-probe", elf, n, 0711, xonly);
	free(elf);
	for (unsigned m = 0; m < N_TRACE_MODES; m++) {
		char *mode = (char *)trace_modes[m];
		char *const cases[][8] = {
			{ runner, mode, "--vdso=compat", xonly, "auxv", NULL },
			{ runner, mode, "--vdso=compat", plain, "exec", xonly, "auxv", NULL },
		};

		for (unsigned c = 0; c < 2; c++) {
			struct run *r = run_unprivileged(cases[c]);

			ck_assert_msg(run_exit_code(r) == 0 && auxv_lines(r->out, ehdr, sysinfo, 2) == 1,
				      "%s %s: status %#x\n%s%s", mode, cases[c][3], r->status, r->out, r->err);
			ck_assert_msg(ehdr[0] != COMPAT_EHDR && ehdr[0] != 0, "%s %s: ehdr %#lx is not the host's",
				      mode, cases[c][3], ehdr[0]);
			ck_assert_msg(!strncmp(r->err, "vdsorun: pid ", 13) && strstr(r->err, line) && one_line(r->err),
				      "%s %s: stderr is not the one line '...%s': %s", mode, cases[c][3], line, r->err);
		}
	}
	remove_flat_dir(scratch);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("vdsorun");
	TCase *vdso = tcase_create("vdso");
	TCase *proc = tcase_create("processes");
	TCase *input = tcase_create("input");
	TCase *fwd = tcase_create("forward");
	TCase *sem = tcase_create("semantics");

	tcase_set_timeout(vdso, 60);
	tcase_set_timeout(proc, 60);
	tcase_set_timeout(input, 60);
	tcase_set_timeout(fwd, 60);
	tcase_set_timeout(sem, 60);
	tcase_add_unchecked_fixture(fwd, paths, NULL);
	tcase_add_unchecked_fixture(sem, paths, NULL);
	tcase_add_unchecked_fixture(vdso, paths, NULL);
	tcase_add_unchecked_fixture(proc, paths, NULL);
	tcase_add_unchecked_fixture(input, paths, NULL);
	tcase_add_test(vdso, compat_tree_every_process_gets_fixed_vdso);
	tcase_add_test(vdso, normal_mode_is_random_per_process);
	tcase_add_test(vdso, disabled_removes_both_auxv_entries);
	tcase_add_test(vdso, entry_instruction_behind_at_sysinfo);
	tcase_add_test(vdso, xen_backend_runs_int80_image);
	tcase_add_test(vdso, legacy_probe_verdicts_per_mode);
	tcase_add_test(proc, exit_status_propagates);
	tcase_add_test(proc, death_by_signal_propagates);
	tcase_add_test(proc, signals_sent_to_vdsorun_reach_the_program);
	tcase_add_test(proc, killing_vdsorun_kills_the_program);
	tcase_add_test(proc, no_process_outlives_the_program);
	tcase_add_test(input, bad_usage_exits_2);
	tcase_add_test(input, help_lists_every_backend);
	tcase_add_test(input, bad_targets_exit_like_a_shell);
	tcase_add_test(input, missing_interpreter_inside_root);
	tcase_add_test(input, root_not_a_directory_names_the_root);
	tcase_add_test(input, script_interpreter_is_named);
	tcase_add_test(input, reservetop_past_the_limit_names_it);
	suite_add_tcase(s, vdso);
	suite_add_tcase(s, proc);
	tcase_add_test(fwd, data_page_is_one_read_only_page_below_the_image);
	tcase_add_test(fwd, forward_slots_are_the_host_functions);
	tcase_add_test(fwd, forward_slots_right_after_every_exec);
	tcase_add_test(fwd, verbose_names_the_data_page);
	suite_add_tcase(s, input);
	suite_add_tcase(s, fwd);
	tcase_add_test(sem, killing_vdsorun_anytime_leaves_no_process);
	tcase_add_test(sem, sigkill_during_exec_storm_is_the_programs_death);
	tcase_add_test(sem, late_execs_get_our_vdso);
	tcase_add_test(sem, path_search_leaves_nothing_traced);
	tcase_add_test(sem, setuid_program_runs_without_privileges);
	tcase_add_test(sem, execute_only_program_runs_with_the_host_vdso);
	suite_add_tcase(s, sem);
	return s;
}
