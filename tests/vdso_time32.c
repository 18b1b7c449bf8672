// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-run32's time half: the LINUX_2.6 functions against data pages this
 * program writes into the page right below the image (vdso_data.h).
 *
 * It all runs in one child under a seccomp filter that fails the time
 * system calls (and getcpu) *made from inside the image* with errno
 * MARKER: -MARKER from a function says exactly "the image made the system
 * call", anything else "it answered without one".  The filter matches the
 * instruction pointer: inside the image (int $0x80), or inside the host's
 * [vdso], where Linux returns every sysenter/syscall from 32-bit code and
 * so reports its address (its int80 landing pad).  The reference readings
 * are this program's own int $0x80, which neither range holds.
 *
 *   - zero page, bad magic, bad version, RELVDSO_DATA_SLOW: every function
 *     makes the system call (with forward slots set, too: magic first);
 *   - ids outside the clock table: system call; clock mode NONE: hres ids
 *     system call, coarse ids, time() and clock_getres() from the page;
 *   - exact values: cycle_last beyond any TSC (delta 0), so each hres id
 *     is exactly base.sec + (base.nsec >> shift) normalised (several seconds
 *     of nsec: the division loop), for shift 0 and 24 in both blocks;
 *     coarse bases, time(), clock_getres(), gettimeofday()'s usec and tz,
 *     32-bit tv_sec truncated, clock_gettime64 not;
 *   - a real TSC page calibrated against the kernel: monotonic, moving, near
 *     the kernel's CLOCK_MONOTONIC (a sanity bound, not a timing assertion), read with
 *     rdtsc, lfence + rdtsc and rdtscp (if the CPU has it; else a skip);
 *   - an odd seq: the reader waits until a second thread makes it even;
 *   - forward slots: each LINUX_2.6 function calls this program's function
 *     with the caller's arguments and returns its value (before the slow
 *     flag); the LINUX_2.5 ones ignore their slots.
 * Every call goes through run_call: callee-saved registers kept, always.
 */
#include <cpuid.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vdso_run32.h"

#define MARKER		2989		/* errno the filter gives the image's time syscalls */
#define NSEC		1000000000ull
#define TSC_NEVER	0x7fffffffffffffffull	/* cycle_last no TSC reaches: delta 0 */
#define NEAR_NS		50000000ll	/* real TSC page vs the kernel: a sanity bound */
#define SEQ_WAIT_MS	30		/* the writer thread keeps seq odd this long */
#define READINGS	10000

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };
struct tz32 { int32_t minuteswest, dsttime; };

/* i386 numbers of what the image may call: the filter's list */
static const uint32_t time_syscalls[] = {
	265,	/* clock_gettime */
	403,	/* clock_gettime64 */
	78,	/* gettimeofday */
	13,	/* time */
	266,	/* clock_getres */
	318,	/* getcpu */
};
#define NTIME_SYSCALLS	(sizeof(time_syscalls) / sizeof(time_syscalls[0]))

/* The clock table of vdso_data.h as rows. */
static const struct clock_row {
	const char *name;
	int32_t id;
	enum relvdso_data_kind kind;
	enum relvdso_data_cs cs;
} clocks[] = {
#define CLOCK_ROW(name, id, kind, cs)	{ "CLOCK_" #name, id, kind, cs },
	RELVDSO_DATA_CLOCK_IDS(CLOCK_ROW)
};
#define NCLOCKS		(sizeof(clocks) / sizeof(clocks[0]))

enum { REALTIME = 0, MONOTONIC = 1, REALTIME_COARSE = 5, MONOTONIC_COARSE = 6 };

/* Ids the image must hand to the kernel: not in the table, or out of range. */
static const int32_t invalid_ids[] = { 2, 3, 8, 9, 10, 12, 15, 16, -1, 1000 };

static int32_t fn3(enum relvdso_sym s, uint32_t a1, uint32_t a2, uint32_t a3, int *kept)
{
	return call3(at(s), a1, a2, a3, kept);
}

