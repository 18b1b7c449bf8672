// SPDX-License-Identifier: GPL-2.0-only
/* See libc_entry.h: where a small libc enters the kernel, checked per mode. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "libc_entry.h"

extern char **environ;

#define AT_NULL_		0
#define AT_SYSINFO_		32	/* i386: __kernel_vsyscall */
#define AT_SYSINFO_EHDR_	33	/* the vDSO's ELF header */
#define VDSO_PAGE		4096u
#define NR_getpid		20

enum mode { MODE_COMPAT, MODE_NORMAL, MODE_NONE };
/* --expect= values, indexed by enum mode (as every consumer spells them) */
static const char *const mode_names[] = { "compat", "normal", "none" };

static const char *prog;
static unsigned checks, failed;

static void say(const char *kind, const char *fmt, va_list ap)
{
	char line[256];
	int n = snprintf(line, sizeof(line), "%s: %s: ", prog, kind);

	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	write(1, line, n);
}

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failed += !cond;
	va_start(ap, fmt);
	say(cond ? "ok" : "FAIL", fmt, ap);
	va_end(ap);
}

static void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("note", fmt, ap);
	va_end(ap);
}

/* The summary line the runners look for; the exit code. */
static int finish(void)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "%s: %u checks, %u failed: %s\n", prog, checks, failed,
			 failed ? "FAIL" : "PASS");

	write(1, line, n);
	return failed ? 1 : 0;
}

/*
 * AT_SYSINFO_EHDR and AT_SYSINFO (0: absent) from the aux vector after the
 * environment on the initial stack: what the libc's start code read.  (Not
 * /proc/self/auxv: under vdsorun that is still the host kernel's copy.)
 */
static void read_auxv(unsigned long *ehdr, unsigned long *sysinfo)
{
	char **envp = environ;
	const unsigned long *av;

	*ehdr = *sysinfo = 0;
	while (*envp)
		envp++;
	for (av = (const unsigned long *)(envp + 1); av[0] != AT_NULL_; av += 2) {
		if (av[0] == AT_SYSINFO_EHDR_)
			*ehdr = av[1];
		else if (av[0] == AT_SYSINFO_)
			*sysinfo = av[1];
	}
}

/*
 * getpid with int $0x80 here: the answer the libc's path must match.  Not
 * inlined, and named: the guest's strace check finds this reference call
 * by its symbol and does not count it as the libc's.
 */
__attribute__((noinline)) long libc_entry_int80_getpid(void);
long libc_entry_int80_getpid(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(NR_getpid) : "memory");
	return r;
}

static int parse(int argc, char **argv, enum mode *mode, unsigned long *addr)
{
	int i, m, have_mode = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "--expect=", 9)) {
			for (m = MODE_NONE; m >= 0 && strcmp(a + 9, mode_names[m]); m--)
				;
			if (m < 0)
				return -1;
			*mode = m;
			have_mode = 1;
		} else if (!strncmp(a, "--addr=", 7)) {
			*addr = strtoul(a + 7, NULL, 0);
		} else if (strncmp(a, "--entry=", 8) && strncmp(a, "--host=", 7)) {
			return -1;
		}
	}
	return have_mode && (*mode != MODE_COMPAT || *addr) ? 0 : -1;
}

int libc_entry_main(int argc, char **argv, const char *name, const void *entry)
{
	static const unsigned char int80_ret[] = { 0xcd, 0x80, 0xc3 };
	unsigned long ehdr, sysinfo, addr = 0, at = (unsigned long)entry;
	enum mode mode = MODE_NORMAL;
	struct timeval tv;
	int tv_rc;

	prog = name;
	if (parse(argc, argv, &mode, &addr)) {
		note("usage: %s --expect=compat --addr=ADDR | --expect=normal | --expect=none", prog);
		return 2;
	}
	read_auxv(&ehdr, &sysinfo);
	note("AT_SYSINFO_EHDR 0x%08lx AT_SYSINFO 0x%08lx", ehdr, sysinfo);
	note("the libc enters the kernel through 0x%08lx", at);
	if (mode == MODE_NONE) {
		check(!ehdr && !sysinfo, "vDSO disabled: no AT_SYSINFO_EHDR, no AT_SYSINFO");
		check(!memcmp(entry, int80_ret, sizeof(int80_ret)),
		      "without AT_SYSINFO the libc uses its own \"int $0x80; ret\" at 0x%08lx", at);
	} else {
		check(ehdr && sysinfo && sysinfo - ehdr < VDSO_PAGE,
		      "AT_SYSINFO 0x%08lx lies in the vDSO page at 0x%08lx", sysinfo, ehdr);
		if (mode == MODE_COMPAT)
			check(ehdr == addr, "compat: AT_SYSINFO_EHDR 0x%08lx == expected 0x%08lx", ehdr, addr);
		check(at == sysinfo, "the libc's entry pointer 0x%08lx is AT_SYSINFO 0x%08lx", at, sysinfo);
	}
	check(getpid() == libc_entry_int80_getpid(), "the libc's getpid() == int $0x80 getpid (%ld)", libc_entry_int80_getpid());
	tv_rc = gettimeofday(&tv, NULL);
	check(tv_rc == 0 && tv.tv_sec > 1600000000, "the libc's gettimeofday works (%d, %ld)", tv_rc,
	      (long)tv.tv_sec);
	return finish();
}
