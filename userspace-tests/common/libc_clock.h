/* SPDX-License-Identifier: GPL-2.0-only */
/* The linked libc's clock_gettime against the system call, for every clock id. */
#ifndef UT_LIBC_CLOCK_H
#define UT_LIBC_CLOCK_H

/* One check per clock id; @libc names the library in each line. */
void ut_check_libc_clock_gettime(const char *libc);

#endif