/* The kernel's CLOCK_MONOTONIC by this program's own int $0x80 (clock_gettime64). */
static int64_t kernel_mono(void)
{
	struct ts64 ts = { 0, 0 };
	int32_t ret = 403;

	__asm__ volatile("int $0x80" : "+a"(ret) : "b"(MONOTONIC), "c"(&ts) : "memory");
	return ret ? -1 : ts.sec * (int64_t)NSEC + ts.nsec;
}

/* ---- the filter ------------------------------------------------------- */

#define BPF_LD_W(off)		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define BPF_JUMP_TO(op, k, t, f, here)	BPF_JUMP(BPF_JMP | (op) | BPF_K, (k), (t) - (here) - 1, (f) - (here) - 1)

/* The host's [vdso] mapping, from /proc/self/maps; 0-0 if there is none. */
static void host_vdso(uint32_t *lo, uint32_t *hi)
{
	char line[256];
	FILE *f = fopen("/proc/self/maps", "r");

	*lo = *hi = 0;
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vdso]") && sscanf(line, "%x-%x", lo, hi) == 2)
			break;
	if (f)
		fclose(f);
}

/*
 * ERRNO(MARKER) for the time syscalls whose instruction pointer is inside
 * the image or the host's [vdso].  BPF jumps only forward: every way out
 * ends at ALLOW or MARK.
 */
static int install_filter(void)
{
	enum {
		ARCH, ARCH_OK, NR, NRS, IP = NRS + NTIME_SYSCALLS, IMG_LO, IMG_HI, VDSO_LO, VDSO_HI,
		MARK, ALLOW, LEN
	};
	struct sock_filter f[LEN];
	struct sock_fprog prog = { LEN, f };
	uint32_t lo = (uint32_t)base, hi = lo + image_size, vlo, vhi;

	host_vdso(&vlo, &vhi);
	f[ARCH] = (struct sock_filter)BPF_LD_W(offsetof(struct seccomp_data, arch));
	f[ARCH_OK] = (struct sock_filter)BPF_JUMP_TO(BPF_JEQ, AUDIT_ARCH_I386, NR, ALLOW, ARCH_OK);
	f[NR] = (struct sock_filter)BPF_LD_W(offsetof(struct seccomp_data, nr));
	for (unsigned int i = 0; i < NTIME_SYSCALLS; i++)
		f[NRS + i] = (struct sock_filter)BPF_JUMP_TO(BPF_JEQ, time_syscalls[i], IP,
							     i + 1 < NTIME_SYSCALLS ? NRS + i + 1 : ALLOW,
							     NRS + i);
	/* the low word: an i386 task's instruction pointer has no high one */
	f[IP] = (struct sock_filter)BPF_LD_W(offsetof(struct seccomp_data, instruction_pointer));
	f[IMG_LO] = (struct sock_filter)BPF_JUMP_TO(BPF_JGE, lo, IMG_HI, VDSO_LO, IMG_LO);
	f[IMG_HI] = (struct sock_filter)BPF_JUMP_TO(BPF_JGE, hi, VDSO_LO, MARK, IMG_HI);
	f[VDSO_LO] = (struct sock_filter)BPF_JUMP_TO(BPF_JGE, vlo, VDSO_HI, ALLOW, VDSO_LO);
	f[VDSO_HI] = (struct sock_filter)BPF_JUMP_TO(BPF_JGE, vhi, ALLOW, MARK, VDSO_HI);
	f[MARK] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | MARKER);
	f[ALLOW] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* ---- pages ------------------------------------------------------------ */

/* What the exact page holds for clock @id, before the shift. */
static uint64_t exact_sec(int32_t id)
{
	/* BOOTTIME and TAI past 2^32 s: the 32-bit call truncates, the 64-bit one not */
	return id == 7 || id == 11 ? 0x100002345ull + (uint64_t)id : 1700000000ull + 1000ull * id;
}

static uint64_t exact_nsec(int32_t id, enum relvdso_data_kind kind)
{
	/* hres: several seconds' worth, so the division loop runs */
	return kind == RELVDSO_DATA_COARSE ? 123456789ull + (uint64_t)id :
	       (3 + (uint64_t)id % 5) * NSEC + 987654321ull - 1000ull * id;
}

