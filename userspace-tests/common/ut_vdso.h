/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assertions every libc-based consumer shares: is the vDSO the process got
 * ours, at the place the mode says, with the entry the chooser picked;
 * does its __kernel_vsyscall work and preserve registers; do its time
 * functions agree with the system calls for every clock id.
 */
#ifndef UT_VDSO_H
#define UT_VDSO_H

#include "check.h"
#include "vdso_view.h"
/* relative: every builder of common/ reaches it, whatever its -I */
#include "../../include/relvdso/vdso_facts.h"

/* Bounds of where normal mode maps the image (see the runner). */
#define UT_NORMAL_LO	0xc0000000u
#define UT_NORMAL_HI	0xf0000000u
/* Under an i386 kernel: user space ends here (TASK_SIZE). */
#define UT_TASK_SIZE	0xc0000000u

/* i386 system call numbers (fixed by the ABI). */
#define UT_NR_time		13
#define UT_NR_getpid		20
#define UT_NR_kill		37
#define UT_NR_getppid		64
#define UT_NR_gettimeofday	78
#define UT_NR_munmap		91
#define UT_NR_rt_sigaction	174
#define UT_NR_mmap2		192
#define UT_NR_clock_gettime	265
#define UT_NR_clock_getres	266
#define UT_NR_clock_gettime64	403
#define UT_NR_clock_getres64	406

/* A system call through int $0x80, independent of libc and of the vDSO. */
long ut_int80(long nr, long a, long b, long c);
long ut_int80_4(long nr, long a, long b, long c, long d);
uint32_t ut_vsys_call(uint32_t fn, uint32_t regs[7]);

/* Symbol @s of the facts table: its name, and its address through @v (0 if absent). */
const char *ut_vdso_sym_name(enum relvdso_sym s);
uint32_t ut_vdso_sym(const struct vdso_view *v, enum relvdso_sym s);
/* The facts table's bytes of trampoline @s, their count in *len; NULL if @s is none. */
const uint8_t *ut_vdso_trampoline(enum relvdso_sym s, unsigned *len);

/* All presence checks; returns 1 (and fills v) when a vDSO is present and readable. */
int ut_check_vdso(const struct ut_expect *e, struct vdso_view *v);
/* The entry method of the __kernel_vsyscall at k (UT_ENTRY_ANY: not ours). */
enum ut_entry ut_entry_of(const uint8_t *k);
void ut_check_vsyscall(const struct vdso_view *v, uint32_t at_sysinfo);
/* Our image's own time functions, called directly, against the system calls. */
void ut_check_vdso_time(const struct vdso_view *v);

/* Time values as nanoseconds; the "libc" side is supplied by each consumer. */
struct ut_ts64 { int64_t sec; int64_t nsec; };
int64_t ut_ns(const struct ut_ts64 *t);
/* t1 <= t2 <= t3 within a small slack. */
int ut_ordered(int64_t t1, int64_t t2, int64_t t3);

#endif
