/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The image's C functions (vclock.c), exported by the version script
 * (LINUX_2.6 of vdso_facts.h), and the ABI structs they fill.
 */
#ifndef RELVDSO_VCLOCK_H
#define RELVDSO_VCLOCK_H

#include "relvdso/internal/ktypes.h"

struct ts32 { s32 sec, nsec; };		/* struct old_timespec32 */
struct ts64 { s64 sec, nsec; };		/* struct __kernel_timespec */
struct tv32 { s32 sec, usec; };		/* struct old_timeval32 */
struct tz32 { s32 minuteswest, dsttime; };	/* struct timezone */

int __vdso_clock_gettime(s32 clk, struct ts32 *ts);
int __vdso_clock_gettime64(s32 clk, struct ts64 *ts);
int __vdso_gettimeofday(struct tv32 *tv, struct tz32 *tz);
s32 __vdso_time(s32 *tloc);
int __vdso_clock_getres(s32 clk, struct ts32 *res);
int __vdso_getcpu(u32 *cpu, u32 *node, void *cache);

/* The image's own ELF header, at its base: the linker's symbol. */
extern const unsigned char __ehdr_start[] __attribute__((visibility("hidden")));

#endif /* RELVDSO_VCLOCK_H */
