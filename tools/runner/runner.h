/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vdsorun internals.  The runner is the userspace host of relvdso: it boots
 * the freestanding glue once, then follows a process tree with ptrace and,
 * at every execve of an i386 program, maps our vDSO into the new image and
 * rewrites its auxv before the first user instruction runs.
 */
#ifndef RELVDSO_RUNNER_H
#define RELVDSO_RUNNER_H

#include <stdbool.h>
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

struct runner_opts {
	struct relvdso_opts boot;	/* --vdso= and --entry=, handed to the glue as parsed */
	uint32_t reservetop;		/* on top of what the host reserves */
	enum relvdso_backend backend;
	enum runner_forward forward;
	const char *root;		/* chroot, or NULL */
	bool verbose;
	char **argv;			/* PROGRAM ARGS... */
};

/* ---- the glue, booted for this host (host.c) ---- */

/* A 64-bit Linux host keeps the top of a 32-bit address space; see host.c. */
#define RUNNER_HOST_RESERVE	(16u << 20)
/* The compat pages must stay above where 32-bit programs and their heaps live. */
#define RUNNER_FIXMAP_FLOOR	0x40000000u

/* The host vDSO image the forward offsets were resolved from (forward.c). */
struct runner_forward_cache {
	uint8_t *image;			/* its bytes, or NULL before the first exec */
	uint32_t size;
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
	uint32_t int80_addr;		/* an `int $0x80` the tracee can execute */
	bool poked;			/* int80_addr was written over the original bytes */
	uint8_t saved[2];
	struct user_regs_struct regs;	/* as found at the stop */
	int pending_signal;		/* a signal that arrived while we injected */
};

bool remote_open(struct tracee *t, pid_t pid);
void remote_close(struct tracee *t);
bool remote_read(struct tracee *t, uint32_t addr, void *buf, size_t len);
bool remote_write(struct tracee *t, uint32_t addr, const void *buf, size_t len);
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
void runner_forward_free(struct runner_forward_cache *c);

/* ---- exec-time installation (install.c) ---- */

/* Map our vDSO into a freshly exec'd i386 tracee and patch its auxv. */
bool runner_install(struct runner_vdso *rv, struct tracee *t, bool verbose);

/* ---- the ptrace event loop (trace.c) ---- */

/* Fork PROGRAM under ptrace and follow its tree; returns the wait status of the program. */
int runner_trace(struct runner_vdso *rv, const struct runner_opts *opts, const char *path);

#endif /* RELVDSO_RUNNER_H */
