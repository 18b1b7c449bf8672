// SPDX-License-Identifier: GPL-2.0-only
/*
 * forward-probe: vdsorun's data page and its forward table, seen from the
 * process that got them.  Every sub-command takes --off for a run under
 * vdsorun --forward=off, where every forward slot must be 0.
 *
 *   slots [--execs=N]  the page right below AT_SYSINFO_EHDR is one r--p
 *                      mapping, the image r-xp; relvdso's magic, version
 *                      and slow flag; forward[] of every LINUX_2.6 function
 *                      = that function in this process's host [vdso],
 *                      resolved here (from /proc/self/maps and the host
 *                      image's own DT_HASH and versions); then the program
 *                      execs itself N more times, each step checking again
 *                      (the steps print their failures and summary only)
 *   fastpath           under a seccomp filter that fails the i386 time
 *                      system calls with ENOTRECOVERABLE, call every
 *                      function of our vDSO: forwarded, the host serves the
 *                      clock ids of the clock table in userspace (real
 *                      values) and the rest reach the filter; with --off
 *                      every call reaches it.  Exit 4 (a skip) when the
 *                      host's own vDSO makes the system call for
 *                      CLOCK_MONOTONIC: there is no fast path to see
 *   timens OFFSET      in a time namespace whose monotonic and boottime
 *                      offsets are OFFSET s: both clocks through our vDSO
 *                      lie between two system calls and at or past OFFSET;
 *                      then, under the filter, they still answer (the
 *                      host's vDSO applies the offsets itself), or with
 *                      --off reach the filter
 *
 * One line per check; the summary line ends in PASS or FAIL (exit 0 / 1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../common/ut_vdso.h"
#include "../../include/relvdso/vdso_data.h"

#define PAGE		4096u
#define MARKER		ENOTRECOVERABLE		/* what the filter makes a time system call return */
#define EXIT_SKIP	4			/* kselftest's and the matrix's skip */
#define UT_NR_getcpu	318

/* Every i386 system call a time function of a vDSO may fall back to. */
static const unsigned int time_syscalls[] = {
	UT_NR_clock_gettime, UT_NR_clock_gettime64, UT_NR_gettimeofday, UT_NR_time,
	UT_NR_clock_getres, UT_NR_clock_getres64, UT_NR_getcpu,
};

/* The forwarded functions: the LINUX_2.6 node of the facts table. */
#define FORWARDED_(id, name, node, type, field) RELVDSO_SYM_##id,
static const enum relvdso_sym forwarded[] = { RELVDSO_VDSO_LINUX_2_6(FORWARDED_, unused) };
#define N_FORWARDED	(sizeof(forwarded) / sizeof(forwarded[0]))

/* The clock ids the host's vDSO serves itself: the clock table (Linux's). */
#define FAST_BIT_(name, id, kind, cs)	| (1u << (id))
static const uint32_t fast_ids = 0u RELVDSO_DATA_CLOCK_IDS(FAST_BIT_);
/* Ids probed: 0..15, and ones no vDSO serves (CPU-time clocks of pid/fd, huge). */
static const int32_t probe_ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
				     -1, -2, -6, 0x7fffffff };

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };
typedef int (*gettime32_fn)(int32_t, struct ts32 *);
typedef int (*gettime64_fn)(int32_t, struct ts64 *);
typedef int (*gettimeofday_fn)(struct tv32 *, void *);
typedef int32_t (*time_fn)(int32_t *);
typedef int (*getcpu_fn)(uint32_t *, uint32_t *, void *);

static int forward_off;

/* The mapping holding @addr (or named @name): its bounds and perms; 0 and "none" if none. */
static int maps_find(uint32_t addr, const char *name, uint32_t *lo, uint32_t *hi, char perms[8])
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;
	unsigned long l, h;

	*lo = *hi = 0;
	strcpy(perms, "none");

	while (f && !found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &l, &h, perms) != 3)
			continue;
		found = name ? strstr(line, name) != NULL : (l <= addr && addr < h);
		if (found) {
			*lo = (uint32_t)l;
			*hi = (uint32_t)h;
		}
	}
	if (f)
		fclose(f);
	return found;
}

static uint32_t host_vdso_base(void)
{
	uint32_t lo = 0, hi;
	char perms[8];

	return maps_find(0, "[vdso]", &lo, &hi, perms) ? lo : 0;
}

