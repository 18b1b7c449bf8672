// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which vDSO calls enter the kernel: fastpath clocksource.  A child installs
 * a seccomp filter that makes the time system calls (and getcpu) fail with
 * a marker errno without running them, then calls every vDSO function with
 * every clock id: the marker back means the function fell back to the
 * system call.  One line per function and phase,
 *
 *   RELVDSO-FASTPATH name=fastpath/PHASE/FUNCTION path=LETTERS
 *
 * one letter per clock id of rv_clock_ids (one for a function without a
 * clock): f fast, s system call, a absent.  selftest-compare.sh compares
 * them with the stock kernel's; the "fastpath" verdict compares them with
 * the model of vtime.c.  The phases: at boot, after switching to a
 * clocksource the vDSO cannot read (pit, hpet, acpi_pm: the first listed),
 * and back on the TSC, with readers (readers.c) checking the clocks on
 * every CPU throughout ("clocksource").
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#define MARK 4000	/* the errno the filter returns */
#define CS_DIR "/sys/devices/system/clocksource/clocksource0/"

static const char path_letters[] = { [RV_PATH_FAST] = 'f', [RV_PATH_SYSCALL] = 's', [RV_PATH_ABSENT] = 'a' };

/* BPF: i386 calls whose number is one of rv_tfns' get -MARK, the rest run. */
static int install_filter(void)
{
	struct sock_filter f[4 + RV_TF_COUNT + 2];
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };
	int i, n = 0;

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 1, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (i = 0; i < RV_TF_COUNT; i++)	/* to the last statement */
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, rv_tfns[i].nr, RV_TF_COUNT - i, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | MARK);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* The child: one letter per probe on fd; exit 2: no filter, 3: filter ineffective. */
static void __attribute__((noreturn)) probe_child(const struct rv_vtime *t, int fd)
{
	char out[RV_NPROBES];
	int f, c, n = 0;
	int64_t v;
	long r;

	if (install_filter())
		_exit(2);
	if (ut_int80(UT_NR_clock_gettime, 1, (long)out, 0) != -MARK)
		_exit(3);
	for (f = 0; f < RV_TF_COUNT; f++)
		for (c = 0; c < (rv_tfns[f].per_clock ? RV_NCLOCK_IDS : 1); c++) {
			r = rv_vtime_call(t, f, rv_clock_ids[c], 1, &v);
			out[n++] = path_letters[r == -RV_ABSENT ? RV_PATH_ABSENT
						: r == -MARK ? RV_PATH_SYSCALL : RV_PATH_FAST];
		}
	_exit(write(fd, out, n) == n ? 0 : 4);
}

int rv_fastpath_probe(const struct rv_vtime *t, enum rv_path paths[RV_NPROBES], char *why, size_t len)
{
	static const char *const exits[] = { "", "", "the kernel refuses a seccomp filter (no CONFIG_SECCOMP_FILTER?)",
					     "the filter did not catch clock_gettime", "pipe write failed" };
	char out[RV_NPROBES];
	int pfd[2], st, i;
	ssize_t n;
	pid_t pid;

	if (pipe(pfd))
		return snprintf(why, len, "pipe: %s", strerror(errno)), -1;
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		probe_child(t, pfd[1]);
	}
	close(pfd[1]);
	n = pid < 0 ? -1 : read(pfd[0], out, sizeof(out));
	close(pfd[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return snprintf(why, len, "fork/wait: %s", strerror(errno)), -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) || n != RV_NPROBES) {
		if (WIFEXITED(st) && WEXITSTATUS(st) > 1 && WEXITSTATUS(st) < 5)
			snprintf(why, len, "probe: %s", exits[WEXITSTATUS(st)]);
		else
			snprintf(why, len, "probe child: status 0x%x, %zd letters", st, n);
		return -1;
	}
	for (i = 0; i < RV_NPROBES; i++)
		paths[i] = out[i] == 'f' ? RV_PATH_FAST : out[i] == 's' ? RV_PATH_SYSCALL : RV_PATH_ABSENT;
	return 0;
}

int rv_fastpath_phase(const char *phase, const struct rv_vtime *t, const struct rv_time_state *s,
		      char *why, size_t len)
{
	enum rv_path paths[RV_NPROBES], want;
	char letters[RV_NCLOCK_IDS + 1];
	int f, c, n = 0, misses = 0;

	why[0] = 0;
	if (rv_fastpath_probe(t, paths, why, len))
		return 0;
	for (f = 0; f < RV_TF_COUNT; f++) {
		int nc = rv_tfns[f].per_clock ? RV_NCLOCK_IDS : 1;

		for (c = 0; c < nc; c++, n++) {
			letters[c] = path_letters[paths[n]];
			want = rv_time_expected(f, rv_clock_ids[c], s);
			if (paths[n] != want && misses++ < 6)
				rv_append(why, len, " %s(%d)=%c want %c", rv_tfns[f].name, rv_clock_ids[c],
				    letters[c], path_letters[want]);
		}
		letters[nc] = 0;
		if (phase)
			rv_out("RELVDSO-FASTPATH name=fastpath/%s/%s path=%s\n", phase, rv_tfns[f].name, letters);
	}
	if (misses > 6)
		rv_append(why, len, " and %d more", misses - 6);
	return !misses;
}

