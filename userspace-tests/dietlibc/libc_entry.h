/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A consumer for a small static libc that keeps the address it enters the
 * kernel through in one pointer (dietlibc's __vsyscall, klibc's
 * __syscall_entry): the libc's start code sets it from AT_SYSINFO, and its
 * one system call stub calls through it; without AT_SYSINFO it points at
 * the libc's own "int $0x80; ret".  Written against the libc alone (its
 * write, snprintf, getpid, gettimeofday; no stdio, no getauxval), so
 * dietlibc and klibc share it.
 *
 *   PROG --expect=compat --addr=ADDR | --expect=normal | --expect=none
 *        [--entry=...] [--host=...]   (accepted, as the other consumers take them)
 *
 * Prints "PROG: ok: ..." / "PROG: FAIL: ..." lines, the
 * "PROG: note: AT_SYSINFO_EHDR 0x... AT_SYSINFO 0x..." line the strace
 * checks read the vDSO's base from, and a summary ending ": PASS" or
 * ": FAIL".  Exit 0 all passed, 1 a check failed, 2 bad arguments.
 */
#ifndef LIBC_ENTRY_H
#define LIBC_ENTRY_H

/* prog: the line prefix; entry: the libc's pointer, read after start-up. */
int libc_entry_main(int argc, char **argv, const char *prog, const void *entry);

#endif
