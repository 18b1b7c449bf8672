// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdsorun: run i386 programs (and whole Debian i386 chroots) on relvdso's
 * vDSO on a stock 64-bit Linux host.  See README "vdsorun".
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "relvdso/fmt.h"
#include "runner/runner.h"

/* Help text; the %s are the backend lists, from the core's backend table. */
static const char usage_fmt[] =
"usage: vdsorun [OPTIONS] [--] PROGRAM [ARGS...]\n"
"Run an i386 program, and every process it starts, on relvdso's vDSO.\n"
"\n"
"  --vdso=MODE         0|off|disabled: no vDSO (AT_SYSINFO* removed, int $0x80)\n"
"                      1|on|enabled:   normal, image at 0 mapped at a random page\n"
"                      2|compat:       fixed, prelinked below the reserved top\n"
"                      (default: normal)\n"
"  --reservetop=SIZE   reserve SIZE more at the top (e.g. 64M), as a hypervisor\n"
"                      would; moves the compat vDSO down by as much\n"
"  --backend=NAME      %s (%s: int80 only)\n"
"  --entry=METHOD      auto, int80, sysenter or syscall; one this CPU cannot run\n"
"                      falls back to the best one with a warning\n"
"  --forward=HOW       host: the time functions (clock_gettime, gettimeofday,\n"
"                      time, clock_getres, getcpu) call the host kernel's own\n"
"                      32-bit vDSO (default); off: they make the system call\n"
"                      (a debug switch)\n"
"  --trace=HOW         exec: hold each process only while it execs (default;\n"
"                      the programs may use ptrace, gdb and strace run);\n"
"                      always: trace every process for its whole life (the\n"
"                      fallback where the kernel lacks seccomp user notification)\n"
"  --root=DIR          run PROGRAM chrooted in DIR (root: chroot; other users:\n"
"                      a user namespace, where the kernel allows them).  The\n"
"                      host's /proc is bound at DIR/proc: the host's processes\n"
"                      are visible there, and /proc/PID/root of a process\n"
"                      outside DIR reaches the host's files\n"
"  --verbose           the boot log and one line per exec on stderr\n"
"  -h, --help          this text\n"
"  --version           print the version\n"
"\n"
"Exit status: PROGRAM's own (a death by signal is re-raised), 2 bad usage,\n"
"126 PROGRAM cannot be run, 127 PROGRAM or its interpreter not found,\n"
"1 vdsorun itself failed.\n";

static void usage(FILE *f)
{
	char all[128] = "", slow[128] = "";
	size_t all_len = 0, slow_len = 0;
	unsigned int i;

	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++) {
		const char *name = relvdso_backend_name((enum relvdso_backend)i);

		if (all_len < sizeof(all))
			all_len += (size_t)snprintf(all + all_len, sizeof(all) - all_len, "%s%s",
						    all_len ? ", " : "", name);
		if (!relvdso_backend_fast((enum relvdso_backend)i) && slow_len < sizeof(slow))
			slow_len += (size_t)snprintf(slow + slow_len, sizeof(slow) - slow_len, "%s%s",
						     slow_len ? "/" : "", name);
	}
	fprintf(f, usage_fmt, all, slow);
}

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vdsorun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr);
	return RUNNER_EXIT_USAGE;
}

/* A size that parses but leaves the compat page no room: say where the limit is, and why. */
static int reservetop_error(const char *arg)
{
	uint32_t max = runner_reservetop_max();
	char size[16];

	relvdso_fmt_size(size, sizeof(size), max);
	return usage_error("--reservetop=%s cannot work: the limit is %s (0x%08x), since the host "
			   "keeps the top %uM and the compat vDSO data page must stay at or above 0x%08x",
			   arg, size, max, RUNNER_HOST_RESERVE >> 20, RUNNER_FIXMAP_FLOOR);
}

static bool trace_lookup(const char *name, enum runner_trace_mode *out)
{
	static const char *const names[] = {
		[RUNNER_TRACE_EXEC] = "exec",
		[RUNNER_TRACE_ALWAYS] = "always",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*out = (enum runner_trace_mode)i;
			return true;
		}
	}
	return false;
}

