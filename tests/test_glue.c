// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot glue: the sequence's decisions, its log lines, the per-process
 * values, and that every failure ends in "disabled" with one line.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "relvdso/glue.h"
#include "relvdso/fmt.h"
#include "check_main.h"
#include "elf_fixture.h"
#include "vdso_testutil.h"

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
	host.fixmap.rule = RELVDSO_FIXMAP_PMD_ROUNDED;
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
	/* its data page: the next fixmap slot down, in the log line too */
	ck_assert_uint_eq(ex.data, 0xfbffd000u);
	ck_assert_uint_eq(ex.data_size, RELVDSO_PAGE_SIZE);
	ck_assert_uint_eq(glue.fixmap.data, 0xfbffd000u);
	ck_assert_ptr_nonnull(find_line(&logs, "), data page 0xfbffd000"));
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

	host.fixmap.rule = RELVDSO_FIXMAP_PAGE_ROUNDED;
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
	ck_assert_uint_eq(ex.data, 0xb7f0a000u - RELVDSO_DATA_SIZE);
	ck_assert_uint_eq(ex.data_size, RELVDSO_DATA_SIZE);
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

/* What a boot leaves behind that a host can see: decisions and log lines. */
struct boot_record {
	enum relvdso_boot_status status;
	enum relvdso_mode mode;
	struct relvdso_entry_choice choice;
	uint32_t compat_base;
	struct captured logs;
};

static void record(struct boot_record *r)
{
	r->status = glue.status;
	r->mode = glue.mode;
	r->choice = glue.choice;
	r->compat_base = glue.compat_base;
	r->logs = logs;
}

/* A host that parsed the options itself gets the boot a command line gets. */
START_TEST(boot_opts_same_as_cmdline)
{
	static const char *const lines[] = {
		"vdso=compat vdso_entry=int80", "vdso=0", "vdso=1 quiet", "", "vdso_entry=syscall",
		"vdso=3 vdso_entry=fast", "vdso32=2 vdso=banana", NULL,
	};
	struct boot_record a, b;
	struct relvdso_opts o;
	unsigned i, j;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		setup();
		relvdso_glue_reserve_top(&glue, 16u << 20);
		relvdso_glue_boot(&glue, lines[i]);
		record(&a);
		setup();
		relvdso_glue_reserve_top(&glue, 16u << 20);
		relvdso_opts_parse(lines[i], host.build_default, &o);
		relvdso_glue_boot_opts(&glue, lines[i] ? &o : NULL);
		record(&b);
		ck_assert_int_eq(a.status, b.status);
		ck_assert_int_eq(a.mode, b.mode);
		ck_assert(a.choice.entry == b.choice.entry && a.choice.overridden == b.choice.overridden &&
			  a.choice.fell_back == b.choice.fell_back && a.choice.why == b.choice.why);
		ck_assert_uint_eq(a.compat_base, b.compat_base);
		ck_assert_uint_eq(a.logs.n, b.logs.n);
		for (j = 0; j < a.logs.n && j < MAX_LINES; j++) {
			ck_assert_int_eq(a.logs.level[j], b.logs.level[j]);
			ck_assert_str_eq(a.logs.line[j], b.logs.line[j]);
		}
	}
}
END_TEST

/* vdsorun's case: mode and entry filled in by the host, no command line at all. */
START_TEST(boot_opts_from_host_fields)
{
	struct relvdso_opts o;
	struct relvdso_exec ex;

	relvdso_opts_init(&o, host.build_default);
	o.mode = RELVDSO_MODE_COMPAT;
	o.mode_given = true;
	o.entry = RELVDSO_ENTRY_REQ_INT80;
	o.entry_given = true;
	relvdso_glue_boot_opts(&glue, &o);
	relvdso_glue_exec(&glue, 0, &ex);
	ck_assert_int_eq(glue.status, RELVDSO_BOOT_OK);
	ck_assert_int_eq(glue.mode, RELVDSO_MODE_COMPAT);
	ck_assert_int_eq(glue.choice.entry, RELVDSO_ENTRY_INT80);
	ck_assert(ex.present && ex.fixed);
	ck_assert_uint_eq(ex.base, 0xffffe000u);
	ck_assert_ptr_nonnull(find_line(&logs, "relvdso: mode compat (vdso= on the command line)"));
	ck_assert_ptr_nonnull(find_line(&logs, "relvdso: entry int80 (requested by vdso_entry="));
	ck_assert_uint_eq(count_level(&logs, RELVDSO_LOG_WARN) + count_level(&logs, RELVDSO_LOG_ERR), 0);
}
END_TEST

