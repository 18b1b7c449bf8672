/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The image's C functions (vclock.c), exported by the version script
 * (LINUX_2.6 of vdso_facts.h), and the ABI structs they fill.
 */
#ifndef RELVDSO_VCLOCK_H
#define RELVDSO_VCLOCK_H

#include "relvdso/types.h"

struct ts32 { int32_t sec, nsec; };		/* struct old_timespec32 */
struct ts64 { int64_t sec, nsec; };		/* struct __kernel_timespec */
struct tv32 { int32_t sec, usec; };		/* struct old_timeval32 */
struct tz32 { int32_t minuteswest, dsttime; };	/* struct timezone */

int __vdso_clock_gettime(int32_t clk, struct ts32 *ts);
int __vdso_clock_gettime64(int32_t clk, struct ts64 *ts);
int __vdso_gettimeofday(struct tv32 *tv, struct tz32 *tz);
int32_t __vdso_time(int32_t *tloc);
int __vdso_clock_getres(int32_t clk, struct ts32 *res);
int __vdso_getcpu(uint32_t *cpu, uint32_t *node, void *cache);

/* The image's own ELF header, at its base: the linker's symbol. */
extern const unsigned char __ehdr_start[] __attribute__((visibility("hidden")));

#endif /* RELVDSO_VCLOCK_H */
