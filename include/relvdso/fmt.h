/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A minimal freestanding formatter for log lines: %s %c %u %d %x %%, with
 * an optional '0' flag and width for %u/%x (e.g. %08x).  Always
 * NUL-terminates a non-empty buffer and truncates quietly.
 */
#ifndef RELVDSO_FMT_H
#define RELVDSO_FMT_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

uint32_t relvdso_vfmt(char *buf, uint32_t size, const char *fmt, va_list ap);
RELVDSO_PRINTF(3, 4)
uint32_t relvdso_fmt(char *buf, uint32_t size, const char *fmt, ...);

/* "64M", "4K", "1G" or plain bytes, for log lines. */
uint32_t relvdso_fmt_size(char *buf, uint32_t size, uint32_t bytes);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_FMT_H */
