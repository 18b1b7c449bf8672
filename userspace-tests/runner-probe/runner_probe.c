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
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

static void print_auxv(void)
{
	printf("auxv pid=%d ehdr=%#lx sysinfo=%#lx\n", (int)getpid(),
	       getauxval(AT_SYSINFO_EHDR), getauxval(AT_SYSINFO));
	fflush(stdout);
}

static void exec_auxv(void)
{
	execl("/proc/self/exe", "runner-probe", "auxv", (char *)NULL);
	_exit(127);
}

static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void *thread_forks(void *arg)
{
	pid_t pid = fork();

	(void)arg;
	if (pid == 0)
		exec_auxv();
	return (void *)(long)reap(pid);
}

static int tree(void)
{
	pthread_t t;
	void *thread_failed;
	int failed = 0;
	pid_t pid;

	print_auxv();
	pid = fork();
	if (pid == 0)
		exec_auxv();
	failed |= reap(pid);
	pid = vfork();
	if (pid == 0)
		exec_auxv();
	failed |= reap(pid);
	if (pthread_create(&t, NULL, thread_forks, NULL) != 0 || pthread_join(t, &thread_failed) != 0)
		return 1;
	return failed | (thread_failed != NULL);
}

static int orphan(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		sleep(60);
		_exit(0);
	}
	printf("orphan pid=%d\n", (int)pid);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "auxv")) {
		print_auxv();
		return 0;
	}
	if (!strcmp(cmd, "entrybytes")) {
		const unsigned char *p = (const unsigned char *)getauxval(AT_SYSINFO);
		int i;

		if (!p)
			return 1;
		printf("entry");
		for (i = 0; i < 12; i++)
			printf(" %02x", p[i]);
		printf("\n");
		return 0;
	}
	if (!strcmp(cmd, "tree"))
		return tree();
	if (!strcmp(cmd, "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(cmd, "raise") && argc > 2) {
		signal(atoi(argv[2]), SIG_DFL);
		raise(atoi(argv[2]));
		return 99;
	}
	if (!strcmp(cmd, "wait")) {
		print_auxv();
		printf("ready pid=%d\n", (int)getpid());
		fflush(stdout);
		for (;;)
			pause();
	}
	if (!strcmp(cmd, "orphan"))
		return orphan();
	fprintf(stderr, "usage: runner-probe auxv|tree|exit N|raise SIG|wait|orphan\n");
	return 2;
}
