/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A built vDSO image as the generator (tools/vdso-gen) emits it: the bytes,
 * page-padded, linked at base 0, and the offsets a host needs.
 */
#ifndef RELVDSO_IMAGE_H
#define RELVDSO_IMAGE_H

#include "types.h"

#define RELVDSO_PAGE_SIZE	4096u

/* Syscall entry method; also indexes the image table. */
enum relvdso_entry {
	RELVDSO_ENTRY_INT80 = 0,
	RELVDSO_ENTRY_SYSENTER,
	RELVDSO_ENTRY_SYSCALL,
	RELVDSO_ENTRY_COUNT
};

struct relvdso_image {
	const char *name;		/* "int80", "sysenter", "syscall" */
	enum relvdso_entry entry;
	const uint8_t *data;		/* alloc_size bytes, page aligned */
	uint32_t size;			/* ELF file size */
	uint32_t alloc_size;		/* size rounded up to whole pages */
	/* offsets from the image base (the image is linked at 0) */
	uint32_t sym_vsyscall;		/* __kernel_vsyscall == e_entry */
	uint32_t sym_sigreturn;		/* __kernel_sigreturn */
	uint32_t sym_rt_sigreturn;	/* __kernel_rt_sigreturn */
	uint32_t sym_landing_pad;	/* __kernel_vsyscall_landing_pad */
};

extern const struct relvdso_image relvdso_image_int80;
extern const struct relvdso_image relvdso_image_sysenter;
extern const struct relvdso_image relvdso_image_syscall;

#endif /* RELVDSO_IMAGE_H */
