// SPDX-License-Identifier: GPL-2.0-only
/* Small file helpers shared by the host tools. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "file_io.h"

uint8_t *file_read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	struct stat st;

	if (!f)
		return NULL;
	errno = 0;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (buf = malloc(st.st_size ? (size_t)st.st_size : 1)) &&
	    fread(buf, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		*size = (size_t)st.st_size;
		fclose(f);
		return buf;
	}
	if (!errno)
		errno = S_ISDIR(st.st_mode) ? EISDIR : S_ISREG(st.st_mode) ? EIO : EINVAL;
	free(buf);
	fclose(f);
	return NULL;
}
