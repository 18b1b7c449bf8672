/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The facts an image exports, stated once: every symbol with its version
 * node, ELF type and the struct relvdso_image field its offset fills; the
 * sigreturn trampolines' exact bytes; the page budget and the data pages
 * below the text.  The version script
 * (vdso/vdso.map.S), the validator and generator (tools/), the image
 * struct, the Linux adapter and the tests all read them from here.
 *
 * Pure macros, no includes: usable from freestanding and host C, i386
 * userspace and cpp over the version script (__ASSEMBLER__ hides the C).
 */
#ifndef RELVDSO_VDSO_FACTS_H
#define RELVDSO_VDSO_FACTS_H

/*
 * The tables below are runs of rows, X(...) X(...), and the symbol table a
 * run of such tables.  Each run is one call of these, which expand to their
 * arguments as written: checkpatch takes a bare run for an unbracketed
 * expression (COMPLEX_MACRO).  RELVDSO_ROW wraps what a row macro expands
 * to, where that is not one expression either.  One name per level of
 * nesting: cppcheck does not expand a macro again inside its own argument.
 */
#define RELVDSO_TABLES(...)	__VA_ARGS__
#define RELVDSO_ROWS(...)	__VA_ARGS__
#define RELVDSO_ROW(...)	__VA_ARGS__

/* Pages the image (headers, code, dynamic tables) must fit. */
#define RELVDSO_VDSO_MAX_PAGES	1
/*
 * Pages of data right below the image text (struct relvdso_data,
 * vdso_data.h): every mapping of an image maps them too, read-only.
 */
#define RELVDSO_VDSO_DATA_PAGES	1

/*
 * Version nodes in order: N(node, rows, X).  Each rows(X, node) calls
 * X(ID, name, node, type, field) per symbol: type is STT_<type>, field the
 * struct relvdso_image member holding the symbol's offset from the base.
 */
#define RELVDSO_VDSO_NODES(N, X) RELVDSO_TABLES(		\
	N(LINUX_2.5, RELVDSO_VDSO_LINUX_2_5, X)			\
	N(LINUX_2.6, RELVDSO_VDSO_LINUX_2_6, X))

#define RELVDSO_VDSO_LINUX_2_5(X, node) RELVDSO_ROWS(			\
	X(VSYSCALL,	__kernel_vsyscall,		node, FUNC,   sym_vsyscall)	\
	X(SIGRETURN,	__kernel_sigreturn,		node, FUNC,   sym_sigreturn)	\
	X(RT_SIGRETURN,	__kernel_rt_sigreturn,		node, FUNC,   sym_rt_sigreturn)	\
	X(LANDING_PAD,	__kernel_vsyscall_landing_pad,	node, NOTYPE, sym_landing_pad))

#define RELVDSO_VDSO_LINUX_2_6(X, node) RELVDSO_ROWS(			\
	X(CLOCK_GETTIME,   __vdso_clock_gettime,	node, FUNC, sym_clock_gettime)	\
	X(CLOCK_GETTIME64, __vdso_clock_gettime64,	node, FUNC, sym_clock_gettime64) \
	X(GETTIMEOFDAY,	   __vdso_gettimeofday,		node, FUNC, sym_gettimeofday)	\
	X(TIME,		   __vdso_time,			node, FUNC, sym_time)		\
	X(CLOCK_GETRES,	   __vdso_clock_getres,		node, FUNC, sym_clock_getres)	\
	X(GETCPU,	   __vdso_getcpu,		node, FUNC, sym_getcpu))

/* Every symbol, in node order: X(ID, name, node, type, field). */
#define RELVDSO_VDSO_SYMS(X)	RELVDSO_VDSO_NODES(RELVDSO_VDSO_ROWS_, X)
#define RELVDSO_VDSO_ROWS_(node, rows, X)	rows(X, node)

/*
 * The signal trampolines' exact bytes, which libgcc's and gdb's unwinders
 * match and the kernel's syscall restart relies on: T(ID, len_field,
 * bytes...).  ID names the symbol; each is preceded by a nop in the image.
 * len_field is the struct relvdso_image member holding the length; the
 * kernel's sigreturn landing pad is the symbol's offset plus that length.
 */
#define RELVDSO_VDSO_TRAMPOLINES(T) RELVDSO_ROWS(				\
	T(SIGRETURN,	sigreturn_len,	  0x58, 0xb8, 0x77, 0x00, 0x00, 0x00, 0xcd, 0x80) \
	T(RT_SIGRETURN,	rt_sigreturn_len, 0xb8, 0xad, 0x00, 0x00, 0x00, 0xcd, 0x80))

#ifndef __ASSEMBLER__

#ifdef __cplusplus
extern "C" {
#endif

#define RELVDSO_VDSO_SYM_ENUM_(id, ...)	RELVDSO_SYM_##id,
/* Indexes every per-symbol array (generated offsets, name tables). */
enum relvdso_sym {
	RELVDSO_VDSO_SYMS(RELVDSO_VDSO_SYM_ENUM_)
	RELVDSO_SYM_COUNT
};

#define RELVDSO_VDSO_TRAMPOLINE_LEN_(id, field, ...)	RELVDSO_ROW(	\
	RELVDSO_TRAMPOLINE_LEN_##id = sizeof((const unsigned char[]){ __VA_ARGS__ })),
/* RELVDSO_TRAMPOLINE_LEN_SIGRETURN, ..._RT_SIGRETURN */
enum relvdso_trampoline_len {
	RELVDSO_VDSO_TRAMPOLINES(RELVDSO_VDSO_TRAMPOLINE_LEN_)
};

#define RELVDSO_VDSO_STR_(x)	#x
#define RELVDSO_VDSO_STR(x)	RELVDSO_VDSO_STR_(x)

#ifdef __cplusplus
}
#endif

#endif /* __ASSEMBLER__ */

#endif /* RELVDSO_VDSO_FACTS_H */