static void page_header(uint32_t flags, uint32_t mode)
{
	memset(page, 0, sizeof(*page));
	page->magic = RELVDSO_DATA_MAGIC;
	page->version = RELVDSO_DATA_VERSION;
	page->flags = flags;
	page->clock_mode = mode;
}

/* TSC mode, delta 0, every id's base as exact_*(), the two blocks' shifts. */
static void exact_page(uint32_t shift_hres, uint32_t shift_raw)
{
	page_header(0, RELVDSO_DATA_CLOCK_TSC);
	for (int b = 0; b < RELVDSO_DATA_CS_COUNT; b++) {
		uint32_t shift = b == RELVDSO_DATA_CS_RAW ? shift_raw : shift_hres;

		page->cs[b] = (struct relvdso_data_clock){ TSC_NEVER, ~0ull, 0x12345, shift };
	}
	for (size_t i = 0; i < NCLOCKS; i++) {
		const struct clock_row *c = &clocks[i];
		uint32_t shift = page->cs[c->cs].shift;
		uint64_t ns = exact_nsec(c->id, c->kind);

		page->base[c->id].sec = exact_sec(c->id);
		/* bits below the shift are fractions of a nanosecond: dropped */
		page->base[c->id].nsec = c->kind == RELVDSO_DATA_COARSE ? ns :
					 ns << shift | ((1ull << shift) - 1);
	}
	page->tz_minuteswest = -120;
	page->tz_dsttime = 1;
	page->hrtimer_res = 7;
	page->coarse_res = 4000003;
}

/* What an exact page says for @c: normalised. */
static struct ts64 exact_value(const struct clock_row *c)
{
	uint64_t ns = exact_nsec(c->id, c->kind);

	return (struct ts64){ (int64_t)(exact_sec(c->id) + ns / NSEC), (int64_t)(ns % NSEC) };
}

static const struct clock_row *clock_of(int32_t id)
{
	for (size_t i = 0; i < NCLOCKS; i++)
		if (clocks[i].id == id)
			return &clocks[i];
	return NULL;
}

/* ---- every function makes the system call ---------------------------- */

static struct fwd_call {
	enum relvdso_sym sym;
	uint32_t arg[3];
} fwd;

#define FWD_RET(s)	(0x5eed0000 + (int32_t)(s))