/* Our image through AT_SYSINFO_EHDR and the host's through [vdso]; exit 1 if either is unreadable. */
static void open_views(struct vdso_view *ours, struct vdso_view *host)
{
	uint32_t ehdr = (uint32_t)getauxval(AT_SYSINFO_EHDR), hbase = host_vdso_base();
	const char *why;

	if (!ut_check(ehdr && hbase && ehdr != hbase, "AT_SYSINFO_EHDR 0x%08x, the host's [vdso] at 0x%08x",
		      ehdr, hbase))
		exit(ut_finish());
	why = vdso_view_open(ours, ehdr);
	if (!ut_check(!why, "our image at 0x%08x: %s", ehdr, why ? why : "readable"))
		exit(ut_finish());
	why = vdso_view_open(host, hbase);
	if (!ut_check(!why, "the host's image at 0x%08x: %s", hbase, why ? why : "readable"))
		exit(ut_finish());
}

static const volatile struct relvdso_data *data_page(const struct vdso_view *ours)
{
	return (const volatile struct relvdso_data *)(uintptr_t)(ours->ehdr - RELVDSO_DATA_SIZE);
}

static void check_slots(void)
{
	struct vdso_view ours, host;
	const volatile struct relvdso_data *d;
	uint32_t lo, hi;
	char perms[8];
	unsigned int i;

	open_views(&ours, &host);
	d = data_page(&ours);
	maps_find(ours.ehdr - 1, NULL, &lo, &hi, perms);
	ut_check(lo == ours.ehdr - RELVDSO_DATA_SIZE && hi == ours.ehdr && strcmp(perms, "r--p") == 0,
		 "data page 0x%08x-0x%08x %s (want 0x%08x-0x%08x r--p)", lo, hi, perms,
		 ours.ehdr - RELVDSO_DATA_SIZE, ours.ehdr);
	maps_find(ours.ehdr, NULL, &lo, &hi, perms);
	ut_check(lo == ours.ehdr && strcmp(perms, "r-xp") == 0,
		 "image 0x%08x-0x%08x %s (want r-xp from 0x%08x)", lo, hi, perms, ours.ehdr);
	ut_check(d->magic == RELVDSO_DATA_MAGIC && d->version == RELVDSO_DATA_VERSION,
		 "magic 0x%08x version %u", d->magic, d->version);
	ut_check(d->flags == RELVDSO_DATA_SLOW && d->clock_mode == RELVDSO_DATA_CLOCK_NONE,
		 "flags 0x%x (slow: no clock of its own), clock mode %u", d->flags, d->clock_mode);
	for (i = 0; i < N_FORWARDED; i++) {
		enum relvdso_sym s = forwarded[i];
		uint32_t want = forward_off ? 0 : ut_vdso_sym(&host, s);

		ut_check(d->forward[s] == want, "forward[%s] 0x%08x (the host's: 0x%08x%s)",
			 ut_vdso_sym_name(s), d->forward[s], ut_vdso_sym(&host, s),
			 forward_off ? "; --forward=off: want 0" : "");
	}
	/* the slots the image does not read stay 0 */
	for (i = 0; i < RELVDSO_SYM_COUNT; i++) {
		unsigned int k;
		int fw = 0;

		for (k = 0; k < N_FORWARDED; k++)
			fw |= forwarded[k] == (enum relvdso_sym)i;
		if (!fw)
			ut_check(d->forward[i] == 0, "forward[%s] 0 (not a forwarded function)",
				 ut_vdso_sym_name((enum relvdso_sym)i));
	}
}

static void install_filter(void)
{
	struct sock_filter prog[4 + 2 * sizeof(time_syscalls) / sizeof(time_syscalls[0]) + 1];
	struct sock_fprog fprog = { .filter = prog };
	unsigned int i, n = 0;

	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (i = 0; i < sizeof(time_syscalls) / sizeof(time_syscalls[0]); i++) {
		prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, time_syscalls[i], 0, 1);
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | MARKER);
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	fprog.len = (unsigned short)n;
	if (!ut_check(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
		      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0 &&
		      ut_int80(UT_NR_time, 0, 0, 0) == -MARKER,
		      "seccomp filter: the i386 time system calls fail with -%d", MARKER))
		exit(ut_finish());
}

