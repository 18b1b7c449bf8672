// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot glue: the sequence's decisions, its log lines, the per-process
 * values, and that every failure ends in "disabled" with one line.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relvdso/glue.h"
#include "relvdso/fmt.h"
#include "check_main.h"
#include "elf_fixture.h"

#define MAX_LINES 32

struct captured {
	unsigned n;
	enum relvdso_log_level level[MAX_LINES];
	char line[MAX_LINES][256];
};

static void capture(void *ctx, enum relvdso_log_level level, const char *line)
{
	struct captured *c = ctx;

	if (c->n < MAX_LINES) {
		c->level[c->n] = level;
		snprintf(c->line[c->n], sizeof(c->line[0]), "%s", line);
	}
	c->n++;
}

static unsigned count_level(const struct captured *c, enum relvdso_log_level level)
{
	unsigned i, n = 0;

	for (i = 0; i < c->n && i < MAX_LINES; i++)
		n += c->level[i] == level;
	return n;
}

static const char *find_line(const struct captured *c, const char *needle)
{
	unsigned i;

	for (i = 0; i < c->n && i < MAX_LINES; i++)
		if (strstr(c->line[i], needle))
			return c->line[i];
	return NULL;
}

static uint8_t page[2 * RELVDSO_PAGE_SIZE] __attribute__((aligned(4096)));
static struct captured logs;
static struct relvdso_host host;
static struct relvdso_glue glue;

static void setup(void)
{
	memset(&logs, 0, sizeof(logs));
	memset(page, 0xa5, sizeof(page));
	memset(&host, 0, sizeof(host));
	host.kind = RELVDSO_HOST_I386;
	host.cpu_caps = RELVDSO_CPU_SEP | RELVDSO_CPU_SYSENTER32;
	host.fixmap.rule = RELVDSO_FIXMAP_6_1;
	host.fixmap.floor = 0xc0000000u;
	host.build_default = RELVDSO_MODE_NORMAL;
	host.compat_page = page;
	host.compat_page_size = sizeof(page);
	host.log = capture;
	host.log_ctx = &logs;
	relvdso_glue_init(&glue, &host);
}

/* The image in the compat page. */
static const struct elf_image compat_image = { page, sizeof(page) };

/* The first PT_LOAD's p_vaddr of the image in the compat page. */
static uint32_t page_load_vaddr(void)
{
	return elf_phdr(&compat_image, PT_LOAD, 0)->p_vaddr;
}

static void assert_absent(const struct relvdso_exec *ex)
{
	static const struct relvdso_exec zero;

	ck_assert(!ex->present);
	ck_assert_int_eq(memcmp(ex, &zero, sizeof(zero)), 0);
}

START_TEST(compat_64m_relocates_to_fixmap_slot)
{
	struct relvdso_exec ex;
	const struct relvdso_image *im = &relvdso_image_sysenter;

	relvdso_glue_reserve_top(&glue, 64u << 20);
	relvdso_glue_boot(&glue, "root=/dev/sda1 vdso=compat quiet");
	relvdso_glue_exec(&glue, 0x12345000, &ex);

	ck_assert_int_eq(glue.status, RELVDSO_BOOT_OK);
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_COMPAT);
	ck_assert_int_eq(glue.choice.entry, RELVDSO_ENTRY_SYSENTER);
	ck_assert_ptr_eq(glue.image, im);
	ck_assert_uint_eq(glue.fixmap.top, 0xfbfff000u);
	ck_assert(ex.present && ex.fixed);
	ck_assert_uint_eq(ex.base, 0xfbffe000u);
	ck_assert_uint_eq(ex.at_sysinfo_ehdr, 0xfbffe000u);
	ck_assert_uint_eq(ex.at_sysinfo, 0xfbffe000u + im->sym_vsyscall);
	ck_assert_uint_eq(ex.landing_pad, 0xfbffe000u + im->sym_landing_pad);
	ck_assert_ptr_eq(ex.pages, page);
	/* The page holds the image prelinked at the slot, as legacy glibc reads it. */
	ck_assert_uint_eq(elf_ehdr(&compat_image)->e_entry, ex.at_sysinfo);
	ck_assert_uint_eq(page_load_vaddr(), 0xfbffe000u);
	ck_assert_uint_gt(glue.stats.phdr, 0);
	ck_assert_uint_gt(glue.stats.sym, 0);
	ck_assert_uint_gt(glue.stats.dyn, 0);
	/* bytes past the image's pages are cleared, not left as they were */
	ck_assert_int_eq(page[sizeof(page) - 1], 0);
	ck_assert_ptr_nonnull(find_line(&logs,
		"relvdso: reserved top 64M, fixmap top 0xfbfff000; compat vDSO 0x0 -> 0xfbffe000 (sysenter image; phdr "));
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_WARN) + count_level(&logs, RELVDSO_LOG_ERR), 0);
}
END_TEST

