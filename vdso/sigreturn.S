/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Signal return trampolines.  The kernel points a handler's return address
 * here; the handler's "ret" lands on the symbol with the signal frame on the
 * stack.
 *
 * The byte sequences are part of the ABI: libgcc and gdb recognise them, so
 * they must stay exactly the facts table's (RELVDSO_VDSO_TRAMPOLINES in
 * include/relvdso/vdso_facts.h); vdso-gen refuses an image whose bytes
 * differ, and vdso-inspect prints them.
 *
 * Each is preceded by a nop covered by its FDE: unwinders look the caller up
 * at return address - 1, which would otherwise fall outside.  The FDEs are
 * signal frames ("S" augmentation) whose rules read the interrupted
 * registers out of the struct sigcontext the kernel saved, so an unwinder
 * walks from the handler through here into the interrupted code.
 */
#include "vdso-asm.h"

/* struct sigcontext (i386): where each register was saved */
#define SC_EDI		16
#define SC_ESI		20
#define SC_EBP		24
#define SC_ESP		28
#define SC_EBX		32
#define SC_EDX		36
#define SC_ECX		40
#define SC_EAX		44
#define SC_EIP		56

/*
 * Where the sigcontext lies above %esp at the symbol.  sigreturn: past
 * "int sig".  rt_sigreturn: past sig, pinfo, puc, a 128-byte siginfo and
 * the 20 bytes of struct ucontext before uc_mcontext.
 */
#define SIGFRAME_SC	4
#define RT_SIGFRAME_SC	(4 + 4 + 4 + 128 + 20)

/* DWARF */
#define DW_CFA_def_cfa_expression	0x0f
#define DW_CFA_expression		0x10
#define DW_OP_breg4			0x74	/* %esp + offset */
#define DW_OP_deref			0x06
#define DWARF_EAX	0
#define DWARF_ECX	1
#define DWARF_EDX	2
#define DWARF_EBX	3
#define DWARF_EBP	5
#define DWARF_ESI	6
#define DWARF_EDI	7
#define DWARF_EIP	8

/* Offsets below 64 take one SLEB128 byte, below 8192 two. */

/* CFA = the interrupted %esp, read from the sigcontext at %esp + sc */
.macro cfi_sc_cfa sc
	.if (\sc + SC_ESP) < 64
	.cfi_escape DW_CFA_def_cfa_expression, 3, DW_OP_breg4, \sc + SC_ESP, DW_OP_deref
	.else
	.cfi_escape DW_CFA_def_cfa_expression, 4, DW_OP_breg4, \
		((\sc + SC_ESP) & 0x7f) | 0x80, (\sc + SC_ESP) >> 7, DW_OP_deref
	.endif
.endm

/* REG was saved at %esp + sc + off */
.macro cfi_sc_reg reg, sc, off
	.if (\sc + \off) < 64
	.cfi_escape DW_CFA_expression, \reg, 2, DW_OP_breg4, \sc + \off
	.else
	.cfi_escape DW_CFA_expression, \reg, 3, DW_OP_breg4, \
		((\sc + \off) & 0x7f) | 0x80, (\sc + \off) >> 7
	.endif
.endm

/* the whole frame, for a sigcontext at %esp + sc */
.macro cfi_sigcontext sc
	cfi_sc_cfa \sc
	cfi_sc_reg DWARF_EAX, \sc, SC_EAX
	cfi_sc_reg DWARF_ECX, \sc, SC_ECX
	cfi_sc_reg DWARF_EDX, \sc, SC_EDX
	cfi_sc_reg DWARF_EBX, \sc, SC_EBX
	cfi_sc_reg DWARF_EBP, \sc, SC_EBP
	cfi_sc_reg DWARF_ESI, \sc, SC_ESI
	cfi_sc_reg DWARF_EDI, \sc, SC_EDI
	cfi_sc_reg DWARF_EIP, \sc, SC_EIP
.endm

	.text
	.globl	__kernel_sigreturn
	.type	__kernel_sigreturn, @function
	.globl	__kernel_rt_sigreturn
	.type	__kernel_rt_sigreturn, @function

	.p2align 4
	.cfi_startproc simple
	.cfi_signal_frame
	cfi_sigcontext SIGFRAME_SC
	nop
__kernel_sigreturn:
	popl	%eax
	/* the pop moved %esp past "int sig" */
	cfi_sigcontext (SIGFRAME_SC - 4)
	movl	$NR_sigreturn, %eax
	int	$0x80
	.cfi_endproc
	.size	__kernel_sigreturn, . - __kernel_sigreturn

	.p2align 4
	.cfi_startproc simple
	.cfi_signal_frame
	cfi_sigcontext RT_SIGFRAME_SC
	nop
__kernel_rt_sigreturn:
	movl	$NR_rt_sigreturn, %eax
	int	$0x80
	.cfi_endproc
	.size	__kernel_rt_sigreturn, . - __kernel_rt_sigreturn
