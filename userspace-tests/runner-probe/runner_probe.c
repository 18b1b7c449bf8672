// SPDX-License-Identifier: GPL-2.0-only
/*
 * runner-probe: an i386 program whose sub-commands exercise what vdsorun
 * must get right about processes, not about the vDSO's contents:
 *
 *   auxv            print "auxv pid=P ehdr=0x... sysinfo=0x..."
 *   entrybytes      print "entry XX XX ..." : the first 12 bytes at AT_SYSINFO
 *   tree            print auxv, then fork, vfork, a thread and a fork from
 *                   that thread each exec "auxv" (so every child reports)
 *   exit N          exit with status N
 *   raise SIG       die by signal SIG
 *   wait            print auxv, then "ready pid=P", then sleep until a
 *                   signal ends us (meanwhile /proc/P/maps can be read)
 *   orphan          fork a child that sleeps 60 s, print its pid, exit 0
 *   exec PATH ARG.. execv(PATH, {PATH, ARG...}): a later exec, of anything
 *   ids             print "ids ruid=R euid=E"
 *   tracer          print "tracer pid=P tracerpid=T" (from /proc/self/status)
 *   pathsearch NAME print "tracer ..." after an execvp of a name found
 *                   nowhere on PATH, then execvp NAME tracer
 *   thread-exec     print "main pid=P"; a second thread execs "auxv"
 *   vfork-exec      a vfork child execs "auxv"; exit with its status
 *   daemon FILE     double fork: the grandchild (a new session, orphaned)
 *                   waits 100 ms and execs "auxv-file FILE"; we wait up to
 *                   5 s for FILE, print it, exit 0 (1 if it never came)
 *   auxv-file FILE  write the auxv line to FILE (whole: through a rename)
 *   execstorm N     print "ready pid=P", then exec ourselves N times; exit 0
 *   forktree D      fork two children that exec "forktree D-1"; at depth 0
 *                   exec ourselves 20 times, then sleep until killed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SELF		"/proc/self/exe"
#define DAEMON_DELAY_MS	100
#define DAEMON_WAIT_MS	5000
#define LEAF_EXECS	"20"

static void print_auxv(FILE *f)
{
	fprintf(f, "auxv pid=%d ehdr=%#lx sysinfo=%#lx\n", (int)getpid(),
		getauxval(AT_SYSINFO_EHDR), getauxval(AT_SYSINFO));
	fflush(f);
}

/* Exec ourselves with @args (NULL-terminated, after argv[0]); 127 if that fails. */
static void __attribute__((noreturn)) exec_self(const char *const *args)
{
	char *argv[8] = { "runner-probe" };
	int i;

	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = (char *)args[i];
	execv(SELF, argv);
	_exit(127);
}

