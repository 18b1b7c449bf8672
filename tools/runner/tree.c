// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program's tree lives in a leaf cgroup (cgroup v2) that vdsorun makes
 * next to its own, so that it can die with vdsorun: processes between execs
 * are nobody's tracees, and no ptrace option kills them.  A keeper waits on
 * a pipe whose only writer is vdsorun; at EOF (vdsorun ended, however) it
 * writes cgroup.kill and removes the empty cgroup.
 *
 * The keeper shares vdsorun's memory (CLONE_VM: no page tables to copy at
 * every start-up) and so touches none of libc's state: raw system calls on
 * its own stack, every signal blocked.  So does the program's process
 * until its execve (runner_tree_spawn).  The program is born in the cgroup
 * (clone3 CLONE_INTO_CGROUP); moving a process in later costs far more.
 *
 * Where no cgroup can be made (no cgroup v2, no write access, Linux before
 * 5.14 without cgroup.kill, cgroup2 mounted elsewhere than cgroup2_mounts)
 * there is no keeper: see README "Process tree".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

#define KEEPER_STACK	16384
#define SPAWN_STACK	16384
#define RMDIR_TRIES	10000	/* x 1 ms: how long the keeper waits for the killed tree to go */

struct keeper_args {
	int alive_rd, alive_wr;
	int kill_fd, parent_fd;
	char name[64];		/* the leaf, relative to parent_fd */
};

static struct keeper_args keeper_args;
static unsigned char keeper_stack[KEEPER_STACK] __attribute__((aligned(16)));
static unsigned char spawn_stack[SPAWN_STACK] __attribute__((aligned(16)));

static long raw4(long nr, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static int keeper_main(void *arg)
{
	const struct keeper_args *k = arg;
	static const unsigned long long all_signals = ~0ull;
	static const struct timespec ms = { 0, 1000000 };
	char byte;
	int fd, i;

	raw4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&all_signals, 0, sizeof(all_signals));
	for (fd = 0; fd < 3; fd++)
		raw4(SYS_close, fd, 0, 0, 0);
	raw4(SYS_close, k->alive_wr, 0, 0, 0);
	while (raw4(SYS_read, k->alive_rd, (long)&byte, 1, 0) == -EINTR)
		;
	raw4(SYS_write, k->kill_fd, (long)"1", 1, 0);
	for (i = 0; i < RMDIR_TRIES; i++) {
		if (raw4(SYS_unlinkat, k->parent_fd, (long)k->name, AT_REMOVEDIR, 0) != -EBUSY)
			break;
		raw4(SYS_nanosleep, (long)&ms, 0, 0, 0);
	}
	raw4(SYS_exit, 0, 0, 0, 0);
	return 0;
}

/*
 * clone3 onto @ca's stack: the child runs @fn(@arg) and exits with what it
 * returns; only the parent returns (the child's pid, or -errno).
 */
