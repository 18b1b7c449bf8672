// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-syscall32: the cost of one system call round trip (getppid) from a
 * 32-bit process, through every entry this host offers, in one process.
 *
 *   relvdso-syscall   our syscall image's __kernel_vsyscall (mapped here)
 *   relvdso-int80     our int80 image's __kernel_vsyscall
 *   relvdso-sysenter  our sysenter image's, when this CPU can run it
 *   host-vdso         the host kernel's __kernel_vsyscall (AT_SYSINFO)
 *   int80             a raw "int $0x80", no call at all
 *
 * The images hold no absolute addresses, so we map their file bytes at a
 * page the kernel picks, a zero data page right below (every host does:
 * the time functions read it), and call e_entry (= __kernel_vsyscall).  Rounds are
 * interleaved (all methods in round 1, then round 2, ...) and the method
 * order rotates each round, so a noisy neighbour hits every method alike.
 * Time is this thread's CPU time (user + system): the kernel work of the
 * call counts, time spent descheduled by other jobs does not.
 *
 * usage: bench-syscall32 [-r ROUNDS] [-t MS] [-m] IMAGE_DIR
 *   -t MS  calls per batch: as many as take about MS ms (default 250)
 *   -m     time with CLOCK_MONOTONIC instead of the thread's CPU clock
 * As PID 1 (the /init of the benchmark guest, bench/guest.sh) it runs with
 * IMAGE_DIR /vdso, 15 rounds, 0.4 s batches, CLOCK_MONOTONIC (a TCG guest's
 * CPU clock is tick-sampled), brackets its output with BENCH-BEGIN /
 * BENCH-END and reboots the machine (qemu -no-reboot then exits); there
 * "kernel-vdso" is the guest kernel's own vDSO, i.e. relvdso's image.
 * Output:
 *   method NAME ok | method NAME unavailable REASON
 *   iters NAME CALLS_PER_ROUND
 *   round NAME ROUND NS_PER_CALL
 * (the host driver computes medians and ratios).  Exit 1 on a setup error;
 * it refuses to run under vdsorun (AT_SYSINFO would be ours, not the host's).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* relative: built -m32 without the project's -I */
#include "../include/relvdso/vdso_data.h"

#define NR_getppid	64

typedef void (*vsys_fn)(void);

struct method {
	const char *name;
	vsys_fn entry;		/* NULL: raw int $0x80 */
	const char *why;	/* non-NULL: unavailable, and why */
	long iters;		/* calls per round */
};

static long call_vsyscall(vsys_fn fn)
{
	long ret;

	/* __kernel_vsyscall preserves every register but %eax */
	__asm__ volatile("call *%[fn]"
			 : "=a"(ret)
			 : "0"(NR_getppid), [fn] "r"(fn)
			 : "memory", "cc");
	return ret;
}

static long call_int80(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(NR_getppid) : "memory", "cc");
	return ret;
}

/*
 * This thread's CPU time (user + system), not wall time: on a shared
 * machine the time other jobs hold the CPU would otherwise be counted.
 */
static clockid_t bench_clock = CLOCK_THREAD_CPUTIME_ID;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(bench_clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per call for @iters calls; every answer must be our parent's pid */
static double run(const struct method *m, long iters, long want)
{
	double t0, t1;
	long i, bad = 0;

	t0 = now_ns();
	if (m->entry) {
		for (i = 0; i < iters; i++)
			bad |= call_vsyscall(m->entry) ^ want;
	} else {
		for (i = 0; i < iters; i++)
			bad |= call_int80() ^ want;
	}
	t1 = now_ns();
	if (bad) {
		fprintf(stderr, "bench-syscall32: %s returned a wrong pid\n", m->name);
		exit(1);
	}
	return (t1 - t0) / iters;
}

/*
 * Map IMAGE read+exec at a page the kernel picks, with its data page right
 * below, read-only and zero (the time functions would make system calls;
 * only __kernel_vsyscall is timed here); return its e_entry there.
 */
static vsys_fn map_image(const char *path)
{
	Elf32_Ehdr eh;
	struct stat st;
	uint8_t *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(eh)) {
		fprintf(stderr, "bench-syscall32: cannot read %s\n", path);
		return NULL;
	}
	p = mmap(NULL, RELVDSO_DATA_SIZE + st.st_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED && mmap(p + RELVDSO_DATA_SIZE, st.st_size, PROT_READ | PROT_EXEC,
				    MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)
		p = MAP_FAILED;
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, "bench-syscall32: cannot map %s: %s\n", path, strerror(errno));
		return NULL;
	}
	p += RELVDSO_DATA_SIZE;
	memcpy(&eh, p, sizeof(eh));
	/* push %ecx; push %edx; push %ebp: the Linux convention */
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    (off_t)eh.e_entry + 3 > st.st_size ||
	    memcmp(p + eh.e_entry, "\x51\x52\x55", 3)) {
		fprintf(stderr, "bench-syscall32: %s: e_entry is not __kernel_vsyscall\n", path);
		return NULL;
	}
	return (vsys_fn)(p + eh.e_entry);
}

