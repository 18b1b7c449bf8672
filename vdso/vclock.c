// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The LINUX_2.6 functions: time from the data page below the image
 * (struct relvdso_data), the system call whenever the page cannot answer.
 *
 * Each function, in this order: a page without relvdso's magic and version
 * -> system call; a non-zero forward slot -> the host's own function,
 * called with the caller's arguments; RELVDSO_DATA_SLOW -> system call;
 * then the clock table of vdso_data.h.  The hres clocks are Linux's
 * algorithm (lib/vdso/gettimeofday.c) on the TSC: base + (tsc - cycle_last)
 * * mult >> shift under the page's seqcount, a delta of zero when the
 * counter is behind cycle_last (another CPU's TSC may lag), the division
 * by NSEC_PER_SEC as a loop (no libgcc here).
 *
 * System calls go through the image's own __kernel_vsyscall; errors come
 * back as -errno, as callers of a vDSO expect: glibc converts the value
 * and does not retry with a real syscall.  No data, no relocations: the
 * page is found from the image's own ELF header, PC-relative.
 */
#include "relvdso/vdso_data.h"
#include "vdso-asm.h"
#include "vclock.h"

#define NSEC_PER_SEC	1000000000u
#define NSEC_PER_USEC	1000u

/* The clock table as bit masks by clock id. */
#define HRES_BIT_(name, id, kind, ...) \
	RELVDSO_ROW(| ((kind) == RELVDSO_DATA_HRES ? 1u << (id) : 0u))
#define COARSE_BIT_(name, id, kind, ...) \
	RELVDSO_ROW(| ((kind) == RELVDSO_DATA_COARSE ? 1u << (id) : 0u))
#define RAW_BIT_(name, id, kind, cs) \
	RELVDSO_ROW(| ((cs) == RELVDSO_DATA_CS_RAW ? 1u << (id) : 0u))
enum {
	HRES_IDS = 0u RELVDSO_DATA_CLOCK_IDS(HRES_BIT_),
	COARSE_IDS = 0u RELVDSO_DATA_CLOCK_IDS(COARSE_BIT_),
	RAW_IDS = 0u RELVDSO_DATA_CLOCK_IDS(RAW_BIT_),
};

_Static_assert(RELVDSO_DATA_CLOCKS <= 32, "clock masks are 32 bits");

#define CLOCK_REALTIME	0

/*
 * The writer may change every field at any time: @seq is read with atomic
 * loads (never merged or elided), the rest between barriers.
 */
static inline void barrier(void)
{
	__asm__ volatile("" : : : "memory");
}

/* Own paths take their arguments in registers. */
#define OWN_PATH	__attribute__((regparm(3)))

static inline u32 read_seq(const struct relvdso_data *d)
{
	return __atomic_load_n(&d->seq, __ATOMIC_RELAXED);
}

/* The data page, or NULL when it is not a page this image can read. */
static inline const struct relvdso_data *data_page(void)
{
	uintptr_t base;
	const struct relvdso_data *d;

	/* the page lies outside every object the compiler knows of */
	__asm__("" : "=r"(base) : "0"(__ehdr_start));
	d = (const struct relvdso_data *)(base - RELVDSO_DATA_SIZE);
	if (d->magic != RELVDSO_DATA_MAGIC || d->version != RELVDSO_DATA_VERSION)
		return NULL;
	return d;
}

static inline long sys3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("call " RELVDSO_VDSO_STR(VDSO_VSYSCALL)
			 : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

#define SYS(nr, a, b)	sys3(nr, (long)(a), (long)(b), 0)

static inline u64 read_tsc(u32 flags)
{
	u32 lo, hi, aux;

	if (flags & RELVDSO_DATA_TSC_RDTSCP)
		__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	else if (flags & RELVDSO_DATA_TSC_LFENCE)
		__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	else
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	(void)aux;
	return (u64)hi << 32 | lo;
}

static inline u32 read_begin(const struct relvdso_data *d)
{
	u32 seq;

	while ((seq = read_seq(d)) & 1)
		__asm__ volatile("pause");
	barrier();
	return seq;
}

/* x86 keeps loads in order: the writer's barriers suffice, the compiler's stays here. */
static inline bool read_retry(const struct relvdso_data *d, u32 seq)
{
	barrier();
	return read_seq(d) != seq;
}

/* *ns / NSEC_PER_SEC, *ns becomes the remainder; a loop, since *ns < a few seconds. */
static inline u32 div_ns(u64 *ns)
{
	u32 q = 0;

	while (*ns >= NSEC_PER_SEC) {
		/* keeps gcc from turning the loop back into __udivdi3 */
		__asm__("" : "+rm"(*ns));
		*ns -= NSEC_PER_SEC;
		q++;
	}
	return q;
}

static bool read_hres(const struct relvdso_data *d, u32 clk, struct ts64 *out)
{
	const struct relvdso_data_clock *cs;
	u32 seq, flags = d->flags;
	u64 cycles, last, ns, sec;

	cs = &d->cs[(RAW_IDS >> clk) & 1 ? RELVDSO_DATA_CS_RAW : RELVDSO_DATA_CS_HRES];
	do {
		seq = read_begin(d);
		if (d->clock_mode != RELVDSO_DATA_CLOCK_TSC)
			return false;
		cycles = read_tsc(flags);
		if ((s64)cycles < 0)
			return false;
		last = cs->cycle_last;
		ns = d->base[clk].nsec;
		if (cycles > last)
			ns += (cycles - last) * cs->mult;
		ns >>= cs->shift;
		sec = d->base[clk].sec;
	} while (read_retry(d, seq));
	out->sec = (s64)(sec + div_ns(&ns));
	out->nsec = (s64)ns;
	return true;
}

static bool read_coarse(const struct relvdso_data *d, u32 clk, struct ts64 *out)
{
	u32 seq;
	u64 sec, ns;

	do {
		seq = read_begin(d);
		sec = d->base[clk].sec;
		ns = d->base[clk].nsec;
	} while (read_retry(d, seq));
	out->sec = (s64)sec;
	out->nsec = (s64)ns;
	return true;
}

/* Clock @clk from the page; false: the caller makes the system call. */
static bool read_clock(const struct relvdso_data *d, s32 clk, struct ts64 *out)
{
	u32 id = (u32)clk;

	if (d->flags & RELVDSO_DATA_SLOW || id >= RELVDSO_DATA_CLOCKS)
		return false;
	if ((HRES_IDS >> id) & 1)
		return read_hres(d, id, out);
	if ((COARSE_IDS >> id) & 1)
		return read_coarse(d, id, out);
	return false;
}

/*
 * The body of exported function NAME, the facts table's ID: the host's
 * function when the page forwards it, else NAME's own path,
 * name_own(d, args...), with d NULL when the page is unreadable.  Both are
 * tail calls.
 */
#define VDSO_DISPATCH(name, id, ...) ({						\
	const struct relvdso_data *d_ = data_page();				\
	u32 fw_ = d_ ? d_->forward[RELVDSO_SYM_##id] : 0u;			\
										\
	fw_ ? ((__typeof__(&name))fw_)(__VA_ARGS__) : name##_own(d_, __VA_ARGS__);	\
})

static OWN_PATH int __vdso_clock_gettime_own(const struct relvdso_data *d,
					     s32 clk, struct ts32 *ts)
{
	struct ts64 t;

	if (!d || !read_clock(d, clk, &t))
		return (int)SYS(NR_clock_gettime, clk, ts);
	ts->sec = (s32)t.sec;
	ts->nsec = (s32)t.nsec;
	return 0;
}

static OWN_PATH int __vdso_clock_gettime64_own(const struct relvdso_data *d,
					       s32 clk, struct ts64 *ts)
{
	if (!d || !read_clock(d, clk, ts))
		return (int)SYS(NR_clock_gettime64, clk, ts);
	return 0;
}

static OWN_PATH int __vdso_gettimeofday_own(const struct relvdso_data *d,
					    struct tv32 *tv, struct tz32 *tz)
{
	struct ts64 t;

	if (!d || d->flags & RELVDSO_DATA_SLOW)
		return (int)SYS(NR_gettimeofday, tv, tz);
	if (tv) {
		if (!read_clock(d, CLOCK_REALTIME, &t))
			return (int)SYS(NR_gettimeofday, tv, tz);
		tv->sec = (s32)t.sec;
		tv->usec = (s32)((u32)t.nsec / NSEC_PER_USEC);
	}
	if (tz) {
		tz->minuteswest = d->tz_minuteswest;
		tz->dsttime = d->tz_dsttime;
	}
	return 0;
}

static OWN_PATH s32 __vdso_time_own(const struct relvdso_data *d, s32 *tloc)
{
	s32 t;

	if (!d || d->flags & RELVDSO_DATA_SLOW)
		return (s32)SYS(NR_time, tloc, 0);
	t = (s32)d->base[CLOCK_REALTIME].sec;
	if (tloc)
		*tloc = t;
	return t;
}

static OWN_PATH int __vdso_clock_getres_own(const struct relvdso_data *d,
					    s32 clk, struct ts32 *res)
{
	u32 id = (u32)clk, ns;

	if (!d || d->flags & RELVDSO_DATA_SLOW || id >= RELVDSO_DATA_CLOCKS)
		return (int)SYS(NR_clock_getres, clk, res);
	if ((HRES_IDS >> id) & 1)
		ns = d->hrtimer_res;
	else if ((COARSE_IDS >> id) & 1)
		ns = d->coarse_res;
	else
		return (int)SYS(NR_clock_getres, clk, res);
	if (res) {
		res->sec = 0;
		res->nsec = (s32)ns;
	}
	return 0;
}

/* No per-CPU data in the page: the host's function or the system call. */
static OWN_PATH int __vdso_getcpu_own(const struct relvdso_data *d,
				      u32 *cpu, u32 *node, void *cache)
{
	(void)d;
	return (int)sys3(NR_getcpu, (long)cpu, (long)node, (long)cache);
}

int __vdso_clock_gettime(s32 clk, struct ts32 *ts)
{
	return VDSO_DISPATCH(__vdso_clock_gettime, CLOCK_GETTIME, clk, ts);
}

int __vdso_clock_gettime64(s32 clk, struct ts64 *ts)
{
	return VDSO_DISPATCH(__vdso_clock_gettime64, CLOCK_GETTIME64, clk, ts);
}

int __vdso_gettimeofday(struct tv32 *tv, struct tz32 *tz)
{
	return VDSO_DISPATCH(__vdso_gettimeofday, GETTIMEOFDAY, tv, tz);
}

s32 __vdso_time(s32 *tloc)
{
	return VDSO_DISPATCH(__vdso_time, TIME, tloc);
}

int __vdso_clock_getres(s32 clk, struct ts32 *res)
{
	return VDSO_DISPATCH(__vdso_clock_getres, CLOCK_GETRES, clk, res);
}

int __vdso_getcpu(u32 *cpu, u32 *node, void *cache)
{
	return VDSO_DISPATCH(__vdso_getcpu, GETCPU, cpu, node, cache);
}