START_TEST(compat_without_reservation_uses_ffffe000)
{
	struct relvdso_exec ex;

	relvdso_glue_boot(&glue, "vdso=2");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_uint_eq(ex.base, 0xffffe000u);
	ck_assert_uint_eq(page_load_vaddr(), 0xffffe000u);
	ck_assert_ptr_nonnull(find_line(&logs, "no top reservation, fixmap top 0xfffff000; compat vDSO 0x0 -> 0xffffe000"));
}
END_TEST

START_TEST(compat_2_6_rule_and_pae_rule)
{
	struct relvdso_exec ex;

	host.fixmap.rule = RELVDSO_FIXMAP_2_6;
	host.fixmap.floor = 0;
	relvdso_glue_reserve_top(&glue, 4096);
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_uint_eq(ex.base, 0xffffd000u);

	setup();
	host.fixmap.pae = true;
	relvdso_glue_reserve_top(&glue, 3u << 20);	/* 6.1/PAE: round_down to 2 MiB */
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_uint_eq(glue.fixmap.top, 0xffbff000u);
	ck_assert_uint_eq(ex.base, 0xffbfe000u);
}
END_TEST

START_TEST(reserve_hook_last_call_wins)
{
	struct relvdso_exec ex;

	relvdso_glue_reserve_top(&glue, 64u << 20);
	relvdso_glue_reserve_top(&glue, 16u << 20);
	ck_assert_uint_eq(glue.reserve_calls, 2);
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_uint_eq(ex.base, 0xfeffe000u);
	ck_assert_ptr_nonnull(find_line(&logs, "reserve_top_address(16M)"));
}
END_TEST

START_TEST(xen_backend_gets_int80_image)
{
	struct relvdso_exec ex;

	relvdso_glue_reserve_top(&glue, 64u << 20);
	relvdso_glue_set_backend(&glue, RELVDSO_BACKEND_XEN);
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_int_eq(glue.choice.entry, RELVDSO_ENTRY_INT80);
	ck_assert_ptr_eq(glue.image, &relvdso_image_int80);
	ck_assert_uint_eq(ex.at_sysinfo, 0xfbffe000u + relvdso_image_int80.sym_vsyscall);
	ck_assert_ptr_nonnull(find_line(&logs, "(int80 image; phdr"));
	ck_assert_ptr_nonnull(find_line(&logs, "backend xen"));
}
END_TEST

START_TEST(amd_on_x86_64_gets_syscall_image)
{
	host.kind = RELVDSO_HOST_X86_64;
	host.cpu_caps = RELVDSO_CPU_SEP | RELVDSO_CPU_SYSCALL32;
	relvdso_glue_boot(&glue, NULL);
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_NORMAL);
	ck_assert_ptr_eq(glue.image, &relvdso_image_syscall);
}
END_TEST

START_TEST(normal_mode_uses_random_base_and_image_at_0)
{
	struct relvdso_exec ex;
	const struct relvdso_image *im = &relvdso_image_sysenter;

	relvdso_glue_reserve_top(&glue, 64u << 20);	/* irrelevant in normal mode */
	relvdso_glue_boot(&glue, "vdso=1");
	relvdso_glue_exec(&glue, 0xb7f0a000u, &ex);
	ck_assert(ex.present && !ex.fixed);
	ck_assert_uint_eq(ex.at_sysinfo_ehdr, 0xb7f0a000u);
	ck_assert_uint_eq(ex.at_sysinfo, 0xb7f0a000u + im->sym_vsyscall);
	ck_assert_uint_eq(ex.sigreturn, 0xb7f0a000u + im->sym_sigreturn);
	ck_assert_uint_eq(ex.rt_sigreturn, 0xb7f0a000u + im->sym_rt_sigreturn);
	ck_assert_ptr_eq(ex.pages, im->data);
	ck_assert_uint_eq(ex.map_size % RELVDSO_PAGE_SIZE, 0);
	ck_assert_int_eq(page[0], 0xa5);		/* compat page untouched */
	ck_assert_ptr_nonnull(find_line(&logs, "normal vDSO: sysenter image"));
}
END_TEST

