/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vdsorun internals.  The runner is the userspace host of relvdso: it boots
 * the freestanding glue once, then, at every execve of an i386 program in
 * the tree it starts, maps our vDSO into the new image and rewrites its
 * auxv before the first user instruction runs.  How it gets hold of each
 * exec is the tracer's job: seize.c (only around exec) or trace.c (always).
 */
#ifndef RELVDSO_RUNNER_H
#define RELVDSO_RUNNER_H

#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "relvdso/glue.h"
#include "../tool_cli.h"

/* Exit codes, as a shell uses them: the tools' two, and a shell's two. */
enum runner_exit {
	RUNNER_EXIT_FAILURE = TOOL_EXIT_FAILURE,	/* runtime failure of vdsorun itself */
	RUNNER_EXIT_USAGE = TOOL_EXIT_USAGE,		/* bad command line */
	RUNNER_EXIT_NOEXEC = 126,	/* found but cannot be run */
	RUNNER_EXIT_NOTFOUND = 127,	/* program or interpreter not found */
};

/* --forward=: where the image's time functions go (forward.c). */
enum runner_forward {
	RUNNER_FORWARD_HOST,		/* the host kernel's own 32-bit vDSO */
	RUNNER_FORWARD_OFF,		/* nowhere: the image's system calls */
};

/* --trace=: how vdsorun gets hold of every exec in the tree. */
enum runner_trace_mode {
	RUNNER_TRACE_EXEC,		/* a seccomp listener; ptrace only from exec to install */
	RUNNER_TRACE_ALWAYS,		/* ptrace on every process for its whole life */
};

struct runner_opts {
	struct relvdso_opts boot;	/* --vdso= and --entry=, handed to the glue as parsed */
	uint32_t reservetop;		/* on top of what the host reserves */
	enum relvdso_backend backend;
	enum runner_forward forward;
	enum runner_trace_mode trace;
	bool trace_given;		/* --trace= on the command line: no automatic fallback */
	const char *root;		/* chroot, or NULL */
	bool verbose;
	char **argv;			/* PROGRAM ARGS... */
};

/* ---- the glue, booted for this host (host.c) ---- */

/* A 64-bit Linux host keeps the top of a 32-bit address space; see host.c. */
#define RUNNER_HOST_RESERVE	(16u << 20)
/* The compat pages must stay above where 32-bit programs and their heaps live. */
#define RUNNER_FIXMAP_FLOOR	0x40000000u

/* The host's 32-bit vDSO, as last seen in a tracee (forward.c). */
struct runner_forward_cache {
	uint8_t first[RELVDSO_PAGE_SIZE];	/* its first page: what tells images apart */
	bool known;			/* first[] and what follows describe an image */
	bool resolved;			/* its symbols could be read: offset[] holds */
	uint32_t offset[RELVDSO_SYM_COUNT];	/* from its base; 0: the host lacks it */
	unsigned int resolves;		/* images resolved: 1 on a kernel that keeps one */
	bool warned;
};

struct runner_vdso {
	struct relvdso_host host;
	struct relvdso_glue glue;
	uint8_t *compat_page;
	enum runner_forward forward;
	struct runner_forward_cache fwd;
};

void runner_vdso_boot(struct runner_vdso *rv, const struct runner_opts *opts);
/* The largest --reservetop this host's fixmap rule leaves room for. */
uint32_t runner_reservetop_max(void);

/* ---- the target program (target.c) ---- */

/* Resolve and vet PROGRAM; on failure print one line and return an exit code. */
int runner_target_check(const struct runner_opts *opts, char *path, size_t pathlen);

/* ---- a stopped tracee (remote.c) ---- */

struct tracee {
	pid_t pid;
	int mem_fd;			/* /proc/PID/mem, or -1 */
	uint32_t gate;			/* where remote_lend_gate() put `pop %eax; int $0x80; int3` */
	bool poked;			/* the gate is written over the original bytes */
	bool at_exec_stop;		/* no system call run yet: execve's result is still to come */
	uint8_t saved[4];
	struct user_regs_struct regs;	/* as found at the stop */
	int pending_signal;		/* a signal that arrived while we injected */
	bool gone;			/* it died under us (SIGKILL): nothing is our failure */
	int exit_status;		/* its wait status, when gone and reaped */
};

/* @pid at its exec stop. */
bool remote_open(struct tracee *t, pid_t pid);
/* Whether the tracee still is (a failed read may be its SIGKILL); false sets ->gone. */
bool remote_alive(struct tracee *t);
void remote_close(struct tracee *t);
bool remote_read(struct tracee *t, uint32_t addr, void *buf, size_t len);
bool remote_write(struct tracee *t, uint32_t addr, const void *buf, size_t len);
/* Lend the gate remote_syscall() runs, at the entry point (%eip at the exec stop). */
bool remote_lend_gate(struct tracee *t);
/* Run one i386 system call in the stopped tracee; false if it died. */
bool remote_syscall(struct tracee *t, uint32_t nr, const uint32_t args[6], int32_t *ret);
/* Put back registers and any bytes we changed. */
bool remote_restore(struct tracee *t);

