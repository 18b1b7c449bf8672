// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-klibc: a static klibc (Debian libklibc-dev:i386) program.  klibc's
 * __libc_init copies AT_SYSINFO into __syscall_entry
 * (include/arch/i386/klibc/archinit.h), which its system call tail
 * (arch/i386/syscall.S, __syscall_common_tail) calls; without AT_SYSINFO it
 * stays at klibc's own "int $0x80; ret" (__syscall_int80).  vfork is the
 * one stub with a raw int $0x80; this program does not call it.  See
 * ../dietlibc/libc_entry.h.
 */
#include "../dietlibc/libc_entry.h"

extern void (*__syscall_entry)(int, ...);	/* klibc's, set by __libc_init */

int main(int argc, char **argv)
{
	return libc_entry_main(argc, argv, "vdso-klibc", (const void *)__syscall_entry);
}
