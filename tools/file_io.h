/* SPDX-License-Identifier: GPL-2.0-only */
/* Small file helpers shared by the host tools. */
#ifndef RELVDSO_TOOLS_FILE_IO_H
#define RELVDSO_TOOLS_FILE_IO_H

#include <stddef.h>
#include <stdint.h>

/* A regular file, whole, in a malloc'd buffer; NULL with errno set on failure. */
uint8_t *file_read_all(const char *path, size_t *size);

#endif