/* One line of a sysfs file into buf (no newline); 0, or -1. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ok = f && fgets(buf, len, f);

	if (f)
		fclose(f);
	if (!ok)
		return buf[0] = 0, -1;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

int rv_clocksource(char *buf, size_t len)
{
	read_line(CS_DIR "current_clocksource", buf, len);
	return !strncmp(buf, "tsc", 3);		/* tsc, tsc-early: VDSO_CLOCKMODE_TSC */
}

static int write_clocksource(const char *name)
{
	int fd = open(CS_DIR "current_clocksource", O_WRONLY);
	int ok = fd >= 0 && write(fd, name, strlen(name)) == (ssize_t)strlen(name);
	char now[64];

	if (fd >= 0)
		close(fd);
	rv_clocksource(now, sizeof(now));
	return ok && !strcmp(now, name);
}

/* Clocksources the vDSO cannot read, most common first. */
static const char *const slow_sources[] = { "pit", "hpet", "acpi_pm" };

static int listed(const char *avail, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = avail; (p = strstr(p, name)); p += n)
		if ((p == avail || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

void group_fastpath(struct rv_env *e)
{
	struct rv_time_state s = { .slow = e->time_slow || !e->vdso_base, .stock = e->suite == RV_SUITE_SELFTESTS };	/* the stock cells run that suite */
	char cs[64], avail[256], why[400], rwhy[200] = "", *slow = NULL;
	struct rv_readers *rd;
	struct rv_vtime t;
	int ok, bad;
	size_t i;

	if (!e->vdso_base) {
		SKIP("fastpath", "no vDSO");
		SKIP("clocksource", "no vDSO");
		return;
	}
	if (!e->view_ok && !vdso_view_open(&e->view, e->vdso_base))
		e->view_ok = 1;
	rv_vtime_open(e, &t);
	s.hres = rv_clocksource(cs, sizeof(cs));
	rv_out("RELVDSO-CLOCKSOURCE phase=boot %s\n", cs);
	ok = rv_fastpath_phase("boot", &t, &s, why, sizeof(why));
	if (!s.hres) {
		CHECK(ok, "fastpath", "on %s (not readable in userspace)%s%s", cs,
		      s.slow ? ", every call a system call expected" : "", why);
		SKIP("clocksource", "booted on %s: no TSC to switch from", cs);
		return;
	}
	read_line(CS_DIR "available_clocksource", avail, sizeof(avail));
	for (i = 0; i < sizeof(slow_sources) / sizeof(slow_sources[0]) && !slow; i++)
		if (listed(avail, slow_sources[i]))
			slow = (char *)slow_sources[i];
	if (!slow) {
		CHECK(ok, "fastpath", "on %s (TSC)%s", cs, why);
		FAIL("clocksource", "available: %s: none of pit hpet acpi_pm", avail);
		return;
	}
	/* tsc -> slow -> tsc while the readers check every fast clock */
	rd = rv_readers_start(&t, 0);
	bad = !rd;
	if (!write_clocksource(slow)) {
		FAIL("clocksource", "cannot switch to %s (available: %s)", slow, avail);
		bad = 2;
	}
	s.hres = rv_clocksource(avail, sizeof(avail));
	rv_out("RELVDSO-CLOCKSOURCE phase=switched %s\n", avail);
	ok &= rv_fastpath_phase("switched", &t, &s, why + strlen(why), sizeof(why) - strlen(why));
	if (!write_clocksource(cs) && bad != 2) {
		FAIL("clocksource", "cannot switch back to %s", cs);
		bad = 2;
	}
	s.hres = rv_clocksource(avail, sizeof(avail));
	rv_out("RELVDSO-CLOCKSOURCE phase=back %s\n", avail);
	ok &= rv_fastpath_phase("back", &t, &s, why + strlen(why), sizeof(why) - strlen(why));
	CHECK(ok, "fastpath", "boot %s, switched to %s, back%s", cs, slow, why);
	if (rd && rv_readers_stop(rd, rwhy, sizeof(rwhy)))
		bad = bad ? bad : 1;
	if (bad != 2)
		CHECK(!bad, "clocksource", "%s -> %s -> %s with readers on every CPU: %s", cs, slow, cs,
		      rd ? (rwhy[0] ? rwhy : "every value in order") : "readers did not start");
}
