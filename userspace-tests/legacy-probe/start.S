/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Process entry without any libc: hand the initial stack pointer (argc,
 * argv, envp, auxv) to probe_main and exit with what it returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	movl	%esp, %eax
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	probe_main
	movl	%eax, %ebx
	movl	$252, %eax		/* exit_group */
	int	$0x80
	hlt
	.size	_start, . - _start
	.section .note.GNU-stack, "", @progbits
