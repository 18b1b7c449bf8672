/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * __kernel_vsyscall: the syscall entry userspace calls with the syscall
 * number in %eax and arguments in %ebx, %ecx, %edx, %esi, %edi, %ebp.
 *
 * The layout is fixed by the kernel, not by us.  A kernel that takes a fast
 * entry (sysenter or syscall) does not return to the next instruction: it
 * returns to the landing pad of the vDSO it believes is mapped -- on a 64-bit
 * Linux host that is the host's own vDSO -- and the landing pad pops
 * %ebp, %edx, %ecx.  So the three pushes and the pops below must match
 * Linux's exactly, and the landing pad must follow an "int $0x80" directly:
 * a kernel restarting a syscall backs the ip up by two bytes from the landing
 * pad onto that instruction.
 *
 * Built once per entry method: RELVDSO_ENTRY_SYSENTER, RELVDSO_ENTRY_SYSCALL,
 * or neither for the int $0x80 image.
 */
#include "vdso-asm.h"

	.text
	.globl	__kernel_vsyscall
	.type	__kernel_vsyscall, @function
	.globl	__kernel_vsyscall_landing_pad
	.type	__kernel_vsyscall_landing_pad, @notype
	/* what the time functions call: direct, PC-relative, no PLT */
	.globl	VDSO_VSYSCALL
	.hidden	VDSO_VSYSCALL
	.set	VDSO_VSYSCALL, __kernel_vsyscall

	.p2align 4
__kernel_vsyscall:
	.cfi_startproc
	pushl	%ecx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ecx, 0
	pushl	%edx
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset edx, 0
	pushl	%ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset ebp, 0

#if defined(RELVDSO_ENTRY_SYSENTER)
	/* the kernel finds the user stack, and the saved %ebp on it, in %ebp */
	movl	%esp, %ebp
	sysenter
#elif defined(RELVDSO_ENTRY_SYSCALL)
	/* syscall clobbers %ecx with the return ip: pass arg 2 in %ebp */
	movl	%ecx, %ebp
	syscall
#endif
	/* the int80 entry, and the restart point of the fast entries */
	int	$0x80
__kernel_vsyscall_landing_pad:
	popl	%ebp
	.cfi_adjust_cfa_offset -4
	.cfi_restore ebp
	popl	%edx
	.cfi_adjust_cfa_offset -4
	.cfi_restore edx
	popl	%ecx
	.cfi_adjust_cfa_offset -4
	.cfi_restore ecx
	ret
	.cfi_endproc
	.size	__kernel_vsyscall, . - __kernel_vsyscall