/* Under vdsorun (a ptrace tracer) AT_SYSINFO is ours, not the host's. */
static int traced(void)
{
	char line[256];
	int pid = 0;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %d", &pid) == 1)
			break;
	if (f)
		fclose(f);
	return pid != 0;
}

/* Does one call through @m survive and answer right?  Tried in a child. */
static const char *probe(const struct method *m, long want)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		/* the child's parent is us: want our pid */
		_exit(call_vsyscall(m->entry) == (long)want ? 0 : 3);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return "probe failed";
	if (WIFSIGNALED(status))
		return WTERMSIG(status) == SIGSEGV ? "faults here (SIGSEGV)" :
		       WTERMSIG(status) == SIGILL ? "faults here (SIGILL)" :
						    "killed by a signal";
	return WEXITSTATUS(status) ? "wrong result" : NULL;
}

int main(int argc, char **argv)
{
	static const char *const images[] = { "syscall", "sysenter", "int80" };
	struct method m[8];
	size_t nm = 0, i, k;
	long rounds = 15, r, want = getppid();
	double budget_ms = 250;
	const char *dir = NULL;
	char path[4096];
	int opt, guest = getpid() == 1;

	while (!guest && (opt = getopt(argc, argv, "r:t:m")) != -1) {
		switch (opt) {
		case 'r': rounds = atol(optarg); break;
		case 't': budget_ms = atof(optarg); break;
		case 'm': bench_clock = CLOCK_MONOTONIC; break;
		default: goto usage;
		}
	}
	if (guest) {
		dir = "/vdso";
		rounds = 15;
		budget_ms = 400;
		bench_clock = CLOCK_MONOTONIC;
	} else if (optind + 1 == argc) {
		dir = argv[optind];
	}
	if (!dir || rounds <= 0 || budget_ms <= 0)
		goto usage;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (guest)
		printf("BENCH-BEGIN\n");
	if (!guest && traced()) {
		fprintf(stderr, "bench-syscall32: traced (under vdsorun?): AT_SYSINFO would "
			"not be the host's vDSO; run it directly\n");
		return 1;
	}

	for (i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
		static char names[3][32];

		snprintf(names[i], sizeof(names[i]), "relvdso-%s", images[i]);
		snprintf(path, sizeof(path), "%s/vdso-%s.so", dir, images[i]);
		m[nm] = (struct method){ names[i], NULL, NULL, 0 };
		m[nm].entry = map_image(path);
		if (!m[nm].entry)
			goto fail;
		nm++;
	}
	m[nm] = (struct method){ guest ? "kernel-vdso" : "host-vdso", (vsys_fn)getauxval(AT_SYSINFO), NULL, 0 };
	if (!m[nm].entry)
		m[nm].why = "no AT_SYSINFO";
	nm++;
	m[nm++] = (struct method){ "int80", NULL, NULL, 0 };

	for (i = 0; i < nm; i++) {
		if (m[i].entry && !m[i].why)
			m[i].why = probe(&m[i], getpid());
		if (m[i].why)
			printf("method %s unavailable %s\n", m[i].name, m[i].why);
		else
			printf("method %s ok\n", m[i].name);
	}

	/*
	 * Warm up (page in the code, settle the clock) and calibrate: double
	 * the count until a batch takes a quarter of the budget, then scale to
	 * the budget.  Raw int $0x80 is ~25x slower than the fast entries on
	 * some hosts, so each method gets its own count.
	 */
	for (i = 0; i < nm; i++) {
		double ns = 0;
		long n = 1000;

		if (m[i].why)
			continue;
		for (;;) {
			ns = run(&m[i], n, want) * n;
			if (ns >= budget_ms * 1e6 / 4 || n >= (1L << 30))
				break;
			n *= 2;
		}
		m[i].iters = (long)(n * (budget_ms * 1e6 / (ns > 0 ? ns : 1)));
		if (m[i].iters < 1000)
			m[i].iters = 1000;
		printf("iters %s %ld\n", m[i].name, m[i].iters);
	}

	for (r = 0; r < rounds; r++) {
		for (k = 0; k < nm; k++) {
			const struct method *x = &m[(k + r) % nm];

			if (!x->why)
				printf("round %s %ld %.3f\n", x->name, r, run(x, x->iters, want));
		}
	}
	if (guest) {
		printf("BENCH-END\n");
		sync();
		reboot(RB_AUTOBOOT);
	}
	return 0;
fail:
	if (guest) {
		printf("BENCH-END\n");
		reboot(RB_AUTOBOOT);
	}
	return 1;
usage:
	fprintf(stderr, "usage: bench-syscall32 [-r ROUNDS] [-t MS] [-m] IMAGE_DIR\n");
	return 2;
}
