// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner issue's userspace consumers, when make-initramfs.sh packed
 * them into /tests: legacy-probe, the libc consumers, Linux's vDSO
 * selftests, and a chroot into a trimmed Debian i386 root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "init.h"

/* The consumers' --expect= value, indexed by enum ut_mode. */
static const char *const expect_names[] = { "compat", "normal", "none" };

static const char *const consumers[] = {
	"vdso-glibc", "vdso-glibc-static", "vdso-musl", "vdso-go", "vdso-dietlibc", "vdso-klibc",
};
static const char *const selftests[] = {
	"vdso_test_abi", "vdso_test_clock_getres", "vdso_test_correctness",
	"vdso_test_getcpu", "vdso_test_gettimeofday", "vdso_standalone_test_x86",
};

static int have(const char *path)
{
	return access(path, X_OK) == 0;
}

static int count(const char *haystack, const char *needle)
{
	int n = 0;

	for (; (haystack = strstr(haystack, needle)); haystack++)
		n++;
	return n;
}

/* Its own ELF reader (one libc's on purpose): a verdict per mode. */
static void test_legacy_probe(const struct rv_env *e)
{
	static const struct { const char *verdict; int rc; } want[] = {
		[UT_COMPAT] = { "verdict=compat-ok", 0 },
		[UT_NORMAL] = { "verdict=mismatch", 1 },
		[UT_NONE] = { "verdict=no-vdso", 0 },
	};
	const char *argv[] = { "/tests/legacy-probe", NULL };
	const char *want_at = NULL;
	struct rv_run r;
	char at[64];
	int ok;

	if (!have(argv[0])) {
		SKIP("legacy-probe", "not in the initramfs");
		return;
	}
	if (e->mode == UT_COMPAT) {
		snprintf(at, sizeof(at), "AT_SYSINFO_EHDR 0x%08lx", e->base);
		want_at = at;
	}
	rv_run(NULL, argv, &r);
	ok = r.status == want[e->mode].rc && strstr(r.output, want[e->mode].verdict) &&
	     (!want_at || strstr(r.output, want_at));
	CHECK(ok, "legacy-probe", "exit %d (want %d), want %s%s%s; last line: %s", r.status,
	      want[e->mode].rc, want[e->mode].verdict, want_at ? " and " : "", want_at ? want_at : "",
	      r.last);
}

/* glibc (dynamic, static), musl, Go: --expect=... --addr=... --entry=... --host=kernel */
static void test_consumer(const struct rv_env *e, const char *name)
{
	char path[64], expect[32], addr[32], entry[32];
	const char *argv[6] = { path, expect, "--host=kernel", NULL, NULL, NULL };
	struct rv_run r;
	size_t len;
	int i = 3;

	snprintf(path, sizeof(path), "/tests/%s", name);
	if (!have(path)) {
		SKIP(name, "not in the initramfs");
		return;
	}
	snprintf(expect, sizeof(expect), "--expect=%s", expect_names[e->mode]);
	if (e->mode == UT_COMPAT) {
		snprintf(addr, sizeof(addr), "--addr=0x%08lx", e->base);
		argv[i++] = addr;
	}
	if (e->mode != UT_NONE) {
		snprintf(entry, sizeof(entry), "--entry=%s", ut_entry_name(e->entry));
		argv[i++] = entry;
	}
	rv_run(NULL, argv, &r);
	len = strlen(r.last);
	CHECK(r.status == 0 && len >= 6 && !strcmp(r.last + len - 6, ": PASS"), name,
	      "exit %d, last line: %s", r.status, r.last);
}

/* Linux's tools/testing/selftests/vDSO, built -m32: exit 0, or 4 = skip. */
static void test_selftest(const struct rv_env *e, const char *name)
{
	char path[96], tname[96];
	const char *argv[] = { path, NULL };
	struct rv_run r;

	snprintf(path, sizeof(path), "/tests/selftests/%s", name);
	snprintf(tname, sizeof(tname), "selftest-%s", name);
	if (!have(path)) {
		SKIP(tname, "not in the initramfs");
		return;
	}
	rv_run(NULL, argv, &r);
	if (r.status != 0 && e->mode == UT_NONE)
		SKIP(tname, "no vDSO (exit %d%s): %s", r.status, r.status == 4 ? ", kselftest skip" : "",
		     r.last);
	else
		CHECK(r.status == 0, tname, "exit %d, last line: %s", r.status, r.last);
}

/*
 * A Debian i386 root (trimmed) entered with chroot: a shell runs coreutils
 * in pipelines and nested shells; every process must see the vDSO the
 * mode promises ([vdso] at the compat address, or a [vdso], or none).
 */
static void test_chroot(const struct rv_env *e)
{
	const char *argv[] = { "/bin/sh", "-c",
		"cat /proc/self/maps | grep -F '[vdso]' | sed 's/^/cat: /'; "
		"head -n 1000 /proc/self/maps | grep -F '[vdso]' | sed 's/^/head: /'; "
		"sh -c \"sort /proc/self/maps | grep -F '[vdso]'\" | sed 's/^/sort-in-sh: /'; "
		"echo \"ls-count: $(ls / | sort | wc -l)\"; uname -m", NULL };
	char what[256], want[64];
	struct rv_run r;
	int n = 0, lines;
	const char *p;

	if (access("/chroot/bin/sh", X_OK)) {
		SKIP("chroot", "no chroot in the initramfs");
		return;
	}
	mount("proc", "/chroot/proc", "proc", 0, NULL);
	rv_run("/chroot", argv, &r);
	umount("/chroot/proc");
	if (r.status < 0) {
		FAIL("chroot", "cannot run /bin/sh in /chroot");
		return;
	}
	p = strstr(r.output, "ls-count: ");
	if (p)
		n = atoi(p + 10);
	lines = count(r.output, "[vdso]");
	snprintf(what, sizeof(what), "sh exit %d, ls / | sort | wc -l = %d, %d [vdso] lines in cat/head/sort-in-sh",
		 r.status, n, lines);
	snprintf(want, sizeof(want), ": %08lx-", e->base);
	if (r.status != 0 || n < 3 || !strstr(r.output, "i686"))
		FAIL("chroot", "%s", what);
	else if (e->mode == UT_NONE)
		CHECK(lines == 0, "chroot", "%s (want none)", what);
	else if (e->mode == UT_COMPAT)
		CHECK(lines == 3 && count(r.output, want) == 3, "chroot", "%s, %d of them at 0x%08lx",
		      what, count(r.output, want), e->base);
	else
		CHECK(lines == 3, "chroot", "%s", what);
}

void group_userspace(struct rv_env *e)
{
	size_t i;

	test_legacy_probe(e);
	for (i = 0; i < sizeof(consumers) / sizeof(consumers[0]); i++)
		test_consumer(e, consumers[i]);
	for (i = 0; i < sizeof(selftests) / sizeof(selftests[0]); i++)
		test_selftest(e, selftests[i]);
	test_chroot(e);
}
