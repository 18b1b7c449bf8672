// SPDX-License-Identifier: GPL-2.0-only
/*
 * The linked libc's clock_gettime against the system call, for every clock
 * id: a reading must fall between two clock_gettime64 system calls, and an
 * id the kernel refuses must fail with the same errno.  Compiled into each
 * program, so glibc's and musl's own clock_gettime are the ones tested.
 */
#include <errno.h>
#include <stddef.h>
#include <time.h>

#include "check.h"
#include "libc_clock.h"
#include "ut_vdso.h"

void ut_check_libc_clock_gettime(const char *libc)
{
	static const long clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1 };
	struct ut_ts64 t1, t3;
	struct timespec ts;
	size_t i;
	long s;
	int r;

	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		s = ut_int80(UT_NR_clock_gettime64, clocks[i], (long)&t1, 0);
		errno = 0;
		r = clock_gettime((clockid_t)clocks[i], &ts);
		ut_int80(UT_NR_clock_gettime64, clocks[i], (long)&t3, 0);
		if (s == 0) {
			struct ut_ts64 t2 = { ts.tv_sec, ts.tv_nsec };

			ut_check(r == 0 && ut_ordered(ut_ns(&t1), ut_ns(&t2), ut_ns(&t3)),
				 "%s clock_gettime(%ld) between two system calls", libc, clocks[i]);
		} else {
			ut_check(r == -1 && errno == -s,
				 "%s clock_gettime(%ld) fails with errno %d like the syscall (%ld)",
				 libc, clocks[i], errno, -s);
		}
	}
}
