// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdsorun against hostile targets, and the safety of the mappings it makes.
 *
 * "targets": copies of runner-probe with broken ELF headers (truncated,
 * program headers past the file, p_filesz > p_memsz, wrapping, overlapping,
 * out-of-order, page-incongruent or huge segments, missing / non-ELF /
 * 64-bit / unterminated interpreter): each must be refused with its exit
 * code and message, before anything runs.  Then programs that die by a real
 * fault and that fork a tree and exit.  Every run is bounded (a hang fails
 * the test) and must leave no process behind (a zombie counts as dead: it
 * may be reparented to a pid 1 that does not reap).
 *
 * "mapping": the vDSO page is r-xp in /proc/PID/maps and a store into it
 * faults; normal-mode placement over 200 runs has >= 8 bits of entropy
 * (estimators explained at entropy_of_placement and in docs/fuzzing.md).
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "elf_fixture.h"
#include "proc_run.h"
#include "vdso_testutil.h"

static char vdsorun[512], helper[512], probe[512];
static char scratch[64];

static void setup(void)
{
	snprintf(vdsorun, sizeof(vdsorun), "%s", build_path("bin/vdsorun"));
	snprintf(helper, sizeof(helper), "%s", build_path("userspace-tests/mapping-safety"));
	snprintf(probe, sizeof(probe), "%s", build_path("userspace-tests/runner-probe"));
	snprintf(scratch, sizeof(scratch), "/tmp/rvh-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void teardown(void)
{
	remove_flat_dir(scratch);
}

/* No live process runs a program from our scratch directory. */
static void assert_no_leftovers(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		char path[300], cmd[512] = "";
		pid_t pid = (pid_t)atoi(e->d_name);
		FILE *f;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(cmd, sizeof(cmd), f))
			cmd[0] = '\0';
		fclose(f);
		if (strstr(cmd, scratch))
			assert_proc_gone(pid);
	}
	closedir(d);
}

/* ---- hostile targets -------------------------------------------------- */