/* The size and fixed address come before the base; exec then runs once. */
START_TEST(mapping_before_base)
{
	static const struct relvdso_mapping none;
	struct relvdso_mapping map;
	struct relvdso_exec ex;

	relvdso_glue_mapping(&glue, &map);		/* not booted */
	ck_assert_int_eq(memcmp(&map, &none, sizeof(map)), 0);

	relvdso_glue_reserve_top(&glue, 64u << 20);
	relvdso_glue_boot(&glue, "vdso=compat");
	relvdso_glue_mapping(&glue, &map);
	ck_assert(map.fixed);
	ck_assert_uint_eq(map.fixed_base, 0xfbffe000u);
	ck_assert_uint_eq(map.size, glue.image->alloc_size);
	ck_assert_uint_eq(map.data_size, RELVDSO_DATA_SIZE);
	relvdso_glue_exec(&glue, map.fixed_base, &ex);
	ck_assert(ex.present && ex.fixed);
	ck_assert_uint_eq(ex.base, map.fixed_base);
	ck_assert_uint_eq(ex.map_size, map.size);

	setup();
	relvdso_glue_boot(&glue, "vdso=1");
	relvdso_glue_mapping(&glue, &map);
	ck_assert(!map.fixed);
	ck_assert_uint_eq(map.fixed_base, 0);
	ck_assert_uint_eq(map.size, glue.image->alloc_size);
	ck_assert_uint_eq(map.size % RELVDSO_PAGE_SIZE, 0);
	ck_assert_uint_eq(map.data_size, RELVDSO_DATA_SIZE);
	relvdso_glue_exec(&glue, 0xb7f0a000u, &ex);
	ck_assert(ex.present && !ex.fixed);
	ck_assert_uint_eq(ex.base, 0xb7f0a000u);
	ck_assert_uint_eq(ex.map_size, map.size);

	setup();
	relvdso_glue_boot(&glue, "vdso=0");
	memset(&map, 0xa5, sizeof(map));
	relvdso_glue_mapping(&glue, &map);
	ck_assert_int_eq(memcmp(&map, &none, sizeof(map)), 0);
	relvdso_glue_mapping(NULL, &map);
	ck_assert_int_eq(memcmp(&map, &none, sizeof(map)), 0);
	relvdso_glue_mapping(&glue, NULL);		/* must not crash */
}
END_TEST

/* Run relvdso-boot ARGS; its stdout in @out, the exit code returned. */
static int boot_tool(char *out, size_t size, const char *args)
{
	char cmd[512];
	size_t n;
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s 2>/dev/null", build_path("bin/relvdso-boot"), args);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	st = pclose(p);
	ck_assert_msg(WIFEXITED(st), "relvdso-boot %s: died", args);
	return WEXITSTATUS(st);
}

/* guest-check's expectations: the same core, through the simulator's --print-expect. */
START_TEST(simulator_print_expect)
{
	static const struct {
		const char *args;
		const char *want;
	} cases[] = {
		{ "--print-expect --reservetop=64M --vdso=compat",
		  "mode=compat\nrequested=compat\nentry=sysenter\ncompat_base=0xfbffe000\n"
		  "fixmap_top=0xfbfff000\nsep=1\n" },
		/* disabled: entry and address still reported, as the guest's /init wants them */
		{ "--print-expect --backend=xen --vdso=0 --reservetop=16M --pae",
		  "mode=disabled\nrequested=disabled\nentry=int80\ncompat_base=0xfeffe000\n"
		  "fixmap_top=0xfefff000\nsep=0\n" },
		{ "--print-expect --rule=page-rounded --reservetop=4096 --cpu=nosep "
		  "--cmdline='vdso=2 vdso_entry=sysenter'",
		  "mode=compat\nrequested=compat\nentry=int80\ncompat_base=0xffffd000\n"
		  "fixmap_top=0xffffe000\nsep=0\n" },
		{ "--print-expect --cmdline='vdso=3 vdso_entry=syscall vdso=1'",
		  "mode=normal\nrequested=normal\nentry=sysenter\ncompat_base=0xffffe000\n"
		  "fixmap_top=0xfffff000\nsep=1\n" },
		/* no room above the floor: compat is disabled, no address */
		{ "--print-expect --reservetop=1G --vdso=compat --host=x86_64 --cpu=amd",
		  "mode=disabled\nrequested=compat\nentry=syscall\ncompat_base=none\n"
		  "fixmap_top=none\nsep=1\n" },
	};
	char out[1024], want[1024] = "";
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(boot_tool(out, sizeof(out), cases[i].args), 0);
		ck_assert_msg(strcmp(out, cases[i].want) == 0, "%s:\n%s\nwant\n%s", cases[i].args,
			      out, cases[i].want);
	}
	/* the rules are spelled by what they do */
	ck_assert_int_eq(boot_tool(out, sizeof(out), "--rule=6.1"), 2);
	ck_assert_int_eq(boot_tool(out, sizeof(out), "--rule=2.6"), 2);
	ck_assert_int_eq(boot_tool(out, sizeof(out), "--rule=pmd-rounded --pae"), 0);
	ck_assert_ptr_nonnull(strstr(out, "fixmap rule pmd-rounded (PAE)"));
	/* the backend table, row by row */
	ck_assert_int_eq(boot_tool(out, sizeof(out), "--list-backends"), 0);
	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s %d\n",
			 relvdso_backend_name((enum relvdso_backend)i),
			 relvdso_backend_fast((enum relvdso_backend)i));
	ck_assert_str_eq(out, want);
	/* the help lists every backend and rule from the tables */
	ck_assert_int_eq(boot_tool(out, sizeof(out), "--help"), 0);
	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++)
		ck_assert_ptr_nonnull(strstr(out, relvdso_backend_name((enum relvdso_backend)i)));
	for (i = 0; i < RELVDSO_FIXMAP_RULE_COUNT; i++)
		ck_assert_ptr_nonnull(strstr(out, relvdso_fixmap_rule_name((enum relvdso_fixmap_rule)i)));
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
	tcase_add_test(boot, boot_opts_same_as_cmdline);
	tcase_add_test(boot, boot_opts_from_host_fields);
	tcase_add_test(boot, mapping_before_base);
	tcase_add_test(boot, simulator_print_expect);
	suite_add_tcase(s, boot);
	tcase_add_test(fmt, fmt_directives);
	tcase_add_test(fmt, fmt_sizes);
	suite_add_tcase(s, fmt);
	return s;
}
