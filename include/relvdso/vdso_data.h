/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The vDSO data page: RELVDSO_VDSO_DATA_PAGES page(s) right below the
 * image text (vdso_facts.h), outside its PT_LOAD, read-only to userspace.
 * The image's time functions read it PC-relative; a host fills it:
 *
 *   a kernel   copies its own timekeeping values in at every update, as
 *              they are, under @seq (the layout is relvdso's, so an image
 *              does not depend on a kernel's struct vdso_data);
 *   a runner   sets @forward[] to the host kernel's own vDSO functions.
 *
 * Every function of the image reads, in this order: @magic and @version
 * (else: system call), its @forward slot (non-zero: jump there with the
 * caller's arguments), RELVDSO_DATA_SLOW (system call), then the clock
 * table below.  An all-zero page therefore means "system calls only", and
 * nothing in the page is an address of the image: it moves with it.
 *
 * Layout is fixed-width with explicit padding, the same under -m32 and
 * -m64 (a 64-bit runner fills an i386 page); the static asserts pin it.
 * Pure types and macros: usable from freestanding, kernel and host C.
 */
#ifndef RELVDSO_VDSO_DATA_H
#define RELVDSO_VDSO_DATA_H

#include "types.h"
#include "vdso_facts.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RELVDSO_DATA_MAGIC	0x54445652u	/* "RVDT" in memory */
#define RELVDSO_DATA_VERSION	1u

/* @flags */
enum relvdso_data_flag {
	RELVDSO_DATA_SLOW	= 1u << 0,	/* every function: the system call */
	RELVDSO_DATA_TSC_LFENCE	= 1u << 1,	/* order rdtsc with lfence */
	RELVDSO_DATA_TSC_RDTSCP	= 1u << 2,	/* read with rdtscp (wins over lfence) */
};

/* @clock_mode: how the hres clocks read the counter; anything else: syscall. */
enum relvdso_data_clock_mode {
	RELVDSO_DATA_CLOCK_NONE	= 0,
	RELVDSO_DATA_CLOCK_TSC	= 1,
};

/* Clocksource blocks, as Linux's vdso_data[] has them: CS_HRES_COARSE, CS_RAW. */
enum relvdso_data_cs {
	RELVDSO_DATA_CS_HRES = 0,	/* also the coarse clocks' bases */
	RELVDSO_DATA_CS_RAW,
	RELVDSO_DATA_CS_COUNT
};

/* How a clock id is served. */
enum relvdso_data_kind {
	RELVDSO_DATA_HRES,	/* base + counter delta; needs RELVDSO_DATA_CLOCK_TSC */
	RELVDSO_DATA_COARSE,	/* the base as it is (nsec not shifted) */
};

/*
 * The clock ids the image serves itself: C(name, id, kind, cs).  Every
 * other id, and every id >= RELVDSO_DATA_CLOCKS, is a system call.  @cs
 * names the block whose counter (hres) and base the id uses; a kernel
 * copies @base[id] from the same block of its own data.
 */
#define RELVDSO_DATA_CLOCK_IDS(C) RELVDSO_ROWS(					\
	C(REALTIME,		0,	RELVDSO_DATA_HRES,	RELVDSO_DATA_CS_HRES)	\
	C(MONOTONIC,		1,	RELVDSO_DATA_HRES,	RELVDSO_DATA_CS_HRES)	\
	C(MONOTONIC_RAW,	4,	RELVDSO_DATA_HRES,	RELVDSO_DATA_CS_RAW)	\
	C(REALTIME_COARSE,	5,	RELVDSO_DATA_COARSE,	RELVDSO_DATA_CS_HRES)	\
	C(MONOTONIC_COARSE,	6,	RELVDSO_DATA_COARSE,	RELVDSO_DATA_CS_HRES)	\
	C(BOOTTIME,		7,	RELVDSO_DATA_HRES,	RELVDSO_DATA_CS_HRES)	\
	C(TAI,			11,	RELVDSO_DATA_HRES,	RELVDSO_DATA_CS_HRES))

/* Slots of @base: clock ids 0..11, as Linux's VDSO_BASES. */
#define RELVDSO_DATA_CLOCKS	12

struct relvdso_data_clock {
	uint64_t cycle_last;
	uint64_t mask;
	uint32_t mult;
	uint32_t shift;
};

struct relvdso_data_base {
	uint64_t sec;
	uint64_t nsec;			/* hres: shifted left by the block's shift */
};

struct relvdso_data {
	uint32_t magic;			/* RELVDSO_DATA_MAGIC */
	uint32_t version;		/* RELVDSO_DATA_VERSION */
	uint32_t seq;			/* odd while the writer updates the rest */
	uint32_t flags;			/* enum relvdso_data_flag */
	uint32_t clock_mode;		/* enum relvdso_data_clock_mode */
	int32_t tz_minuteswest;		/* gettimeofday()'s struct timezone */
	int32_t tz_dsttime;
	uint32_t hrtimer_res;		/* clock_getres() of the hres clocks, ns */
	uint32_t coarse_res;		/* clock_getres() of the coarse clocks, ns */
	uint32_t reserved;
	struct relvdso_data_clock cs[RELVDSO_DATA_CS_COUNT];
	struct relvdso_data_base base[RELVDSO_DATA_CLOCKS];
	/*
	 * By enum relvdso_sym: where the function jumps instead (a host's own
	 * vDSO function taking the same arguments); 0: serve it here.  Only
	 * the LINUX_2.6 node's functions read theirs.
	 */
	uint32_t forward[RELVDSO_SYM_COUNT];
};

#define RELVDSO_DATA_SIZE	(RELVDSO_VDSO_DATA_PAGES * 4096u)

#ifdef __cplusplus
#define RELVDSO_DATA_ASSERT_(what, cond)	static_assert(cond, "relvdso_data: " what)
#else
#define RELVDSO_DATA_ASSERT_(what, cond)	_Static_assert(cond, "relvdso_data: " what)
#endif
RELVDSO_DATA_ASSERT_("cs at 40", __builtin_offsetof(struct relvdso_data, cs) == 40);
RELVDSO_DATA_ASSERT_("24-byte clock blocks", sizeof(struct relvdso_data_clock) == 24);
RELVDSO_DATA_ASSERT_("base at 88", __builtin_offsetof(struct relvdso_data, base) == 88);
RELVDSO_DATA_ASSERT_("forward at 280", __builtin_offsetof(struct relvdso_data, forward) == 280);
RELVDSO_DATA_ASSERT_("fits the data pages", sizeof(struct relvdso_data) <= RELVDSO_DATA_SIZE);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_VDSO_DATA_H */
