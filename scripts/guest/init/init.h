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
	enum rv_suite { RV_SUITE_ALL, RV_SUITE_SELFTESTS, RV_SUITE_TIMEBENCH } suite;	/* rvx_suite=all|selftests|timebench */
	int cpus;			/* rvx_cpus=: CPUs online (default 1) */
	int time_slow;			/* rvx_time=slow: the data page answers nothing */
	unsigned long vdso_base;	/* AT_SYSINFO_EHDR */
	unsigned long vdso_entry;	/* AT_SYSINFO */
	struct vdso_view view;		/* filled by the image test */
	int view_ok;
};

/* ---- report.c: one line per test ---- */
enum rv_result { RV_PASS, RV_FAIL, RV_SKIP };

void rv_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Add to the NUL-terminated text in buf[len], cutting it short when full. */
void rv_append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
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

/* ---- vtime.c: the vDSO's time functions beside their system calls ---- */
#define RV_NR_getcpu	318
#define RV_NR_settimeofday 79
enum rv_tfn {
	RV_TF_CLOCK_GETTIME, RV_TF_CLOCK_GETTIME64, RV_TF_GETTIMEOFDAY, RV_TF_TIME,
	RV_TF_CLOCK_GETRES, RV_TF_GETCPU, RV_TF_COUNT
};
struct rv_tfn_info {
	const char *name;
	enum relvdso_sym sym;
	long nr;		/* its system call, the vDSO's fallback */
	int per_clock;		/* takes a clock id */
};
extern const struct rv_tfn_info rv_tfns[RV_TF_COUNT];
#define RV_NCLOCK_IDS 19
extern const int rv_clock_ids[RV_NCLOCK_IDS];	/* 0..15, then invalid: -1 16 1000 */
struct rv_vtime { uint32_t fn[RV_TF_COUNT]; };	/* the vDSO's functions, 0: absent */
struct rv_tz { int32_t minuteswest, dsttime; };
#define RV_ABSENT 4001	/* rv_vtime_call: -RV_ABSENT, the vDSO lacks the function */

void rv_vtime_open(const struct rv_env *e, struct rv_vtime *t);
/* f(clock) through the vDSO or int $0x80; the value in ns (getcpu: the CPU) in *val. */
long rv_vtime_call(const struct rv_vtime *t, enum rv_tfn f, int clock, int vdso, int64_t *val);
int rv_clock_fast_id(int clock);	/* the vDSO may answer it itself */
int rv_clock_settable(int clock);	/* settimeofday() or adjtimex() may move it back */

/* What path a call takes, by kernel state: the model of fastpath.c. */
enum rv_path { RV_PATH_FAST, RV_PATH_SYSCALL, RV_PATH_ABSENT };
struct rv_time_state {
	int slow;	/* every function must make the system call */
	int hres;	/* the clocksource is readable in userspace (TSC) */
	int stock;	/* stock 6.1's vDSO */
};
enum rv_path rv_time_expected(enum rv_tfn f, int clock, const struct rv_time_state *s);

/* ---- fastpath.c: which calls enter the kernel (seccomp) ---- */
#define RV_NPROBES (3 * RV_NCLOCK_IDS + 3)
/* Probe every function in a child; paths[] in rv_tfns/rv_clock_ids order. 0, or -1 and why. */
int rv_fastpath_probe(const struct rv_vtime *t, enum rv_path paths[RV_NPROBES], char *why, size_t len);
/* Print the RELVDSO-FASTPATH lines of phase (NULL: none); 1 if they match the model, else the misses in why. */
int rv_fastpath_phase(const char *phase, const struct rv_vtime *t, const struct rv_time_state *s,
		      char *why, size_t len);
/* The current clocksource (sysfs) in buf; its state for the model (hres). */
int rv_clocksource(char *buf, size_t len);

/* ---- readers.c: pinned processes checking the clocks while something changes them ---- */
struct rv_readers;
/* One reader per online CPU (max 4), each at most loops rounds; NULL on failure. */
struct rv_readers *rv_readers_start(const struct rv_vtime *t, long loops);
void rv_readers_step(struct rv_readers *r);	/* before and after each settimeofday() */
/* Stop them (bounded ones: wait); the number of violations (why: the first), -1 if a reader died. */
int rv_readers_stop(struct rv_readers *r, char *why, size_t len);

/* ---- the test groups, in the order main.c runs them ---- */
void group_image(struct rv_env *e);	/* auxv image symbols entry */
void group_calls(struct rv_env *e);	/* syscall regs sixargs clock */
void group_signals(struct rv_env *e);	/* signal rt_signal */
void group_memory(struct rv_env *e);	/* maps procmem ptrace readonly */
void group_process(struct rv_env *e);	/* fork exec */
void group_kernel(struct rv_env *e);	/* klog cpuflag */
void group_cpus(struct rv_env *e);	/* cpus */
void group_timebench(struct rv_env *e);	/* rvx_suite=timebench: bench/guest.sh's time figures */
void group_fastpath(struct rv_env *e);	/* fastpath clocksource (stock cells too) */
void group_sandwich(struct rv_env *e);	/* sandwich */
void group_settime(struct rv_env *e);	/* settime */
void group_crosscpu(struct rv_env *e);	/* crosscpu */
void group_timens(struct rv_env *e);	/* timens */
void group_datapage(struct rv_env *e);	/* datapage */
void group_debugger(struct rv_env *e);	/* gdb_syscall gdb_vdso_map gdb_(rt_)sigreturn (gdb initramfs) */
void group_userspace(struct rv_env *e);	/* legacy-probe, consumers, selftests, chroot */
void group_tracing(struct rv_env *e);	/* strace-i-CONSUMER strace-f */
void group_selftests(struct rv_env *e);	/* selftests: Linux's x86 and vDSO ones on every CPU */

/* "/init child": the exec'd child of the exec test; exits with its verdict. */
void exec_child(const struct rv_env *e) __attribute__((noreturn));

#endif