/* One call of a time function: its return value, and whether it answered without the kernel. */
struct outcome {
	long ret;
	int valid;		/* the value it wrote is a time / a CPU number */
};

static struct outcome call(const struct vdso_view *v, enum relvdso_sym s, int32_t clk)
{
	uint32_t fn = ut_vdso_sym(v, s);
	struct outcome o = { -ENOSYS, 0 };
	struct ts32 t32 = { -1, -1 };
	struct ts64 t64 = { -1, -1 };
	struct tv32 tv = { -1, -1 };
	uint32_t cpu = ~0u;

	if (!fn)
		return o;
	switch (s) {
	case RELVDSO_SYM_CLOCK_GETTIME:
		o.ret = ((gettime32_fn)(uintptr_t)fn)(clk, &t32);
		o.valid = t32.sec >= 0 && t32.nsec >= 0 && t32.nsec < 1000000000;
		break;
	case RELVDSO_SYM_CLOCK_GETTIME64:
		o.ret = ((gettime64_fn)(uintptr_t)fn)(clk, &t64);
		o.valid = t64.sec >= 0 && t64.nsec >= 0 && t64.nsec < 1000000000;
		break;
	case RELVDSO_SYM_CLOCK_GETRES:
		o.ret = ((gettime32_fn)(uintptr_t)fn)(clk, &t32);
		o.valid = t32.sec == 0 && t32.nsec > 0;
		break;
	case RELVDSO_SYM_GETTIMEOFDAY:
		o.ret = ((gettimeofday_fn)(uintptr_t)fn)(&tv, NULL);
		o.valid = tv.sec > 0 && tv.usec >= 0 && tv.usec < 1000000;
		break;
	case RELVDSO_SYM_TIME:
		o.ret = ((time_fn)(uintptr_t)fn)(NULL);
		o.valid = o.ret > 0;
		o.ret = o.valid ? 0 : o.ret;
		break;
	case RELVDSO_SYM_GETCPU:
		o.ret = ((getcpu_fn)(uintptr_t)fn)(&cpu, NULL, NULL);
		o.valid = cpu < 4096;
		break;
	default:
		break;
	}
	return o;
}

static int takes_clock(enum relvdso_sym s)
{
	return s == RELVDSO_SYM_CLOCK_GETTIME || s == RELVDSO_SYM_CLOCK_GETTIME64 ||
	       s == RELVDSO_SYM_CLOCK_GETRES;
}

/* @clk's call through our vDSO against the host's own and against the table. */
static void check_call(const struct vdso_view *ours, const struct vdso_view *host,
		       enum relvdso_sym s, int32_t clk)
{
	struct outcome o = call(ours, s, clk), h = call(host, s, clk);
	int fast = forward_off ? 0 : takes_clock(s) ? clk >= 0 && clk < 32 && (fast_ids >> clk) & 1 : 1;
	char what[64];

	if (takes_clock(s))
		snprintf(what, sizeof(what), "%s(%d)", ut_vdso_sym_name(s), (int)clk);
	else
		snprintf(what, sizeof(what), "%s()", ut_vdso_sym_name(s));
	if (fast)
		ut_check(o.ret == 0 && o.valid, "%s answered in userspace: %ld, %s value (host's own: %ld)",
			 what, o.ret, o.valid ? "a" : "NO", h.ret);
	else
		ut_check(o.ret == -MARKER, "%s reached the kernel: %ld (want -%d; host's own: %ld)",
			 what, o.ret, MARKER, h.ret);
	/* forwarded, ours is the host's function: the same outcome */
	if (!forward_off)
		ut_check((o.ret == -MARKER) == (h.ret == -MARKER), "%s like the host's own vDSO", what);
}

static void check_fastpath(void)
{
	struct vdso_view ours, host;
	unsigned int i, k;
	struct outcome h;

	open_views(&ours, &host);
	install_filter();
	h = call(&host, RELVDSO_SYM_CLOCK_GETTIME, 1);
	if (h.ret == -MARKER) {
		printf("forward-probe: SKIP: the host's own vDSO makes the system call for CLOCK_MONOTONIC "
		       "(its clocksource has no vDSO mode): no fast path to see\n");
		exit(EXIT_SKIP);
	}
	for (i = 0; i < N_FORWARDED; i++) {
		enum relvdso_sym s = forwarded[i];

		if (!takes_clock(s)) {
			check_call(&ours, &host, s, 0);
			continue;
		}
		for (k = 0; k < sizeof(probe_ids) / sizeof(probe_ids[0]); k++)
			check_call(&ours, &host, s, probe_ids[k]);
	}
}