START_TEST(disabled_passes_no_auxv)
{
	static const char *const spellings[] = { "vdso=0", "vdso=off", "vdso32=disabled" };
	struct relvdso_exec ex;
	unsigned i;

	for (i = 0; i < 3; i++) {
		setup();
		relvdso_glue_boot(&glue, spellings[i]);
		relvdso_glue_exec(&glue, 0x10000000u, &ex);
		ck_assert_int_eq(glue.status, RELVDSO_BOOT_DISABLED_BY_OPTION);
		ck_assert_ptr_null(glue.image);
		assert_absent(&ex);
		ck_assert_ptr_nonnull(find_line(&logs, "vDSO disabled by vdso=0"));
		ck_assert_int_eq(page[0], 0xa5);
	}
}
END_TEST

START_TEST(bad_option_warns_and_default_applies)
{
	host.build_default = RELVDSO_MODE_COMPAT;
	relvdso_glue_boot(&glue, "vdso=3 vdso_entry=fast");
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_COMPAT);
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_WARN), 2);
	ck_assert_ptr_nonnull(find_line(&logs, "bad vdso=3 ignored"));
	ck_assert_ptr_nonnull(find_line(&logs, "using compat (the default)"));
	ck_assert_ptr_nonnull(find_line(&logs, "bad vdso_entry=fast ignored"));
	ck_assert_ptr_nonnull(find_line(&logs, "using auto (the default)"));
}
END_TEST

START_TEST(bad_option_after_good_keeps_good)
{
	relvdso_glue_boot(&glue, "vdso=compat vdso=banana");
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_COMPAT);
	ck_assert_ptr_nonnull(find_line(&logs, "bad vdso=banana ignored"));
	ck_assert_ptr_nonnull(find_line(&logs, "using compat (from a valid option)"));
}
END_TEST

START_TEST(long_bad_value_is_shortened)
{
	char cmd[200];

	memset(cmd, 0, sizeof(cmd));
	strcpy(cmd, "vdso=");
	memset(cmd + 5, 'x', 150);
	relvdso_glue_boot(&glue, cmd);
	ck_assert_ptr_nonnull(find_line(&logs, "xxx... ignored"));
}
END_TEST

START_TEST(refused_override_falls_back_with_warning)
{
	relvdso_glue_boot(&glue, "vdso_entry=syscall");
	ck_assert_int_eq(glue.choice.entry, RELVDSO_ENTRY_SYSENTER);
	ck_assert(glue.choice.fell_back);
	ck_assert_ptr_nonnull(find_line(&logs, "vdso_entry=syscall refused"));
	ck_assert_ptr_nonnull(find_line(&logs, "using sysenter"));
}
END_TEST

START_TEST(honoured_override)
{
	relvdso_glue_boot(&glue, "vdso_entry=int80");
	ck_assert_int_eq(glue.choice.entry, RELVDSO_ENTRY_INT80);
	ck_assert(glue.choice.overridden && !glue.choice.fell_back);
	ck_assert_ptr_eq(glue.image, &relvdso_image_int80);
}
END_TEST

START_TEST(reservation_too_big_disables_with_one_line)
{
	struct relvdso_exec ex;

	relvdso_glue_reserve_top(&glue, 0x50000000u);	/* below the 0xc0000000 floor */
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0x10000000u, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_FIXMAP);
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_DISABLED);
	assert_absent(&ex);
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_ERR), 1);
	ck_assert_ptr_nonnull(find_line(&logs, "vDSO disabled"));
	ck_assert_int_eq(page[0], 0xa5);
}
END_TEST

