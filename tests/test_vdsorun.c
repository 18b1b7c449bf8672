// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdsorun end to end: it runs real i386 programs (build/userspace-tests/),
 * so these tests see what a user sees — addresses in the auxv, the entry
 * instruction behind AT_SYSINFO, exit statuses, signals, leftover
 * processes and the messages for bad input.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/*
 * A setuid program under a tracer without CAP_SYS_PTRACE runs with the
 * caller's ids; vdsorun says so in one line and runs it.  The unprivileged
 * caller is the suite itself, or, when the suite runs as root, uid nobody
 * (setpriv), running copies of vdsorun and the probe in a directory it can
 * reach.  Root itself, holding CAP_SYS_PTRACE, gets no such line.  setpriv
 * is util-linux's, in /usr/bin on Debian.
 */
#define NOBODY "65534"

START_TEST(setuid_program_runs_without_privileges)
{
	char runner[256], prog[256], line[400];
	char *as_nobody[] = { "/usr/bin/setpriv", "--reuid=" NOBODY, "--regid=" NOBODY, "--clear-groups",
			      runner, prog, "exit", "7", NULL };
	char *as_self[] = { runner, prog, "exit", "7", NULL };
	bool root = geteuid() == 0;
	unsigned char *elf;
	size_t n;
	struct run *r;

	make_scratch();
	ck_assert_int_eq(chmod(scratch, 0755), 0);
	elf = slurp(vdsorun, &n);
	write_file("vdsorun", elf, n, 0755, runner);
	free(elf);
	n = read_probe(&elf);
	write_file("probe", elf, n, 04755, prog);
	free(elf);

	r = run_argv(root ? as_nobody : as_self);
	snprintf(line, sizeof(line), "vdsorun: %s is setuid: it runs without its privileges "
		 "(as under any tracer)\n", prog);
	ck_assert_msg(run_exit_code(r) == 7, "exit %d; err: %s", run_exit_code(r), r->err);
	ck_assert_str_eq(r->err, line);
	if (root) {
		r = run_argv(as_self);
		ck_assert_int_eq(run_exit_code(r), 7);
		ck_assert_str_eq(r->err, "");
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

	tcase_set_timeout(vdso, 60);
	tcase_set_timeout(proc, 60);
	tcase_set_timeout(input, 60);
	tcase_set_timeout(fwd, 60);
	tcase_add_unchecked_fixture(fwd, paths, NULL);
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
	tcase_add_test(input, setuid_program_runs_without_privileges);
	suite_add_tcase(s, vdso);
	suite_add_tcase(s, proc);
	tcase_add_test(fwd, data_page_is_one_read_only_page_below_the_image);
	tcase_add_test(fwd, forward_slots_are_the_host_functions);
	tcase_add_test(fwd, forward_slots_right_after_every_exec);
	tcase_add_test(fwd, verbose_names_the_data_page);
	suite_add_tcase(s, input);
	suite_add_tcase(s, fwd);
	return s;
}
