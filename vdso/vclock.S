/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The LINUX_2.6 time functions, and getcpu.  Each is a plain system call made through
 * the image's own __kernel_vsyscall, so every clock id works (the kernel
 * decides) and errors come back as -errno, as callers of a vDSO expect:
 * glibc converts the value and does not retry with a real syscall.
 *
 * cdecl: arguments on the stack, %ebx/%esi/%edi/%ebp preserved.
 * __kernel_vsyscall itself preserves everything but %eax.
 */
#include "vdso-asm.h"

/* vdso_syscall NAME, NR, NARGS: NAME(arg1[, arg2[, arg3]]) -> syscall NR */
.macro vdso_syscall name, nr, nargs
	.globl	\name
	.type	\name, @function
	.p2align 4
\name:
	.cfi_startproc
	pushl	%ebx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebx, 0
	movl	8(%esp), %ebx
	.if \nargs > 1
	movl	12(%esp), %ecx
	.endif
	.if \nargs > 2
	movl	16(%esp), %edx
	.endif
	movl	$\nr, %eax
	call	VDSO_VSYSCALL
	popl	%ebx
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebx
	ret
	.cfi_endproc
	.size	\name, . - \name
.endm

	.text
	vdso_syscall __vdso_clock_gettime,	NR_clock_gettime,	2
	vdso_syscall __vdso_clock_gettime64,	NR_clock_gettime64,	2
	vdso_syscall __vdso_gettimeofday,	NR_gettimeofday,	2
	vdso_syscall __vdso_time,		NR_time,		1
	vdso_syscall __vdso_clock_getres,	NR_clock_getres,	2
	vdso_syscall __vdso_getcpu,		NR_getcpu,		3

VDSO_NO_EXEC_STACK