START_TEST(no_compat_page_disables)
{
	struct relvdso_exec ex;

	host.compat_page = NULL;
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_NO_COMPAT_PAGE);
	assert_absent(&ex);
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_ERR), 1);

	setup();
	host.compat_page_size = 100;
	relvdso_glue_boot(&glue, "vdso=compat");
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_NO_COMPAT_PAGE);
	ck_assert_int_eq(page[0], 0xa5);
}
END_TEST

/* A page of zeros posing as the sysenter image: not even ELF. */
static const uint8_t junk[RELVDSO_PAGE_SIZE];
static const struct relvdso_image junk_image = {
	.name = "junk", .entry = RELVDSO_ENTRY_SYSENTER, .data = junk,
	.size = sizeof(junk), .alloc_size = sizeof(junk),
};

START_TEST(relocation_failure_disables_and_leaves_page)
{
	struct relvdso_exec ex;

	host.images[RELVDSO_ENTRY_SYSENTER] = &junk_image;
	relvdso_glue_reserve_top(&glue, 64u << 20);
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_RELOC);
	ck_assert_int_eq(glue.reloc_err, RELVDSO_RELOC_E_MAGIC);
	assert_absent(&ex);
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_ERR), 1);
	ck_assert_ptr_nonnull(find_line(&logs, "compat vDSO 0x0 -> 0xfbffe000: "));
	ck_assert_ptr_nonnull(find_line(&logs, "; vDSO disabled"));
	ck_assert_int_eq(page[0], 0xa5);
	ck_assert_int_eq(page[RELVDSO_PAGE_SIZE - 1], 0xa5);
}
END_TEST

START_TEST(bad_image_in_normal_mode_disables)
{
	struct relvdso_exec ex;

	host.images[RELVDSO_ENTRY_SYSENTER] = &junk_image;
	relvdso_glue_boot(&glue, "vdso=1");
	relvdso_glue_exec(&glue, 0x1000, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_BAD_IMAGE);
	ck_assert_int_eq(glue.reloc_err, RELVDSO_RELOC_E_MAGIC);
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_DISABLED);
	assert_absent(&ex);
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_ERR), 1);
	ck_assert_ptr_nonnull(find_line(&logs, "normal vDSO: junk image: "));
	ck_assert_ptr_nonnull(find_line(&logs, "; vDSO disabled"));
}
END_TEST

START_TEST(missing_image_disables)
{
	static const struct relvdso_image empty = { .name = "empty" };
	struct relvdso_exec ex;

	host.images[RELVDSO_ENTRY_SYSENTER] = &empty;
	relvdso_glue_boot(&glue, "vdso=1");
	relvdso_glue_exec(&glue, 0x1000, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_NO_IMAGE);
	assert_absent(&ex);
}
END_TEST

START_TEST(exec_before_boot_and_null_safety)
{
	struct relvdso_exec ex;

	relvdso_glue_exec(&glue, 0x1000, &ex);
	assert_absent(&ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_NOT_BOOTED);
	relvdso_glue_exec(NULL, 0x1000, &ex);
	assert_absent(&ex);
	relvdso_glue_exec(&glue, 0x1000, NULL);
	relvdso_glue_init(NULL, &host);
	relvdso_glue_reserve_top(NULL, 1);
	relvdso_glue_set_backend(NULL, RELVDSO_BACKEND_XEN);
	relvdso_glue_boot(NULL, "vdso=1");
	host.log = NULL;		/* a host without a log still boots */
	relvdso_glue_boot(&glue, "vdso=compat");
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_OK);
	ck_assert_uint_eq(logs.n, 0);
}
END_TEST

START_TEST(image_table_and_status_strings)
{
	ck_assert_ptr_eq(relvdso_glue_image(NULL, RELVDSO_ENTRY_INT80), &relvdso_image_int80);
	ck_assert_ptr_eq(relvdso_glue_image(NULL, RELVDSO_ENTRY_SYSCALL), &relvdso_image_syscall);
	ck_assert_ptr_null(relvdso_glue_image(NULL, RELVDSO_ENTRY_COUNT));
	ck_assert_ptr_null(relvdso_glue_image(NULL, (enum relvdso_entry)-1));
	for (int s = 0; s < RELVDSO_BOOT_STATUS_COUNT; s++) {
		ck_assert_ptr_nonnull(relvdso_boot_status_str(s));
		ck_assert_uint_gt(strlen(relvdso_boot_status_str(s)), 1);
		for (int t = 0; t < s; t++)
			ck_assert_str_ne(relvdso_boot_status_str(s), relvdso_boot_status_str(t));
	}
	ck_assert_str_eq(relvdso_boot_status_str(RELVDSO_BOOT_STATUS_COUNT), "unknown boot status");
}
END_TEST

