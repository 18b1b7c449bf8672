/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uint32_t ut_vsys_call(uint32_t fn, uint32_t regs[7])
 * Load eax, ebx, ecx, edx, esi, edi, ebp from regs[0..6], call fn (an
 * __kernel_vsyscall), store all seven back and return eax: the caller
 * sees exactly which registers the entry preserved.
 */
	.text
	.globl	ut_vsys_call
	.type	ut_vsys_call, @function
ut_vsys_call:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	24(%esp), %eax		/* regs */
	movl	4(%eax), %ebx
	movl	8(%eax), %ecx
	movl	12(%eax), %edx
	movl	16(%eax), %esi
	movl	20(%eax), %edi
	movl	24(%eax), %ebp
	movl	0(%eax), %eax
	call	*20(%esp)		/* fn */
	pushl	%eax
	movl	28(%esp), %eax		/* regs */
	movl	%ebx, 4(%eax)
	movl	%ecx, 8(%eax)
	movl	%edx, 12(%eax)
	movl	%esi, 16(%eax)
	movl	%edi, 20(%eax)
	movl	%ebp, 24(%eax)
	popl	%ecx
	movl	%ecx, 0(%eax)
	movl	%ecx, %eax
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
	.size	ut_vsys_call, .-ut_vsys_call
	.section .note.GNU-stack,"",@progbits
