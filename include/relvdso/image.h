/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A built vDSO image as the generator (tools/vdso-gen) emits it: the bytes,
 * page-padded, linked at base 0, and every offset and length the facts
 * table (vdso_facts.h) names, read from the image by vdso-gen.
 */
#ifndef RELVDSO_IMAGE_H
#define RELVDSO_IMAGE_H

#include "types.h"
#include "vdso_facts.h"

#ifdef __cplusplus
extern "C" {
#endif

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
	/*
	 * each exported symbol's offset from the image base (linked at 0),
	 * by the facts table's field name or by enum relvdso_sym
	 */
	union {
		struct {
#define RELVDSO_IMAGE_SYM_FIELD_(id, name, node, type, field)	RELVDSO_ROW(uint32_t field;)
			RELVDSO_VDSO_SYMS(RELVDSO_IMAGE_SYM_FIELD_)
		};
		uint32_t sym[RELVDSO_SYM_COUNT];
	};
	/* each trampoline's length: offset + length is its kernel landing pad */
#define RELVDSO_IMAGE_LEN_FIELD_(id, field, ...)	RELVDSO_ROW(uint32_t field;)
	RELVDSO_VDSO_TRAMPOLINES(RELVDSO_IMAGE_LEN_FIELD_)
};

extern const struct relvdso_image relvdso_image_int80;
extern const struct relvdso_image relvdso_image_sysenter;
extern const struct relvdso_image relvdso_image_syscall;

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_IMAGE_H */