static void __attribute__((noreturn)) exec_auxv(void)
{
	exec_self((const char *[]){ "auxv", NULL });
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void __attribute__((noreturn)) sleep_until_killed(void)
{
	for (;;)
		pause();
}

static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int do_auxv(char **args)
{
	(void)args;
	print_auxv(stdout);
	return 0;
}

static int do_entrybytes(char **args)
{
	const unsigned char *p = (const unsigned char *)getauxval(AT_SYSINFO);
	int i;

	(void)args;
	if (!p)
		return 1;
	printf("entry");
	for (i = 0; i < 12; i++)
		printf(" %02x", p[i]);
	printf("\n");
	return 0;
}

static int do_vfork_exec(char **args)
{
	pid_t pid = vfork();

	(void)args;
	if (pid == 0)
		exec_auxv();
	return reap(pid);
}

static void *thread_forks(void *arg)
{
	pid_t pid = fork();

	(void)arg;
	if (pid == 0)
		exec_auxv();
	return (void *)(long)reap(pid);
}

static int do_tree(char **args)
{
	pthread_t t;
	void *thread_failed;
	int failed = 0;
	pid_t pid;

	(void)args;
	print_auxv(stdout);
	pid = fork();
	if (pid == 0)
		exec_auxv();
	failed |= reap(pid);
	failed |= do_vfork_exec(NULL);
	if (pthread_create(&t, NULL, thread_forks, NULL) != 0 || pthread_join(t, &thread_failed) != 0)
		return 1;
	return failed | (thread_failed != NULL);
}

static int do_exit(char **args)
{
	return atoi(args[0]);
}

static int do_raise(char **args)
{
	signal(atoi(args[0]), SIG_DFL);
	raise(atoi(args[0]));
	return 99;
}

static int do_wait(char **args)
{
	(void)args;
	print_auxv(stdout);
	printf("ready pid=%d\n", (int)getpid());
	fflush(stdout);
	sleep_until_killed();
}

static int do_orphan(char **args)
{
	pid_t pid = fork();

	(void)args;
	if (pid == 0) {
		sleep(60);
		_exit(0);
	}
	printf("orphan pid=%d\n", (int)pid);
	fflush(stdout);
	return 0;
}

static int do_exec(char **args)
{
	execv(args[0], args);
	perror(args[0]);
	return 127;
}

static int do_ids(char **args)
{
	(void)args;
	printf("ids ruid=%d euid=%d\n", (int)getuid(), (int)geteuid());
	return 0;
}

static int do_tracer(char **args)
{
	char line[256];
	int tracer = -1;
	FILE *f = fopen("/proc/self/status", "re");

	(void)args;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %d", &tracer) == 1)
			break;
	if (f)
		fclose(f);
	printf("tracer pid=%d tracerpid=%d\n", (int)getpid(), tracer);
	fflush(stdout);
	return tracer < 0;
}

static int do_pathsearch(char **args)
{
	execlp("relvdso-found-nowhere", "relvdso-found-nowhere", (char *)NULL);
	if (errno != ENOENT)
		return 1;
	do_tracer(NULL);
	execlp(args[0], args[0], "tracer", (char *)NULL);
	return 127;
}

static void *thread_execs(void *arg)
{
	(void)arg;
	exec_auxv();
	return NULL;
}

static int do_thread_exec(char **args)
{
	pthread_t t;

	(void)args;
	printf("main pid=%d\n", (int)getpid());
	fflush(stdout);
	if (pthread_create(&t, NULL, thread_execs, NULL) != 0)
		return 1;
	pthread_join(t, NULL);	/* the exec ends this thread with the others */
	return 1;
}

static int do_daemon(char **args)
{
	char line[256] = "";
	FILE *f = NULL;
	pid_t pid = fork();
	int waited;

	if (pid == 0) {
		setsid();
		if (fork() == 0) {
			sleep_ms(DAEMON_DELAY_MS);
			exec_self((const char *[]){ "auxv-file", args[0], NULL });
		}
		_exit(0);
	}
	if (reap(pid))
		return 1;
	for (waited = 0; waited < DAEMON_WAIT_MS && !(f = fopen(args[0], "re")); waited += 10)
		sleep_ms(10);
	if (!f)
		return 1;
	if (fgets(line, sizeof(line), f))
		fputs(line, stdout);
	fclose(f);
	return line[0] == '\0';
}

static int do_auxv_file(char **args)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.part", args[0]);
	f = fopen(tmp, "we");
	if (!f)
		return 1;
	print_auxv(f);
	return fclose(f) != 0 || rename(tmp, args[0]) != 0;
}

/* "storm K": K more execs of ourselves; "storm K pause": then sleep until killed. */
static int do_storm(char **args)
{
	char next[16];

	if (atoi(args[0]) > 0) {
		snprintf(next, sizeof(next), "%d", atoi(args[0]) - 1);
		exec_self((const char *[]){ "storm", next, args[1], NULL });
	}
	if (args[1])
		sleep_until_killed();
	return 0;
}

static int do_execstorm(char **args)
{
	printf("ready pid=%d\n", (int)getpid());
	fflush(stdout);
	exec_self((const char *[]){ "storm", args[0], NULL });
	return 127;
}

static int do_forktree(char **args)
{
	char below[16];
	int i;

	if (atoi(args[0]) <= 0)
		exec_self((const char *[]){ "storm", LEAF_EXECS, "pause", NULL });
	snprintf(below, sizeof(below), "%d", atoi(args[0]) - 1);
	for (i = 0; i < 2; i++)
		if (fork() == 0)
			exec_self((const char *[]){ "forktree", below, NULL });
	sleep_until_killed();
}

static const struct mode {
	const char *name;
	int args;		/* at least this many after the name */
	int (*run)(char **args);
} modes[] = {
	{ "auxv", 0, do_auxv },
	{ "entrybytes", 0, do_entrybytes },
	{ "tree", 0, do_tree },
	{ "exit", 1, do_exit },
	{ "raise", 1, do_raise },
	{ "wait", 0, do_wait },
	{ "orphan", 0, do_orphan },
	{ "exec", 1, do_exec },
	{ "ids", 0, do_ids },
	{ "tracer", 0, do_tracer },
	{ "pathsearch", 1, do_pathsearch },
	{ "thread-exec", 0, do_thread_exec },
	{ "vfork-exec", 0, do_vfork_exec },
	{ "daemon", 1, do_daemon },
	{ "auxv-file", 1, do_auxv_file },
	{ "storm", 1, do_storm },
	{ "execstorm", 1, do_execstorm },
	{ "forktree", 1, do_forktree },
};

int main(int argc, char **argv)
{
	size_t i;

	for (i = 0; argc > 1 && i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name) && argc - 2 >= modes[i].args)
			return modes[i].run(argv + 2);
	fprintf(stderr, "usage: runner-probe MODE [ARGS] (modes: see runner_probe.c)\n");
	return 2;
}