static long clone3_run(struct clone_args *ca, int (*fn)(void *), void *arg)
{
	register int (*r12)(void *) __asm__("r12") = fn;
	register void *r13 __asm__("r13") = arg;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "movq %%r13, %%rdi\n\t"
			 "callq *%%r12\n\t"
			 "movl %%eax, %%edi\n\t"
			 "movl %[exit], %%eax\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone3), "D"(ca), "S"(sizeof(*ca)), "r"(r12), "r"(r13),
			   [exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

static int spawn_main(void *arg)
{
	struct runner_spawn *sp = arg;
	size_t i;
	long r;

	/* vdsorun gone before this line: do not run unwatched */
	if (raw4(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0) != 0 ||
	    raw4(SYS_getppid, 0, 0, 0, 0) != sp->parent)
		return RUNNER_EXIT_FAILURE;
	for (i = 0; i < sp->nclose; i++)
		raw4(SYS_close, sp->close_fds[i], 0, 0, 0);
	raw4(SYS_rt_sigprocmask, SIG_SETMASK, (long)sp->mask, 0, sizeof(long));
	r = raw4(SYS_execve, (long)sp->path, (long)sp->argv, (long)sp->envp, 0);
	sp->err = (int)-r;
	return runner_exec_failure(sp->err);
}

/* Where cgroup v2 is mounted: unified (systemd's default), or hybrid. */
static const char *const cgroup2_mounts[] = { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" };

/* Our cgroup v2 directory: the "0::" line of /proc/self/cgroup, under the cgroup2 mount. */
static bool own_cgroup(char *out, size_t len)
{
	char buf[4096], *rel;
	struct statfs fs;
	ssize_t n = -1;
	size_t i;
	int fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	rel = strstr(buf, "0::");
	if (rel != buf && (!rel || rel[-1] != '\n'))
		return false;
	rel += 3;
	rel[strcspn(rel, "\n")] = '\0';
	for (i = 0; i < sizeof(cgroup2_mounts) / sizeof(cgroup2_mounts[0]); i++) {
		if (statfs(cgroup2_mounts[i], &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC) {
			int n = snprintf(out, len, "%s%s", cgroup2_mounts[i], strcmp(rel, "/") ? rel : "");

			return n > 0 && (size_t)n < len;
		}
	}
	return false;
}

bool runner_tree_open(struct runner_tree *tree)
{
	struct keeper_args *k = &keeper_args;
	char parent[4096];
	unsigned int nonce;
	int alive[2];

	tree->dir_fd = tree->alive_fd = -1;
	tree->keeper = 0;
	if (!own_cgroup(parent, sizeof(parent)))
		return false;
	/* not the pid alone: a reused pid may meet the cgroup an earlier keeper still empties */
	if (getrandom(&nonce, sizeof(nonce), GRND_NONBLOCK) != sizeof(nonce))
		nonce = (unsigned int)clock();
	snprintf(k->name, sizeof(k->name), "vdsorun-%d-%08x", (int)getpid(), nonce);
	k->parent_fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (k->parent_fd < 0)
		return false;
	if (mkdirat(k->parent_fd, k->name, 0755) != 0)
		goto no_dir;
	tree->dir_fd = openat(k->parent_fd, k->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	k->kill_fd = tree->dir_fd < 0 ? -1 : openat(tree->dir_fd, "cgroup.kill", O_WRONLY | O_CLOEXEC);
	if (k->kill_fd < 0 || pipe2(alive, O_CLOEXEC) != 0)
		goto no_keeper;
	k->alive_rd = alive[0];
	k->alive_wr = alive[1];
	tree->keeper = clone(keeper_main, keeper_stack + sizeof(keeper_stack), CLONE_VM | SIGCHLD, k);
	close(alive[0]);
	if (tree->keeper < 0) {
		close(alive[1]);
		goto no_keeper;
	}
	tree->alive_fd = alive[1];
	return true;

no_keeper:
	if (k->kill_fd >= 0)
		close(k->kill_fd);
	if (tree->dir_fd >= 0)
		close(tree->dir_fd);
	unlinkat(k->parent_fd, k->name, AT_REMOVEDIR);
	tree->dir_fd = -1;
	tree->keeper = 0;
no_dir:
	close(k->parent_fd);
	return false;
}

/* clone3's arguments for a child born in the tree's cgroup, when there is one. */
static void child_args(const struct runner_tree *tree, unsigned long long flags, struct clone_args *ca)
{
	memset(ca, 0, sizeof(*ca));
	ca->flags = flags | (tree->dir_fd >= 0 ? CLONE_INTO_CGROUP : 0);
	ca->exit_signal = SIGCHLD;
	ca->cgroup = tree->dir_fd >= 0 ? (unsigned long long)tree->dir_fd : 0;
}

pid_t runner_tree_fork(const struct runner_tree *tree)
{
	struct clone_args ca;

	if (tree->dir_fd < 0)
		return fork();
	child_args(tree, 0, &ca);	/* clone3 (5.3) is there: --trace=exec needs 5.19 */
	return (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
}

pid_t runner_tree_spawn(const struct runner_tree *tree, struct runner_spawn *sp)
{
	struct clone_args ca;
	long pid;

	child_args(tree, CLONE_VM, &ca);
	ca.stack = (unsigned long long)(uintptr_t)spawn_stack;
	ca.stack_size = sizeof(spawn_stack);
	sp->err = 0;
	pid = clone3_run(&ca, spawn_main, sp);
	if (pid < 0) {
		errno = (int)-pid;
		return -1;
	}
	return (pid_t)pid;
}

/*
 * Remove the empty cgroups of vdsorun runs whose keeper was killed too
 * (`pkill -f` matches the keeper, which shows vdsorun's command line): one
 * whose pid is gone; rmdir refuses a cgroup that still holds a process.
 */
static void sweep_stale(int parent_fd)
{
	int fd = dup(parent_fd);
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	int pid;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL)
		if (sscanf(e->d_name, "vdsorun-%d", &pid) == 1 && pid > 0 &&
		    kill(pid, 0) != 0 && errno == ESRCH)
			unlinkat(parent_fd, e->d_name, AT_REMOVEDIR);
	closedir(dir);
}

/*
 * vdsorun has reaped the tree: the cgroup is empty, or about to be (an
 * exited task leaves it a little later).  vdsorun removes it if it can; the
 * keeper, woken by the pipe's EOF, retries and exits on its own: waiting
 * for it would cost every run a process exit and, now and then, a retry.
 */
void runner_tree_close(struct runner_tree *tree)
{
	if (tree->keeper <= 0)
		return;
	close(tree->alive_fd);
	unlinkat(keeper_args.parent_fd, keeper_args.name, AT_REMOVEDIR);
	sweep_stale(keeper_args.parent_fd);
	close(tree->dir_fd);
	close(keeper_args.kill_fd);
	close(keeper_args.parent_fd);
	tree->keeper = 0;
}