/* ---- the auxv on the new image's stack (auxv.c) ---- */

#define AUXV_MAX 64

struct auxv {
	uint32_t addr;			/* where the pairs start on the tracee's stack */
	uint32_t n;			/* pairs before AT_NULL */
	uint32_t pair[AUXV_MAX][2];
};

bool auxv_read(struct tracee *t, struct auxv *av);
uint32_t auxv_get(const struct auxv *av, uint32_t type, bool *found);
bool auxv_set(struct auxv *av, uint32_t type, uint32_t value);
void auxv_remove(struct auxv *av, uint32_t type);
bool auxv_write(struct tracee *t, const struct auxv *av, uint32_t old_n);

/* ---- the data page (forward.c) ---- */

bool runner_forward_lookup(const char *name, enum runner_forward *out);
/* How many functions have a forward slot (the LINUX_2.6 node's). */
unsigned int runner_forward_count(void);
/*
 * The data page for a tracee whose host vDSO is at @host_vdso; returns how
 * many forward slots point into it (0 with --forward=off, or when the host
 * image cannot be read: a warning, and the system calls serve).
 */
unsigned int runner_data_fill(struct runner_vdso *rv, struct tracee *t, uint32_t host_vdso,
			      struct relvdso_data *d);

/* ---- exec-time installation (install.c) ---- */

/* Map our vDSO into a freshly exec'd i386 tracee and patch its auxv. */
bool runner_install(struct runner_vdso *rv, struct tracee *t, bool verbose);

/* ---- what both tracers share (launch.c) ---- */

struct pid_set {
	pid_t *pids;
	size_t n, cap;
};

void pid_set_add(struct pid_set *s, pid_t pid);
bool pid_set_remove(struct pid_set *s, pid_t pid);
bool pid_set_has(const struct pid_set *s, pid_t pid);

/* What became of a tracee at its exec stop. */
enum runner_exec_outcome {
	RUNNER_EXEC_RESUME,		/* ready to run (our vDSO, or a 64-bit image left alone) */
	RUNNER_EXEC_KILLED,		/* the installation failed: we killed it, said why */
	RUNNER_EXEC_GONE,		/* it died meanwhile; *status: its wait status if reaped, else -1 */
};

/* In the child, before exec: --root, and death with vdsorun.  Exits on failure. */
void runner_child_prepare(const struct runner_opts *opts, pid_t parent);
/* execv PROGRAM; if that fails, say why and exit like a shell (never returns). */
void runner_child_exec(const char *path, char *const argv[]) __attribute__((noreturn));
/* The exit code of an execve that failed with @err: 127 not found, else 126. */
int runner_exec_failure(int err);
/* Signals sent to vdsorun by someone other than the terminal go to *main_pid. */
void runner_forward_signals(volatile sig_atomic_t *main_pid);
/* The program stopped (job control): stop vdsorun too; the SIGCONT that ends it is forwarded. */
void runner_mirror_stop(void);
/* At an exec stop of @pid: install our vDSO into an i386 image; *sig: the signal to resume with. */
enum runner_exec_outcome runner_exec_stop(struct runner_vdso *rv, const struct runner_opts *opts,
					  pid_t pid, int *sig, int *status);
/* After the program ended: kill and reap every process left, except @spare. */
void runner_reap_all(pid_t spare);

/* ---- a cgroup that dies with vdsorun (tree.c) ---- */

struct runner_tree {
	int dir_fd;			/* the leaf cgroup, or -1: none could be made */
	int alive_fd;			/* write end of the keeper's pipe: EOF when vdsorun dies */
	pid_t keeper;
};

/* A leaf cgroup for the program's tree and its keeper; false (and -1s) if impossible. */
bool runner_tree_open(struct runner_tree *tree);
/* fork(), the child born inside the tree's cgroup when there is one. */
pid_t runner_tree_fork(const struct runner_tree *tree);
/* The program's process until its execve: it shares vdsorun's memory, so raw system calls only. */
struct runner_spawn {
	const char *path;
	char *const *argv, *const *envp;
	const int *close_fds;		/* vdsorun's descriptors it must not keep */
	size_t nclose;
	const sigset_t *mask;		/* the signal mask PROGRAM starts with */
	pid_t parent;
	int err;			/* set by the child: its execve failed so */
};

/* Start @sp in a CLONE_VM child (in the tree's cgroup); its pid, or -1 and errno. */
pid_t runner_tree_spawn(const struct runner_tree *tree, struct runner_spawn *sp);
/* Kill what is left in the cgroup, remove it, reap the keeper. */
void runner_tree_close(struct runner_tree *tree);

/* ---- the tracers ---- */

/* Run PROGRAM, follow its tree; each returns the wait status of the program. */
int runner_trace_exec(struct runner_vdso *rv, const struct runner_opts *opts, const char *path);	/* seize.c */
int runner_trace_always(struct runner_vdso *rv, const struct runner_opts *opts, const char *path);	/* trace.c */
/* Whether this kernel has what --trace=exec needs; if not, @why says what is missing. */
bool runner_trace_exec_available(const char **why);

#endif /* RELVDSO_RUNNER_H */