const char *odd_formats[] = { "%5u|%-", "%s", "end%" };
const char *null_string;	/* extern linkage: the compiler cannot assume NULL */

START_TEST(fmt_directives)
{
	char b[64];

	uint32_t n = relvdso_fmt(b, sizeof(b), "%08x|%x|%u|%d|%s|%c|%%", 0xbeefu, 0u, 42u, -7, "s", 'c');

	ck_assert_str_eq(b, "0000beef|0|42|-7|s|c|%");
	ck_assert_uint_eq(n, strlen(b));
	/* odd formats on purpose: through a variable so -Wformat lets them by */
	relvdso_fmt(b, sizeof(b), odd_formats[0], 3u);
	ck_assert_str_eq(b, "    3|%-");
	relvdso_fmt(b, sizeof(b), "%d", (int)0x80000000);
	ck_assert_str_eq(b, "-2147483648");
	/* truncation keeps the NUL and reports the full length */
	ck_assert_uint_eq(relvdso_fmt(b, 4, "%s", "abcdef"), 6);
	ck_assert_str_eq(b, "abc");
	ck_assert_uint_eq(relvdso_fmt(b, 0, "%s", "abc"), 3);
	relvdso_fmt(b, sizeof(b), odd_formats[1], null_string);
	ck_assert_str_eq(b, "(null)");
	relvdso_fmt(b, sizeof(b), odd_formats[2]);
	ck_assert_str_eq(b, "end%");
}
END_TEST

START_TEST(fmt_sizes)
{
	static const struct { uint32_t bytes; const char *text; } cases[] = {
		{ 0, "0" }, { 4096, "4K" }, { 64u << 20, "64M" }, { 1u << 30, "1G" },
		{ 3u << 30, "3G" }, { 1000, "1000" }, { (16u << 20) + 4096, "16388K" },
		{ 0xffffffffu, "4294967295" },
	};
	char b[16];

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		relvdso_fmt_size(b, sizeof(b), cases[i].bytes);
		ck_assert_str_eq(b, cases[i].text);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("glue");
	TCase *boot = tcase_create("boot");
	TCase *fmt = tcase_create("fmt");

	tcase_add_checked_fixture(boot, setup, NULL);
	tcase_add_test(boot, compat_64m_relocates_to_fixmap_slot);
	tcase_add_test(boot, compat_without_reservation_uses_ffffe000);
	tcase_add_test(boot, compat_2_6_rule_and_pae_rule);
	tcase_add_test(boot, reserve_hook_last_call_wins);
	tcase_add_test(boot, xen_backend_gets_int80_image);
	tcase_add_test(boot, amd_on_x86_64_gets_syscall_image);
	tcase_add_test(boot, normal_mode_uses_random_base_and_image_at_0);
	tcase_add_test(boot, disabled_passes_no_auxv);
	tcase_add_test(boot, bad_option_warns_and_default_applies);
	tcase_add_test(boot, bad_option_after_good_keeps_good);
	tcase_add_test(boot, long_bad_value_is_shortened);
	tcase_add_test(boot, refused_override_falls_back_with_warning);
	tcase_add_test(boot, honoured_override);
	tcase_add_test(boot, reservation_too_big_disables_with_one_line);
	tcase_add_test(boot, no_compat_page_disables);
	tcase_add_test(boot, relocation_failure_disables_and_leaves_page);
	tcase_add_test(boot, bad_image_in_normal_mode_disables);
	tcase_add_test(boot, missing_image_disables);
	tcase_add_test(boot, exec_before_boot_and_null_safety);
	tcase_add_test(boot, image_table_and_status_strings);
	suite_add_tcase(s, boot);
	tcase_add_test(fmt, fmt_directives);
	tcase_add_test(fmt, fmt_sizes);
	suite_add_tcase(s, fmt);
	return s;
}
