/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hostile i386 targets for test_hardening: a copy of a real i386 program
 * (runner-probe) with its ELF header or program headers patched.  Byte
 * offsets follow the ELF32 layouts in <relvdso/elf32.h>.
 */
#ifndef TESTS_HARDENING_ELF_H
#define TESTS_HARDENING_ELF_H

#include <stddef.h>
#include <stdint.h>

struct target_image {
	uint8_t *data;
	size_t size;
};

uint32_t hx_get32(const uint8_t *p);
void hx_put32(uint8_t *p, uint32_t v);

uint32_t hx_phoff(const struct target_image *t);
uint32_t hx_phnum(const struct target_image *t);
/* The @nth program header of @type (0 = first), or NULL. */
uint8_t *hx_phdr(struct target_image *t, uint32_t type, unsigned int nth);

/* Program header fields by ELF32 offset. */
#define HX_P_TYPE	0
#define HX_P_OFFSET	4
#define HX_P_VADDR	8
#define HX_P_PADDR	12
#define HX_P_FILESZ	16
#define HX_P_MEMSZ	20

#endif /* TESTS_HARDENING_ELF_H */