/* --trace=exec where the kernel has what it needs; otherwise say so and trace always. */
static int run_traced(struct runner_vdso *rv, struct runner_opts *opts, const char *path)
{
	const char *why;

	if (opts->trace == RUNNER_TRACE_EXEC && !runner_trace_exec_available(&why)) {
		if (opts->trace_given) {
			fprintf(stderr, "vdsorun: --trace=exec needs %s\n", why);
			return W_EXITCODE(RUNNER_EXIT_FAILURE, 0);
		}
		fprintf(stderr, "vdsorun: this kernel lacks %s: tracing every process (--trace=always)\n", why);
		opts->trace = RUNNER_TRACE_ALWAYS;
	}
	return opts->trace == RUNNER_TRACE_EXEC ? runner_trace_exec(rv, opts, path)
						: runner_trace_always(rv, opts, path);
}

static int parse_args(int argc, char **argv, struct runner_opts *o)
{
	enum { O_VDSO = 256, O_RESERVE, O_BACKEND, O_ENTRY, O_FORWARD, O_TRACE, O_ROOT, O_VERBOSE };
	static const struct option longopts[] = {
		{ "vdso", required_argument, 0, O_VDSO },
		{ "reservetop", required_argument, 0, O_RESERVE },
		{ "backend", required_argument, 0, O_BACKEND },
		{ "entry", required_argument, 0, O_ENTRY },
		{ "forward", required_argument, 0, O_FORWARD },
		{ "trace", required_argument, 0, O_TRACE },
		{ "root", required_argument, 0, O_ROOT },
		{ "verbose", no_argument, 0, O_VERBOSE },
		TOOL_CLI_OPTIONS,
		{ 0, 0, 0, 0 }
	};
	int c;

	tool_cli_init(argv, "vdsorun");
	memset(o, 0, sizeof(*o));
	relvdso_opts_init(&o->boot, RELVDSO_MODE_NORMAL);
	/* '+': stop at PROGRAM, its options are its own */
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			exit(TOOL_EXIT_OK);
		case TOOL_CLI_VERSION:
			exit(tool_cli_version());
		case O_VDSO:
			if (relvdso_opt_parse_mode(optarg, RELVDSO_MODE_NORMAL, &o->boot.mode) != RELVDSO_OPT_OK)
				return usage_error("bad --vdso value '%s'", optarg);
			o->boot.mode_given = true;
			break;
		case O_RESERVE:
			if (!relvdso_opt_parse_size(optarg, &o->reservetop))
				return usage_error("bad --reservetop size '%s'", optarg);
			if (o->reservetop > runner_reservetop_max())
				return reservetop_error(optarg);
			break;
		case O_BACKEND:
			if (!relvdso_backend_lookup(optarg, &o->backend))
				return usage_error("unknown --backend '%s'", optarg);
			break;
		case O_ENTRY:
			if (relvdso_opt_parse_entry(optarg, &o->boot.entry) != RELVDSO_OPT_OK)
				return usage_error("bad --entry value '%s'", optarg);
			o->boot.entry_given = true;
			break;
		case O_FORWARD:
			if (!runner_forward_lookup(optarg, &o->forward))
				return usage_error("bad --forward value '%s' (host or off)", optarg);
			break;
		case O_TRACE:
			if (!trace_lookup(optarg, &o->trace))
				return usage_error("bad --trace value '%s' (exec or always)", optarg);
			o->trace_given = true;
			break;
		case O_ROOT:
			if (!*optarg)
				return usage_error("empty --root");
			o->root = optarg;
			break;
		case O_VERBOSE:
			o->verbose = true;
			break;
		default:
			usage(stderr);
			return RUNNER_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("no PROGRAM given");
	o->argv = argv + optind;
	return 0;
}

/* Die the way the program died, without leaving a core of our own. */
static int propagate(int status)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;
	int sig;

	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (!WIFSIGNALED(status))
		return RUNNER_EXIT_FAILURE;
	sig = WTERMSIG(status);
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;	/* a signal whose default is to continue */
}

int main(int argc, char **argv)
{
	struct runner_opts opts;
	struct runner_vdso rv;
	char path[PATH_MAX];
	int rc;

	rc = parse_args(argc, argv, &opts);
	if (rc)
		return rc;
	rc = runner_target_check(&opts, path, sizeof(path));
	if (rc)
		return rc;
	runner_vdso_boot(&rv, &opts);
	if (!rv.compat_page) {
		fprintf(stderr, "vdsorun: out of memory\n");
		return RUNNER_EXIT_FAILURE;
	}
	rc = run_traced(&rv, &opts, path);
	free(rv.compat_page);	/* LeakSanitizer: the page lives until here, not past */
	return propagate(rc);
}
