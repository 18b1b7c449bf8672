/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two halves of vdso-run32 share: the register-exact call into the
 * image, the check lines, the mapped image and its data page.
 * vdso_run32.c maps and runs the image; vdso_time32.c fills the data page
 * and tests the time functions against it.  i386 only.
 */
#ifndef RELVDSO_TESTS_VDSO_RUN32_H
#define RELVDSO_TESTS_VDSO_RUN32_H

#include <stdint.h>

/* relative: built -m32 without the project's -I */
#include "../include/relvdso/vdso_data.h"

#define PAGE		4096u

/* Registers in and out of run_call(); eax holds the result. */
struct regs { uint32_t eax, ebx, ecx, edx, esi, edi, ebp; };

/*
 * run_call(fn, in, out, a1, a2, a3): load every register from @in, call
 * @fn with three stack arguments, store every register to @out.  Covers
 * __kernel_vsyscall (register arguments; the stack ones are ignored) and
 * the cdecl LINUX_2.6 functions.  run_call_ret is the return address.
 */
uint32_t run_call(void *fn, const struct regs *in, struct regs *out,
		  uint32_t a1, uint32_t a2, uint32_t a3);
extern const char run_call_ret[];

/* Marker values no syscall or function leaves in a register by chance. */
extern const struct regs markers;

/* ebx esi edi ebp kept (cdecl); @all: ecx and edx too (__kernel_vsyscall). */
int preserved(const struct regs *in, const struct regs *out, int all);

/* @fn(a1, a2, a3) with the markers loaded; *kept: callee-saved registers kept. */
int32_t call3(void *fn, uint32_t a1, uint32_t a2, uint32_t a3, int *kept);

/* The image, its data page (writable here, read-only to the image) and symbols. */
extern uint8_t *base;
extern uint32_t image_size;
extern struct relvdso_data *page;
extern uint32_t sym[RELVDSO_SYM_COUNT];
extern const char *const sym_names[RELVDSO_SYM_COUNT];
#define SYM_NAME(id)	sym_names[RELVDSO_SYM_##id]

static inline void *at(enum relvdso_sym s)
{
	return base + sym[s];
}

/* One "ok N - ..." / "not ok N - ..." line; counted across fork (shared counters). */
void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "skip - ...": a check that could not run here, and why; never counted as passed. */
void skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vdso_time32.c: the time functions against pages this program fills. */
void test_data_page(void);

#endif /* RELVDSO_TESTS_VDSO_RUN32_H */