static void write_file(const char *name, const void *data, size_t len, mode_t mode, char *path)
{
	FILE *f;

	sprintf(path, "%s/%s", scratch, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	ck_assert_int_eq(chmod(path, mode), 0);
}

/* The @nth PT_LOAD. */
static Elf32_Phdr *load(struct elf_image *t, unsigned int nth)
{
	return elf_phdr(t, PT_LOAD, nth);
}

/* PT_INTERP := @path (its bytes must fit where the old one was). */
static void set_interp(struct elf_image *t, const char *path, bool terminate)
{
	Elf32_Phdr *ph = elf_phdr(t, PT_INTERP, 0);
	size_t len = strlen(path) + (terminate ? 1 : 0);

	ck_assert_uint_le(len, ph->p_filesz);
	memcpy(t->data + ph->p_offset, path, len);
	ph->p_filesz = (uint32_t)len;
	ph->p_memsz = (uint32_t)len;
}

struct hostile {
	const char *name;
	void (*patch)(struct elf_image *t);
	int code;
	const char *message;
};

#define PATCH(name, body) \
	static void patch_##name(struct elf_image *t) { body; }

PATCH(short_header, t->size = 30)
PATCH(header_only, t->size = sizeof(Elf32_Ehdr))
PATCH(half_the_phdrs,
      t->size = elf_ehdr(t)->e_phoff + sizeof(Elf32_Phdr) * (elf_ehdr(t)->e_phnum / 2))
PATCH(phdrs_past_file, elf_ehdr(t)->e_phoff = (uint32_t)t->size + 64)
PATCH(segment_past_file, load(t, 3)->p_filesz = 0x100000; load(t, 3)->p_memsz = 0x100000)
PATCH(filesz_gt_memsz, load(t, 1)->p_filesz = load(t, 1)->p_memsz + 16)
PATCH(wrapping_segment, load(t, 3)->p_vaddr = 0xfffff000; load(t, 3)->p_memsz = 0x2000)
/* text grown over rodata: byte ranges overlap, offsets stay page-congruent */
PATCH(overlapping_segments, load(t, 1)->p_memsz = 0x1800)
PATCH(segments_out_of_order,
      Elf32_Phdr tmp = *load(t, 1); *load(t, 1) = *load(t, 2); *load(t, 2) = tmp)
/* vaddr moved half a page: the kernel would map it over the text */
PATCH(incongruent_segment, load(t, 2)->p_vaddr -= 0x800)
PATCH(huge_memsz, load(t, 3)->p_memsz = 0xf0000000)
PATCH(missing_interpreter, set_interp(t, "/lib/ld-nothere.so", true))
PATCH(text_interpreter, char p[sizeof(scratch) + 8]; snprintf(p, sizeof(p), "%s/t", scratch);
      set_interp(t, p, true))
PATCH(elf64_interpreter, set_interp(t, "/bin/true", true))
PATCH(unterminated_interpreter, set_interp(t, "/lib/ld-linux.so.2", false))

#undef PATCH

static const struct hostile hostiles[] = {
#define H(name, code, msg)	{ #name, patch_##name, code, msg }
	H(short_header, 126, "not an ELF executable"),
	H(header_only, 126, "malformed ELF: program headers unreadable"),
	H(half_the_phdrs, 126, "malformed ELF: program headers extend past the end of the file"),
	H(phdrs_past_file, 126, "malformed ELF: program headers unreadable"),
	H(segment_past_file, 126, "malformed ELF: a segment extends past the end of the file"),
	H(filesz_gt_memsz, 126, "malformed ELF: a segment's file size exceeds its memory size"),
	H(wrapping_segment, 126, "malformed ELF: a segment wraps past 4 GiB"),
	H(overlapping_segments, 126, "malformed ELF: loadable segments overlap or are out of order"),
	H(segments_out_of_order, 126, "malformed ELF: loadable segments overlap or are out of order"),
	H(incongruent_segment, 126,
	  "malformed ELF: a loadable segment's offset and address differ modulo the page size"),
	H(huge_memsz, 126, "malformed ELF: loadable segments span more than 3 GiB"),
	H(missing_interpreter, 127, "ELF interpreter /lib/ld-nothere.so not found"),
	H(text_interpreter, 126, "/t is unusable: not an ELF executable"),
	H(elf64_interpreter, 126, "ELF interpreter /bin/true is unusable: a 64-bit ELF program"),
	H(unterminated_interpreter, 126, "malformed ELF: PT_INTERP is not an absolute path"),
#undef H
};

START_TEST(hostile_target_is_refused)
{
	const struct hostile *h = &hostiles[_i];
	struct elf_image t = elf_load(probe);
	char path[300], text[300], expect[512];
	char *argv[] = { vdsorun, path, "exit", "0", NULL };
	struct run *r;

	write_file("t", "hello\n", 6, 0755, text);
	h->patch(&t);
	write_file(h->name, t.data, t.size, 0755, path);
	free(t.data);

	r = run_argv(argv);
	snprintf(expect, sizeof(expect), "vdsorun: %s: ", path);
	ck_assert_msg(run_exit_code(r) == h->code, "%s: status %#x, wanted exit %d; err: %s",
		      h->name, r->status, h->code, r->err);
	ck_assert_msg(strstr(r->err, expect) && strstr(r->err, h->message),
		      "%s: stderr lacks '%s...%s': %s", h->name, expect, h->message, r->err);
	ck_assert_msg(!strchr(strchr(r->err, '\n') + 1, '\n'), "%s: more than one line: %s",
		      h->name, r->err);
	ck_assert_str_eq(r->out, "");
	assert_no_leftovers();
}
END_TEST

/* The untouched copy runs: the patches, not the copying, are what is refused. */
START_TEST(unpatched_copy_runs)
{
	struct elf_image t = elf_load(probe);
	char path[300];
	char *argv[] = { vdsorun, path, "exit", "7", NULL };

	write_file("probe", t.data, t.size, 0755, path);
	free(t.data);
	ck_assert_int_eq(run_exit_code(run_argv(argv)), 7);
}
END_TEST

START_TEST(target_dying_by_a_fault)
{
	static const char *const modes[] = { "--vdso=0", "--vdso=1", "--vdso=compat" };

	for (unsigned i = 0; i < 3; i++) {
		char *argv[] = { vdsorun, (char *)modes[i], helper, "segv", NULL };
		struct run *r = run_argv(argv);

		ck_assert_msg(WIFSIGNALED(r->status) && WTERMSIG(r->status) == SIGSEGV,
			      "%s: status %#x err %s", modes[i], r->status, r->err);
		ck_assert(!WCOREDUMP(r->status));
	}
}
END_TEST

START_TEST(target_forking_a_tree_and_exiting)
{
	static const char *const modes[] = { "--vdso=1", "--vdso=compat" };

	for (unsigned m = 0; m < 2; m++) {
		char *argv[] = { vdsorun, (char *)modes[m], helper, "forktree", "3", "3", NULL };
		struct run *r = run_argv(argv);
		const char *p = r->out;
		int n = 0, pid;

		ck_assert_msg(run_exit_code(r) == 0, "%s: status %#x err %s", modes[m], r->status, r->err);
		ck_assert_ptr_nonnull(strstr(r->out, "tree done processes=39"));
		while ((p = strstr(p, "child pid=")) && sscanf(p, "child pid=%d", &pid) == 1) {
			assert_proc_gone(pid);
			n++;
			p++;
		}
		ck_assert_int_eq(n, 39);
		ck_assert_msg(r->seconds < 10, "%s: took %.1f s", modes[m], r->seconds);
	}
}
END_TEST

/* ---- mapping safety --------------------------------------------------- */

START_TEST(vdso_page_is_never_writable)
{
	static const char *const modes[] = { "--vdso=1", "--vdso=compat" };

	for (unsigned m = 0; m < 2; m++) {
		char *maps[] = { vdsorun, (char *)modes[m], helper, "maps", NULL };
		char *store[] = { vdsorun, (char *)modes[m], helper, "write", NULL };
		unsigned long ehdr = 0;
		char perms[8] = "";
		struct run *r = run_argv(maps);

		ck_assert_msg(run_exit_code(r) == 0, "%s: %s %s", modes[m], r->out, r->err);
		ck_assert_int_eq(sscanf(r->out, "maps ehdr=%lx perms=%7s", &ehdr, perms), 2);
		ck_assert_uint_ne(ehdr, 0);
		ck_assert_uint_eq(ehdr % 4096, 0);
		ck_assert_msg(!strcmp(perms, "r-xp"), "%s: vDSO at %lx mapped %s", modes[m], ehdr, perms);

		r = run_argv(store);
		ck_assert_ptr_nonnull(strstr(r->out, "writing to"));
		ck_assert_msg(!strstr(r->out, "write succeeded"), "%s: the vDSO took a store", modes[m]);
		ck_assert_msg(WIFSIGNALED(r->status) && WTERMSIG(r->status) == SIGSEGV,
			      "%s: status %#x", modes[m], r->status);
	}
}
END_TEST

#define PLACEMENT_RUNS	200
#define PAGE_LO		0xc0000000ul	/* the runner's normal-mode window */
#define PAGE_HI		0xf0000000ul

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * Entropy of the placement SOURCE from 200 samples.  Counting distinct
 * values cannot show more than log2(200) = 7.64 bits, however good the
 * source, so three figures are printed and two asserted:
 *  - collision (Renyi-2) entropy: H2 = -log2 P(two runs collide), estimated
 *    as log2(pairs / max(collisions, 1)) over the 19900 pairs; no collision
 *    gives the bound log2(19900) = 14.3 bits.  A source with only 8 bits
 *    would collide ~78 times here and score ~8.
 *  - span: log2 of the number of pages between the lowest and highest
 *    address seen (a source confined to 256 pages cannot exceed 8).
 *  - distinct count and log2 of it, for reference.
 */
START_TEST(normal_placement_is_random)
{
	unsigned long page[PLACEMENT_RUNS];
	unsigned long pairs = PLACEMENT_RUNS * (PLACEMENT_RUNS - 1) / 2, collisions = 0;
	unsigned long run_len = 1;
	int distinct = 1;
	double h2, span;

	for (int i = 0; i < PLACEMENT_RUNS; i++) {
		char *argv[] = { vdsorun, "--vdso=1", helper, "ehdr", NULL };
		struct run *r = run_argv(argv);
		unsigned long ehdr = 0;

		ck_assert_int_eq(run_exit_code(r), 0);
		ck_assert_int_eq(sscanf(r->out, "ehdr=%lx", &ehdr), 1);
		ck_assert_uint_eq(ehdr % 4096, 0);
		ck_assert_msg(ehdr >= PAGE_LO && ehdr < PAGE_HI, "ehdr %lx outside the window", ehdr);
		page[i] = ehdr / 4096;
	}
	qsort(page, PLACEMENT_RUNS, sizeof(page[0]), cmp_ulong);
	for (int i = 1; i <= PLACEMENT_RUNS; i++) {
		if (i < PLACEMENT_RUNS && page[i] == page[i - 1]) {
			run_len++;
			continue;
		}
		collisions += run_len * (run_len - 1) / 2;
		if (i < PLACEMENT_RUNS)
			distinct++;
		run_len = 1;
	}
	h2 = log2((double)pairs / (double)(collisions ? collisions : 1));
	span = log2((double)(page[PLACEMENT_RUNS - 1] - page[0] + 1));
	printf("normal-mode placement over %d runs: %d distinct pages (log2 %.2f), %lu colliding pairs,"
	       " collision entropy >= %.2f bits, span %.2f bits (window: %.2f bits)\n",
	       PLACEMENT_RUNS, distinct, log2(distinct), collisions, h2, span,
	       log2((double)((PAGE_HI - PAGE_LO) / 4096)));
	fflush(stdout);
	ck_assert_msg(h2 >= 8.0, "collision entropy %.2f bits < 8", h2);
	ck_assert_msg(span >= 8.0, "placements span only %.2f bits", span);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("hardening");
	TCase *targets = tcase_create("targets");
	TCase *mapping = tcase_create("mapping");

	tcase_add_checked_fixture(targets, setup, teardown);
	tcase_add_checked_fixture(mapping, setup, teardown);
	tcase_set_timeout(targets, 60);
	tcase_set_timeout(mapping, 240);
	tcase_add_loop_test(targets, hostile_target_is_refused, 0,
			    (int)(sizeof(hostiles) / sizeof(hostiles[0])));
	tcase_add_test(targets, unpatched_copy_runs);
	tcase_add_test(targets, target_dying_by_a_fault);
	tcase_add_test(targets, target_forking_a_tree_and_exiting);
	tcase_add_test(mapping, vdso_page_is_never_writable);
	tcase_add_test(mapping, normal_placement_is_random);
	suite_add_tcase(s, targets);
	suite_add_tcase(s, mapping);
	return s;
}
