/* SPDX-License-Identifier: GPL-2.0-only */
/* The glibc consumer's test groups (vdso_glibc.c runs them in order). */
#ifndef UT_GLIBC_TESTS_H
#define UT_GLIBC_TESTS_H

#include "../common/ut_vdso.h"

/* v is NULL when the process has no vDSO. */
void glibc_check_signals(const struct vdso_view *v);
void glibc_check_threads(void);

#endif
