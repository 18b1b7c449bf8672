// SPDX-License-Identifier: GPL-2.0-only
/* The aux vector and the image it points at: auxv image symbols entry. */
#include <stdio.h>
#include <string.h>

#include "init.h"

static void test_auxv(const struct rv_env *e)
{
	int has_ehdr = e->vdso_base != 0, has_entry = e->vdso_entry != 0;

	rv_out("RELVDSO-AUXV AT_SYSINFO=0x%08lx AT_SYSINFO_EHDR=0x%08lx\n", e->vdso_entry,
	       e->vdso_base);
	if (has_ehdr != has_entry)
		FAIL("auxv", "AT_SYSINFO=0x%lx AT_SYSINFO_EHDR=0x%lx: only one given", e->vdso_entry,
		     e->vdso_base);
	else if (e->mode == UT_NONE)
		CHECK(!has_ehdr, "auxv", "mode disabled: AT_SYSINFO*=%s", has_ehdr ? "present" : "absent");
	else if (e->mode == UT_COMPAT)
		CHECK(e->vdso_base == e->base, "auxv",
		      "mode compat: AT_SYSINFO_EHDR=0x%08lx expected 0x%08lx AT_SYSINFO=0x%08lx",
		      e->vdso_base, e->base, e->vdso_entry);
	else
		CHECK(has_ehdr && e->vdso_base < UT_TASK_SIZE && !(e->vdso_base & 0xfff), "auxv",
		      "mode normal: AT_SYSINFO_EHDR=0x%08lx AT_SYSINFO=0x%08lx (user range, page aligned)",
		      e->vdso_base, e->vdso_entry);
}

/* The legacy-glibc view: p_vaddr must be the address it lives at (compat only). */
static void test_image(struct rv_env *e)
{
	const struct vdso_view *v = &e->view;
	const char *err;
	uint32_t load, entry;

	if (!e->vdso_base) {
		SKIP("image", "no vDSO");
		return;
	}
	err = vdso_view_open(&e->view, e->vdso_base);
	if (err) {
		FAIL("image", "%s", err);
		return;
	}
	e->view_ok = 1;
	load = v->load->p_vaddr;
	entry = ((const Elf32_Ehdr *)(uintptr_t)v->ehdr)->e_entry;
	if (e->mode == UT_COMPAT)
		CHECK(load == e->vdso_base && entry == e->vdso_entry, "image",
		      "prelinked: PT_LOAD p_vaddr=0x%08x e_entry=0x%08x AT_SYSINFO=0x%08lx",
		      load, entry, e->vdso_entry);
	else
		CHECK(load == 0 && entry + e->vdso_base == e->vdso_entry, "image",
		      "linked at 0 (legacy glibc would see the mismatch p_vaddr 0x%x != 0x%08lx), e_entry+base == AT_SYSINFO",
		      load, e->vdso_base);
}

/* The entry and both trampolines, through DT_HASH and their version node. */
static void test_symbols(const struct rv_env *e)
{
	static const enum relvdso_sym tramps[] = { RELVDSO_SYM_SIGRETURN, RELVDSO_SYM_RT_SIGRETURN };
	const struct vdso_view *v = &e->view;
	uint32_t vs, at[sizeof(tramps) / sizeof(tramps[0])];
	const uint8_t *bytes;
	unsigned len;
	size_t i;
	int ok;

	if (!e->view_ok) {
		SKIP("symbols", "no vDSO");
		return;
	}
	vs = ut_vdso_sym(v, RELVDSO_SYM_VSYSCALL);
	ok = vs == e->vdso_entry;
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		at[i] = ut_vdso_sym(v, tramps[i]);
		bytes = ut_vdso_trampoline(tramps[i], &len);
		ok &= at[i] && bytes && !memcmp((void *)(uintptr_t)at[i], bytes, len);
	}
	CHECK(ok, "symbols", "DT_HASH+versions: %s=0x%08x %s=0x%08x %s=0x%08x",
	      ut_vdso_sym_name(RELVDSO_SYM_VSYSCALL), vs, ut_vdso_sym_name(tramps[0]), at[0],
	      ut_vdso_sym_name(tramps[1]), at[1]);
}

/* Which instruction does __kernel_vsyscall enter the kernel with? */
static void test_entry(const struct rv_env *e)
{
	const unsigned char *p = (const unsigned char *)e->vdso_entry;
	enum ut_entry seen;
	char hex[40];
	int i;

	if (!e->vdso_entry) {
		SKIP("entry", "no vDSO: libc uses int $0x80");
		return;
	}
	for (i = 0; i < 9; i++)	/* the longest sequence: push x3, mov, sysenter, int $0x80 */
		snprintf(hex + 3 * i, sizeof(hex) - 3 * i, "%02x%s", p[i], i < 8 ? "." : "");
	seen = ut_entry_of(p);
	CHECK(seen != UT_ENTRY_ANY && seen == e->entry, "entry", "AT_SYSINFO bytes %s = %s (expected %s)",
	      hex, seen == UT_ENTRY_ANY ? "unknown" : ut_entry_name(seen), ut_entry_name(e->entry));
}

void group_image(struct rv_env *e)
{
	test_auxv(e);
	test_image(e);
	test_symbols(e);
	test_entry(e);
}
