/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The symbols every image exports, by enum relvdso_sym: name, version node,
 * ELF type and struct relvdso_image field, generated from the facts table
 * for the host-side tools (the validator, the generator, vdso-inspect,
 * vdsorun's forward table).
 */
#ifndef RELVDSO_VDSO_SYMS_H
#define RELVDSO_VDSO_SYMS_H

#include <relvdso/image.h>

struct vdso_sym_spec {
	const char *name;
	const char *version;
	unsigned char type;		/* STT_FUNC or STT_NOTYPE */
	const char *field;		/* the struct relvdso_image member of its offset */
};

extern const struct vdso_sym_spec vdso_syms[RELVDSO_SYM_COUNT];

#endif /* RELVDSO_VDSO_SYMS_H */
