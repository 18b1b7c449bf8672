/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Shared by the vDSO's sources, .S and .c: macros only.
 */
#ifndef RELVDSO_VDSO_ASM_H
#define RELVDSO_VDSO_ASM_H

/* Hidden alias of __kernel_vsyscall: calls to it bind at link time. */
#define VDSO_VSYSCALL	__relvdso_vsyscall

/* i386 Linux system call numbers the image uses. */
#define NR_time			13
#define NR_gettimeofday		78
#define NR_sigreturn		119
#define NR_rt_sigreturn		173
#define NR_clock_gettime	265
#define NR_clock_getres		266
#define NR_getcpu		318
#define NR_clock_gettime64	403

#endif /* RELVDSO_VDSO_ASM_H */
