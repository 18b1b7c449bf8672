// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-dietlibc: a static dietlibc (Debian dietlibc-dev:i386) program.
 * dietlibc is built with WANT_SYSENTER: its start code (i386/start.S) scans
 * the aux vector for AT_SYSINFO and stores it in __vsyscall, which its
 * system call stub (i386/unified.S) calls; __vsyscall starts out pointing
 * at an "int $0x80; ret" of its own.  (A few hand-written stubs, clone,
 * vfork, mmap64, __restore_rt, getcontext/setcontext, use int $0x80
 * directly; this program calls none of them.)  See libc_entry.h.
 */
#include "libc_entry.h"

extern void *__vsyscall;	/* dietlibc's, set by _start */

int main(int argc, char **argv)
{
	return libc_entry_main(argc, argv, "vdso-dietlibc", __vsyscall);
}