static int64_t ns_of(const struct ts64 *t)
{
	return t->sec * 1000000000LL + t->nsec;
}

static void check_timens(long offset)
{
	static const struct { int32_t id; const char *name; } clocks[] = {
		{ 1, "CLOCK_MONOTONIC" }, { 7, "CLOCK_BOOTTIME" },
	};
	struct vdso_view ours, host;
	struct ts64 before[2], mid[2], after[2], late[2];
	gettime64_fn fn;
	unsigned int i;
	long ret[2];

	open_views(&ours, &host);
	fn = (gettime64_fn)(uintptr_t)ut_vdso_sym(&ours, RELVDSO_SYM_CLOCK_GETTIME64);
	if (!ut_check(fn != NULL, "our __vdso_clock_gettime64"))
		return;
	for (i = 0; i < 2; i++) {
		ut_int80(UT_NR_clock_gettime64, clocks[i].id, (long)&before[i], 0);
		ret[i] = fn(clocks[i].id, &mid[i]);
		ut_int80(UT_NR_clock_gettime64, clocks[i].id, (long)&after[i], 0);
		ut_check(ret[i] == 0 && ns_of(&before[i]) <= ns_of(&mid[i]) && ns_of(&mid[i]) <= ns_of(&after[i]),
			 "%s: system call %lld.%09lld <= ours %lld.%09lld <= system call %lld.%09lld (ret %ld)",
			 clocks[i].name, (long long)before[i].sec, (long long)before[i].nsec,
			 (long long)mid[i].sec, (long long)mid[i].nsec, (long long)after[i].sec,
			 (long long)after[i].nsec, ret[i]);
		ut_check(mid[i].sec >= offset, "%s %lld s: the namespace's offset %ld s is in it",
			 clocks[i].name, (long long)mid[i].sec, offset);
	}
	install_filter();
	for (i = 0; i < 2; i++) {
		ret[i] = fn(clocks[i].id, &late[i]);
		if (forward_off)
			ut_check(ret[i] == -MARKER, "%s under the filter: %ld (--forward=off: the system call)",
				 clocks[i].name, ret[i]);
		else
			ut_check(ret[i] == 0 && ns_of(&late[i]) >= ns_of(&after[i]),
				 "%s under the filter: %ld, %lld s (the host's vDSO, offset applied in userspace)",
				 clocks[i].name, ret[i], (long long)late[i].sec);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: forward-probe slots [--execs=N] [--off] | fastpath [--off] | "
		"timens OFFSET [--off]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long execs = 0, offset = -1;
	char *end, next[32];
	int i, chained = 0;

	ut_prog = "forward-probe";
	if (argc < 2)
		usage();
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--off") == 0)
			forward_off = 1;
		else if (strncmp(argv[i], "--execs=", 8) == 0 && (execs = strtol(argv[i] + 8, &end, 10)) >= 0 && !*end)
			chained = 1;
		else if (strcmp(argv[1], "timens") == 0 && offset < 0 && (offset = strtol(argv[i], &end, 10)) >= 0 && !*end)
			;
		else
			usage();
	}
	if (strcmp(argv[1], "slots") == 0) {
		ut_quiet = chained;
		check_slots();
		if (execs > 0) {
			char *again[] = { argv[0], argv[1], next, forward_off ? "--off" : NULL, NULL };

			if (ut_finish() != 0)
				return 1;
			snprintf(next, sizeof(next), "--execs=%ld", execs - 1);
			fflush(stdout);		/* the summary, before exec drops the buffer */
			execv("/proc/self/exe", again);
			ut_check(0, "exec of /proc/self/exe: %s", strerror(errno));
		}
	} else if (strcmp(argv[1], "fastpath") == 0) {
		check_fastpath();
	} else if (strcmp(argv[1], "timens") == 0 && offset >= 0) {
		check_timens(offset);
	} else {
		usage();
	}
	return ut_finish();
}
