/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers shared by the libFuzzer harnesses: little-endian reads and
 * a loud failure that libFuzzer records as a crash (abort -> crash-* file).
 */
#ifndef RELVDSO_FUZZ_UTIL_H
#define RELVDSO_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "INVARIANT FAILED %s:%d: %s: ",	\
				__FILE__, __LINE__, #cond);		\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

static inline uint32_t fuzz_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

#endif /* RELVDSO_FUZZ_UTIL_H */
