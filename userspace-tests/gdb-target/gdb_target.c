// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program the guest's debugger tests run under gdb (dynamic glibc, so
 * that ld.so puts linux-gate.so.1 in the link map):
 *
 *   gdb-target syscall       target_syscall_caller() calls getppid(), which
 *                            glibc sends through AT_SYSINFO: gdb catches the
 *                            system call inside __kernel_vsyscall
 *   gdb-target sigreturn     target_interrupted() faults (ud2); the SIGILL
 *   gdb-target rt_sigreturn  handler, installed with the raw system call and
 *                            no SA_RESTORER (so the kernel returns through
 *                            the vDSO's __kernel_sigreturn, or with SA_SIGINFO
 *                            __kernel_rt_sigreturn), stops at an int3 for gdb
 *
 * In syscall mode it first prints ld.so's link map ("gdb-target: link_map
 * NAME l_addr=.. l_ld=.."), where linux-gate.so.1 must be.
 *
 * The handler records its return address, the restorer the kernel pushed,
 * in target_restorer: gdb prints it, the kernel's word to compare with.
 * Built -O0 -g so every frame is a real frame with a name.
 */
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's struct sigaction for i386 rt_sigaction. */
struct target_kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask[2];
};

volatile unsigned long target_restorer;

__attribute__((noinline)) static void target_handler(int sig)
{
	(void)sig;
	target_restorer = (unsigned long)__builtin_return_address(0);
	__asm__ volatile("int3");
	_exit(0);
}

__attribute__((noinline)) static void target_interrupted(void)
{
	__asm__ volatile("ud2");
}

/* ld.so's list of loaded objects, as the debugger's own solib reader sees it. */
static void target_print_link_map(void)
{
	const struct link_map *m;

	for (m = _r_debug.r_map; m; m = m->l_next)
		fprintf(stderr, "gdb-target: link_map %s l_addr=0x%08lx l_ld=%p\n",
			m->l_name[0] ? m->l_name : "\"\"", (unsigned long)m->l_addr, (void *)m->l_ld);
}

__attribute__((noinline)) static long target_syscall_caller(void)
{
	return getppid();
}

static int target_signal(unsigned long flags)
{
	struct target_kernel_sigaction ka;

	memset(&ka, 0, sizeof(ka));
	ka.handler = (void *)target_handler;
	ka.flags = flags;
	if (syscall(SYS_rt_sigaction, SIGILL, &ka, NULL, sizeof(ka.mask))) {
		perror("gdb-target: rt_sigaction");
		return 1;
	}
	target_interrupted();
	fprintf(stderr, "gdb-target: the handler returned\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "syscall")) {
		target_print_link_map();
		return target_syscall_caller() > 0 ? 0 : 1;
	}
	if (!strcmp(what, "sigreturn"))
		return target_signal(0);
	if (!strcmp(what, "rt_sigreturn"))
		return target_signal(SA_SIGINFO);
	fprintf(stderr, "usage: gdb-target syscall|sigreturn|rt_sigreturn\n");
	return 2;
}
