/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest /init: a harness (main.c: the command line, the group table;
 * report.c: the result lines; run.c: running a program) and one file per
 * test group.  The vDSO reader, the register-exact call, int $0x80 and the
 * system call numbers come from userspace-tests/common/.
 */
#ifndef RV_INIT_H
#define RV_INIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ut_vdso.h"

/* What the kernel command line promises, what the aux vector gave. */
struct rv_env {
	enum ut_mode mode;		/* rvx_mode=disabled|normal|compat */
	enum ut_entry entry;		/* rvx_entry=int80|sysenter */
	unsigned long base;		/* rvx_base=: compat's fixmap slot */
	const char *sep;		/* rvx_sep=0|1, or NULL */
	int userspace;			/* rvx_userspace=1 */
	int selftests;			/* rvx_selftests=1 */
	enum rv_suite { RV_SUITE_ALL, RV_SUITE_SELFTESTS } suite;	/* rvx_suite=all|selftests */
	int cpus;			/* rvx_cpus=: CPUs online (default 1) */
	unsigned long vdso_base;	/* AT_SYSINFO_EHDR */
	unsigned long vdso_entry;	/* AT_SYSINFO */
	struct vdso_view view;		/* filled by the image test */
	int view_ok;
};

/* ---- report.c: one line per test ---- */
enum rv_result { RV_PASS, RV_FAIL, RV_SKIP };

void rv_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rv_result(const char *name, enum rv_result res, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints RELVDSO-DONE; returns the number of failed tests. */
int rv_done(void);

#define PASS(name, ...) rv_result(name, RV_PASS, __VA_ARGS__)
#define FAIL(name, ...) rv_result(name, RV_FAIL, __VA_ARGS__)
#define SKIP(name, ...) rv_result(name, RV_SKIP, __VA_ARGS__)
#define CHECK(cond, name, ...) rv_result(name, (cond) ? RV_PASS : RV_FAIL, __VA_ARGS__)

/* ---- run.c: a program's exit status and output ---- */
struct rv_run {
	int status;		/* exit code, 128+signal, 126 cannot enter root, -1 */
	const char *output;	/* stdout+stderr (the newest 32 KiB) */
	char last[256];		/* its last non-empty line */
};

/* Run argv (chrooted into root first unless NULL), echoing its lines. */
void rv_run(const char *root, const char *const argv[], struct rv_run *r);
/* Fork and exec argv[0] with its stdout and stderr on a pipe (*out: the
 * read end), after setup(arg) in the child (nonzero: exit 126) and under
 * an alarm of secs; the pid, or -1. */
pid_t rv_spawn(const char *const argv[], int (*setup)(const void *arg), const void *arg,
	       unsigned int secs, int *out);

/* A system call through __kernel_vsyscall at fn. */
static inline long rv_vsys(unsigned long fn, long nr, long a1, long a2, long a3, long a4,
			   long a5, long a6)
{
	uint32_t r[7] = { nr, a1, a2, a3, a4, a5, a6 };

	return (long)ut_vsys_call(fn, r);
}

/* ---- the test groups, in the order main.c runs them ---- */
void group_image(struct rv_env *e);	/* auxv image symbols entry */
void group_calls(struct rv_env *e);	/* syscall regs sixargs clock */
void group_signals(struct rv_env *e);	/* signal rt_signal */
void group_memory(struct rv_env *e);	/* maps procmem ptrace readonly */
void group_process(struct rv_env *e);	/* fork exec */
void group_kernel(struct rv_env *e);	/* klog cpuflag */
void group_cpus(struct rv_env *e);	/* cpus */
void group_debugger(struct rv_env *e);	/* gdb_syscall gdb_vdso_map gdb_(rt_)sigreturn (gdb initramfs) */
void group_userspace(struct rv_env *e);	/* legacy-probe, consumers, selftests, chroot */
void group_tracing(struct rv_env *e);	/* strace-i-CONSUMER strace-f */
void group_selftests(struct rv_env *e);	/* selftests: Linux's x86 and vDSO ones on every CPU */

/* "/init child": the exec'd child of the exec test; exits with its verdict. */
void exec_child(const struct rv_env *e) __attribute__((noreturn));

#endif