/* One recorder per LINUX_2.6 function; cdecl, so extra parameters read nothing unpassed. */
#define FWD_FN(id, name, node, type, field)					\
	static int32_t fwd_##id(uint32_t a1, uint32_t a2, uint32_t a3)		\
	{									\
		fwd = (struct fwd_call){ RELVDSO_SYM_##id, { a1, a2, a3 } };	\
		return FWD_RET(RELVDSO_SYM_##id);				\
	}
RELVDSO_VDSO_LINUX_2_6(FWD_FN, LINUX_2.6)

#define FWD_ROW(id, name, node, type, field)	[RELVDSO_SYM_##id] = fwd_##id,
static int32_t (*const fwd_fns[RELVDSO_SYM_COUNT])(uint32_t, uint32_t, uint32_t) = {
	RELVDSO_VDSO_LINUX_2_6(FWD_ROW, LINUX_2.6)
};

/* Arguments each LINUX_2.6 function takes (its cdecl signature). */
static const int nargs[RELVDSO_SYM_COUNT] = {
	[RELVDSO_SYM_CLOCK_GETTIME] = 2, [RELVDSO_SYM_CLOCK_GETTIME64] = 2,
	[RELVDSO_SYM_GETTIMEOFDAY] = 2, [RELVDSO_SYM_TIME] = 1,
	[RELVDSO_SYM_CLOCK_GETRES] = 2, [RELVDSO_SYM_GETCPU] = 3,
};

static void set_forwards(void)
{
	for (int s = 0; s < RELVDSO_SYM_COUNT; s++)
		page->forward[s] = (uint32_t)fwd_fns[s];
}

/* Each LINUX_2.6 function, on an id the page could serve: -MARKER from all. */
static void expect_all_syscalls(const char *state)
{
	struct ts32 t32;
	struct ts64 t64;
	struct tv32 tv;
	struct tz32 tz;
	uint32_t cpu, node;
	const struct {
		enum relvdso_sym sym;
		uint32_t a1, a2, a3;
	} calls[] = {
		{ RELVDSO_SYM_CLOCK_GETTIME, MONOTONIC, (uint32_t)&t32, 0 },
		{ RELVDSO_SYM_CLOCK_GETTIME64, MONOTONIC_COARSE, (uint32_t)&t64, 0 },
		{ RELVDSO_SYM_GETTIMEOFDAY, (uint32_t)&tv, (uint32_t)&tz, 0 },
		{ RELVDSO_SYM_TIME, 0, 0, 0 },
		{ RELVDSO_SYM_CLOCK_GETRES, MONOTONIC, (uint32_t)&t32, 0 },
		{ RELVDSO_SYM_GETCPU, (uint32_t)&cpu, (uint32_t)&node, 0 },
	};
	int kept;

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		int32_t r = fn3(calls[i].sym, calls[i].a1, calls[i].a2, calls[i].a3, &kept);

		check(r == -MARKER && kept, "%s: %s makes the system call (%d)", state,
		      sym_names[calls[i].sym], (int)r);
	}
}

static void test_syscall_states(void)
{
	/* the filter itself: the image's calls marked (below), this program's let through */
	check(kernel_mono() > 0, "filter: this program's own int $0x80 clock_gettime64 passes");
	memset(page, 0, sizeof(*page));
	expect_all_syscalls("zero page");

	exact_page(24, 0);
	set_forwards();
	page->magic ^= 1;
	expect_all_syscalls("bad magic, forward slots set");

	exact_page(24, 0);
	set_forwards();
	page->version++;
	expect_all_syscalls("bad version, forward slots set");

	exact_page(24, 0);
	page->flags = RELVDSO_DATA_SLOW;
	expect_all_syscalls("slow flag");

	/* a valid page: getcpu has nothing in it, so it is always a syscall */
	exact_page(24, 0);
	{
		uint32_t cpu, node;
		int kept;
		int32_t r = fn3(RELVDSO_SYM_GETCPU, (uint32_t)&cpu, (uint32_t)&node, 0, &kept);

		check(r == -MARKER && kept, "valid page: %s makes the system call", SYM_NAME(GETCPU));
	}
}

static void test_invalid_ids(void)
{
	exact_page(24, 0);
	for (size_t i = 0; i < sizeof(invalid_ids) / sizeof(invalid_ids[0]); i++) {
		uint32_t id = (uint32_t)invalid_ids[i];
		struct ts32 t32;
		struct ts64 t64;
		int k1, k2, k3;
		int32_t r1 = fn3(RELVDSO_SYM_CLOCK_GETTIME, id, (uint32_t)&t32, 0, &k1);
		int32_t r2 = fn3(RELVDSO_SYM_CLOCK_GETTIME64, id, (uint32_t)&t64, 0, &k2);
		int32_t r3 = fn3(RELVDSO_SYM_CLOCK_GETRES, id, (uint32_t)&t32, 0, &k3);

		check(r1 == -MARKER && r2 == -MARKER && r3 == -MARKER && k1 && k2 && k3,
		      "clock id %d: clock_gettime, clock_gettime64, clock_getres make the system call (%d %d %d)",
		      (int)id, (int)r1, (int)r2, (int)r3);
	}
}

/* ---- exact values ----------------------------------------------------- */

/* clock_gettime and clock_gettime64 of @c: @want exactly, or -MARKER if !@want. */
static void expect_clock(const struct clock_row *c, const struct ts64 *want, const char *state)
{
	struct ts32 t32 = { -1, -1 };
	struct ts64 t64 = { -1, -1 };
	int k32, k64;
	int32_t r32 = fn3(RELVDSO_SYM_CLOCK_GETTIME, (uint32_t)c->id, (uint32_t)&t32, 0, &k32);
	int32_t r64 = fn3(RELVDSO_SYM_CLOCK_GETTIME64, (uint32_t)c->id, (uint32_t)&t64, 0, &k64);

	if (!want) {
		check(r32 == -MARKER && r64 == -MARKER && k32 && k64,
		      "%s: %s makes the system call in both (%d %d)", state, c->name, (int)r32, (int)r64);
		return;
	}
	check(r64 == 0 && k64 && t64.sec == want->sec && t64.nsec == want->nsec,
	      "%s: %s(%s) = %lld.%09lld, want %lld.%09lld", state, SYM_NAME(CLOCK_GETTIME64), c->name,
	      (long long)t64.sec, (long long)t64.nsec, (long long)want->sec, (long long)want->nsec);
	/* Linux's 32-bit call keeps the low 32 bits of tv_sec */
	check(r32 == 0 && k32 && t32.sec == (int32_t)(uint32_t)want->sec && t32.nsec == want->nsec,
	      "%s: %s(%s) = %d.%09d (tv_sec truncated to 32 bits)", state, SYM_NAME(CLOCK_GETTIME),
	      c->name, (int)t32.sec, (int)t32.nsec);
}

static void expect_getres(const struct clock_row *c, const char *state)
{
	uint32_t want = c->kind == RELVDSO_DATA_HRES ? page->hrtimer_res : page->coarse_res;
	struct ts32 res = { -1, -1 };
	int kept;
	int32_t r = fn3(RELVDSO_SYM_CLOCK_GETRES, (uint32_t)c->id, (uint32_t)&res, 0, &kept);

	check(r == 0 && kept && res.sec == 0 && res.nsec == (int32_t)want,
	      "%s: %s(%s) = %d.%09d, want the page's %u ns", state, SYM_NAME(CLOCK_GETRES), c->name,
	      (int)res.sec, (int)res.nsec, want);
}

static void expect_time(const char *state)
{
	int32_t want = (int32_t)(uint32_t)page->base[REALTIME].sec, stored = 0;
	int k1, k2;
	int32_t r1 = fn3(RELVDSO_SYM_TIME, (uint32_t)&stored, 0, 0, &k1);
	int32_t r2 = fn3(RELVDSO_SYM_TIME, 0, 0, 0, &k2);

	check(r1 == want && stored == want && r2 == want && k1 && k2,
	      "%s: %s returns and stores base[REALTIME].sec (%d, %d, NULL: %d)", state,
	      SYM_NAME(TIME), (int)r1, (int)stored, (int)r2);
}

static void expect_tz_only(const char *state)
{
	struct tz32 tz = { 0, 0 };
	int kept;
	int32_t r = fn3(RELVDSO_SYM_GETTIMEOFDAY, 0, (uint32_t)&tz, 0, &kept);

	check(r == 0 && kept && tz.minuteswest == page->tz_minuteswest && tz.dsttime == page->tz_dsttime,
	      "%s: %s(NULL, tz) gives the page's tz (%d, %d)", state, SYM_NAME(GETTIMEOFDAY),
	      (int)tz.minuteswest, (int)tz.dsttime);
}

static void test_exact(uint32_t shift_hres, uint32_t shift_raw)
{
	char state[64];
	struct ts64 rt = exact_value(clock_of(REALTIME));
	struct tv32 tv = { -1, -1 };
	struct tz32 tz = { 0, 0 };
	int k1, k2;
	int32_t r1, r2;

	snprintf(state, sizeof(state), "exact page, shifts %u/%u", shift_hres, shift_raw);
	exact_page(shift_hres, shift_raw);
	for (size_t i = 0; i < NCLOCKS; i++) {
		struct ts64 want = exact_value(&clocks[i]);

		expect_clock(&clocks[i], &want, state);
		expect_getres(&clocks[i], state);
	}
	expect_time(state);
	r1 = fn3(RELVDSO_SYM_GETTIMEOFDAY, (uint32_t)&tv, (uint32_t)&tz, 0, &k1);
	check(r1 == 0 && k1 && tv.sec == (int32_t)rt.sec && tv.usec == (int32_t)(rt.nsec / 1000) &&
	      tz.minuteswest == -120 && tz.dsttime == 1,
	      "%s: %s = %d.%06d tz %d/%d", state, SYM_NAME(GETTIMEOFDAY), (int)tv.sec, (int)tv.usec,
	      (int)tz.minuteswest, (int)tz.dsttime);
	tv = (struct tv32){ -1, -1 };
	r2 = fn3(RELVDSO_SYM_GETTIMEOFDAY, (uint32_t)&tv, 0, 0, &k2);
	check(r2 == 0 && k2 && tv.sec == (int32_t)rt.sec && tv.usec == (int32_t)(rt.nsec / 1000),
	      "%s: %s(tv, NULL)", state, SYM_NAME(GETTIMEOFDAY));
	expect_tz_only(state);
}

/* Clock mode NONE: no counter, so the hres ids are syscalls; the rest still served. */
static void test_mode_none(void)
{
	const char *state = "clock mode NONE";
	struct tv32 tv;
	struct tz32 tz;
	int kept;
	int32_t r;

	exact_page(24, 0);
	page->clock_mode = RELVDSO_DATA_CLOCK_NONE;
	for (size_t i = 0; i < NCLOCKS; i++) {
		struct ts64 want = exact_value(&clocks[i]);

		expect_clock(&clocks[i], clocks[i].kind == RELVDSO_DATA_COARSE ? &want : NULL, state);
		expect_getres(&clocks[i], state);
	}
	expect_time(state);
	r = fn3(RELVDSO_SYM_GETTIMEOFDAY, (uint32_t)&tv, (uint32_t)&tz, 0, &kept);
	check(r == -MARKER && kept, "%s: %s(tv, tz) makes the system call (%d)", state,
	      SYM_NAME(GETTIMEOFDAY), (int)r);
	expect_tz_only(state);
}

/* ---- a real TSC page -------------------------------------------------- */

static uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* A TSC value and the kernel's CLOCK_MONOTONIC at the same moment (the TSC read around it). */
static void paired(uint64_t *tsc, int64_t *ns)
{
	uint64_t t0 = rdtsc_ordered();

	*ns = kernel_mono();
	*tsc = t0 + (rdtsc_ordered() - t0) / 2;
}

static int has_rdtscp(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid(0x80000001, &a, &b, &c, &d) && (d & (1u << 27));
}

/* mult/shift from ~20 ms of TSC against the kernel, base and cycle_last from one paired reading. */
static void tsc_page(uint32_t flags)
{
	const uint32_t shift = 24;
	uint64_t tsc0, tsc1;
	int64_t ns0, ns1;

	paired(&tsc0, &ns0);
	nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
	paired(&tsc1, &ns1);
	page_header(flags, RELVDSO_DATA_CLOCK_TSC);
	page->cs[RELVDSO_DATA_CS_HRES] = (struct relvdso_data_clock){
		tsc1, ~0ull, (uint32_t)(((uint64_t)(ns1 - ns0) << shift) / (tsc1 - tsc0)), shift
	};
	page->base[MONOTONIC].sec = (uint64_t)ns1 / NSEC;
	page->base[MONOTONIC].nsec = ((uint64_t)ns1 % NSEC) << shift;
}

static void test_tsc(uint32_t flags, const char *how)
{
	struct ts64 t;
	int64_t before, after, v, first = 0, last = 0;
	int bad_ret = 0, backwards = 0, far = 0, kept = 1, k;

	tsc_page(flags);
	before = kernel_mono();
	for (int i = 0; i < READINGS; i++) {
		int32_t r = fn3(RELVDSO_SYM_CLOCK_GETTIME64, MONOTONIC, (uint32_t)&t, 0, &k);

		kept &= k;
		bad_ret += r != 0;
		v = t.sec * (int64_t)NSEC + t.nsec;
		backwards += i && v < last;
		first = i ? first : v;
		last = v;
		far += v < before - NEAR_NS;
	}
	after = kernel_mono();
	far += last > after + NEAR_NS;
	check(!bad_ret && kept, "TSC page, %s: %d readings of CLOCK_MONOTONIC without a system call",
	      how, READINGS);
	check(!backwards && last > first, "TSC page, %s: monotonic (%d steps back) and moving (%lld ns)",
	      how, backwards, (long long)(last - first));
	check(!far && before > 0 && after > 0,
	      "TSC page, %s: within %lld ms of the kernel's CLOCK_MONOTONIC (last %+lld ns past it)",
	      how, NEAR_NS / 1000000, (long long)(last - after));
}

/* ---- seq odd ---------------------------------------------------------- */

static volatile int released;

/* Keep seq odd for SEQ_WAIT_MS, write the new bases, say so, then make seq even. */
static void *writer(void *arg)
{
	(void)arg;
	nanosleep(&(struct timespec){ 0, SEQ_WAIT_MS * 1000000L }, NULL);
	page->base[MONOTONIC].sec += 100;
	page->base[MONOTONIC_COARSE].sec += 100;
	released = 1;
	__atomic_store_n(&page->seq, page->seq + 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_seq_odd(int32_t id)
{
	const struct clock_row *c = clock_of(id);
	struct ts64 want = exact_value(c), t = { -1, -1 };
	pthread_t th;
	int kept;
	int32_t r;

	exact_page(0, 0);
	page->seq = 1;
	released = 0;
	want.sec += 100;
	if (pthread_create(&th, NULL, writer, NULL) != 0) {
		check(0, "seq odd, %s: pthread_create", c->name);
		return;
	}
	r = fn3(RELVDSO_SYM_CLOCK_GETTIME64, (uint32_t)id, (uint32_t)&t, 0, &kept);
	check(r == 0 && kept && released && t.sec == want.sec && t.nsec == want.nsec,
	      "seq odd, %s: the reader waits for the writer (released %d) and gets its values (%lld.%09lld)",
	      c->name, released, (long long)t.sec, (long long)t.nsec);
	pthread_join(th, NULL);
}

/* ---- forward slots ---------------------------------------------------- */

static void test_forward(uint32_t flags, const char *state)
{
	static const uint32_t args[3] = { 0xa1a1a1a1, 0xa2a2a2a2, 0xa3a3a3a3 };

	for (int s = 0; s < RELVDSO_SYM_COUNT; s++) {
		int kept, same = 1;
		int32_t r;

		if (!fwd_fns[s])
			continue;
		exact_page(24, 0);
		page->flags = flags;
		page->forward[s] = (uint32_t)fwd_fns[s];
		memset(&fwd, 0, sizeof(fwd));
		r = fn3((enum relvdso_sym)s, args[0], args[1], args[2], &kept);
		for (int a = 0; a < nargs[s]; a++)
			same &= fwd.arg[a] == args[a];
		check(r == FWD_RET(s) && (int)fwd.sym == s && same && kept,
		      "%s: %s calls its forward slot with the caller's %d argument(s) and returns its value (%#x)",
		      state, sym_names[s], nargs[s], (unsigned int)r);
	}
}

/* The LINUX_2.5 functions have no slot to read: __kernel_vsyscall still makes its call. */
static void test_forward_ignored(void)
{
	struct regs in = markers, out;

	exact_page(24, 0);
	for (int s = 0; s < RELVDSO_SYM_COUNT; s++)
		page->forward[s] = (uint32_t)fwd_TIME;
	in.eax = 20;	/* getpid */
	check(run_call(at(RELVDSO_SYM_VSYSCALL), &in, &out, 0, 0, 0) == (uint32_t)getpid() &&
	      preserved(&in, &out, 1), "every forward slot set: %s still makes its system call",
	      SYM_NAME(VSYSCALL));
}

/* ---- driver ----------------------------------------------------------- */

static void run_all(void)
{
	if (install_filter() != 0) {
		check(0, "seccomp filter: %s", strerror(errno));
		return;
	}
	test_syscall_states();
	test_invalid_ids();
	test_exact(0, 24);
	test_exact(24, 0);
	test_mode_none();
	test_tsc(0, "rdtsc");
	test_tsc(RELVDSO_DATA_TSC_LFENCE, "lfence + rdtsc");
	if (has_rdtscp())
		test_tsc(RELVDSO_DATA_TSC_RDTSCP, "rdtscp");
	else
		skip("TSC page, rdtscp: this CPU has no RDTSCP (cpuid 0x80000001 edx bit 27)");
	test_seq_odd(MONOTONIC_COARSE);
	test_seq_odd(MONOTONIC);
	test_forward(0, "forward");
	test_forward(RELVDSO_DATA_SLOW, "forward, slow flag");
	test_forward_ignored();
}

void test_data_page(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		run_all();
		fflush(stdout);
		_exit(0);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "the time checks ran to the end in their filtered child");
	memset(page, 0, sizeof(*page));
}
