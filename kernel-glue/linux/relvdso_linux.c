// SPDX-License-Identifier: GPL-2.0-only
/*
 * relvdso adapter for Linux i386: drives relvdso's host-neutral boot
 * glue (relvdso/glue.h) from the kernel's hooks and turns its decisions
 * into the kernel's own vDSO plumbing.  One file for every release the
 * series is ported to; what differs between them is in relvdso_version.h.
 *
 *   reserve_top_address()     -> relvdso_linux_reserve_top()
 *   relvdso.backend=          -> backend profile (early param); a profile
 *                                that cannot take fast entries clears
 *                                X86_FEATURE_SEP, as Xen did
 *   identify_boot_cpu()       -> relvdso_linux_boot(), before
 *                                enable_sep_cpu(): relvdso_glue_boot()
 *                                with the command line, vdso_image_32 from
 *                                the chosen image, the compat gate page
 *   load_vdso32()             -> relvdso_linux_exec(): mm->context.vdso
 *   get_gate_vma() & co.      -> the compat page as [vdso]
 *   __arch_sync_vdso_data()   -> relvdso_linux_sync_time(): the time data
 *                                page (relvdso/vdso_data.h) follows the
 *                                kernel's struct vdso_data
 *   vvar_fault()              -> relvdso_linux_data_pfn(): normal mode's
 *                                [vvar] page is that data page
 *   clone_time_ns() & free    -> relvdso_linux_time_ns(): compat mode's
 *                                page says "slow" while time namespaces exist
 *
 * The kernel finds everything else from vdso_image_32 (offsets from the
 * image base) and mm->context.vdso (the base): AT_SYSINFO(_EHDR), the
 * SYSENTER landing pad in do_fast_syscall_32(), the signal restorers.
 * Offsets do not change when the image is relocated, so the same
 * vdso_image_32 serves the normal and the compat mapping.
 *
 * Nothing here panics: whatever fails leaves the vDSO disabled with one
 * log line.
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/cpufeature.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/elf.h>
#include <linux/time.h>
#include <vdso/datapage.h>
#include <vdso/helpers.h>
#include <vdso/ktime.h>
#include <asm/fixmap.h>
#include <asm/hypervisor.h>
/* asm/: linux/pti.h leaves out the stub a kernel without PTI needs */
#include <asm/pti.h>
#include <asm/relvdso.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/vdso.h>

#include "relvdso/glue.h"
#include "relvdso_version.h"

/* Largest image either mapping takes: the facts table's page budget. */
#define RV_IMAGE_BYTES	(RELVDSO_VDSO_MAX_PAGES * PAGE_SIZE)
/* Compat mode maps the image through the one FIX_RELVDSO slot. */
static_assert(RV_IMAGE_BYTES == PAGE_SIZE, "a larger page budget needs more FIX_RELVDSO slots");

struct vdso_image vdso_image_32 __ro_after_init;

static struct relvdso_host rv_host __ro_after_init;
static struct relvdso_glue rv_glue __ro_after_init;
static bool rv_ready __ro_after_init;
static enum relvdso_backend rv_backend __initdata = RELVDSO_BACKEND_NATIVE;
static bool rv_backend_given __initdata;

/* Normal mode: the chosen image, page aligned, in lowmem (vdso_fault maps it). */
static u8 rv_normal_pages[RV_IMAGE_BYTES] __aligned(PAGE_SIZE) __ro_after_init;
/*
 * Compat mode: the lowmem page behind FIX_RELVDSO.  The glue copies the
 * image here and relocates it through this (kernel, writable-until-
 * rodata) alias; users see it read+exec only through the fixmap.
 */
static u8 rv_compat_page[RV_IMAGE_BYTES] __aligned(PAGE_SIZE) __ro_after_init;

/* The gate page (compat mode only): 0 when there is none. */
static unsigned long rv_gate_addr __ro_after_init;

/*
 * The time data page.  One page serves every task: normal mode inserts it
 * at the [vvar] slot, compat mode maps it at FIX_RELVDSO_DATA.  A task in
 * a non-root time namespace needs the namespace's offsets, which relvdso's
 * layout does not carry: normal mode gives it rv_slow_data instead; in
 * compat mode, where all tasks share the fixmap page, the page itself says
 * "slow" while any such namespace exists (rv_time_ns).
 */
static_assert(RELVDSO_DATA_SIZE == PAGE_SIZE,
	      "one data page: one [vvar] page, one FIX_RELVDSO_DATA slot");

union rv_data_page {
	struct relvdso_data d;
	u8 bytes[PAGE_SIZE];
};

static union rv_data_page rv_data __page_aligned_bss;
static union rv_data_page rv_slow_data __aligned(PAGE_SIZE) __ro_after_init = {
	.d = {
		.magic = RELVDSO_DATA_MAGIC,
		.version = RELVDSO_DATA_VERSION,
		.flags = RELVDSO_DATA_SLOW,
	},
};

/* Serialises the writers: the tick, settimeofday()'s tz update, time namespaces. */
static DEFINE_RAW_SPINLOCK(rv_data_lock);
/* The kernel's vdso_data, from the first sync: the other writers copy it again. */
static const struct vdso_data *rv_kdata;
static atomic_t rv_time_ns = ATOMIC_INIT(0);
static bool rv_data_compat __ro_after_init;
/* relvdso.inject=data-header changes it. */
static u32 rv_data_magic __ro_after_init = RELVDSO_DATA_MAGIC;

static void rv_log(void *ctx, enum relvdso_log_level level, const char *line)
{
	/* the glue's lines carry their "relvdso: " prefix */
	switch (level) {
	case RELVDSO_LOG_ERR:
		pr_err("%s\n", line);
		break;
	case RELVDSO_LOG_WARN:
		pr_warn("%s\n", line);
		break;
	default:
		pr_info("%s\n", line);
		break;
	}
}

/* The glue may be needed from an early param, before relvdso_linux_boot(). */
static void __init rv_init_once(void)
{
	if (rv_ready)
		return;
	rv_host.kind = RELVDSO_HOST_I386;
	rv_host.fixmap.rule = RELVDSO_FIXMAP_PMD_ROUNDED;
	rv_host.fixmap.pae = IS_ENABLED(CONFIG_X86_PAE);
	rv_host.fixmap.floor = PAGE_OFFSET;
	rv_host.build_default = IS_ENABLED(CONFIG_RELVDSO_COMPAT_DEFAULT) ?
				RELVDSO_MODE_COMPAT : RELVDSO_MODE_NORMAL;
	rv_host.compat_page = rv_compat_page;
	rv_host.compat_page_size = sizeof(rv_compat_page);
	rv_host.log = rv_log;
	relvdso_glue_init(&rv_glue, &rv_host);
	rv_ready = true;
}

void __init relvdso_linux_reserve_top(unsigned long reserve)
{
	rv_init_once();
	relvdso_glue_reserve_top(&rv_glue, reserve);
}

/*
 * relvdso.backend=NAME, a row of relvdso's backend table: 6.1 has no 32-bit
 * paravirt backend of its own, so these profiles stand in for them.  A
 * profile that cannot take fast entries clears SEP before
 * identify_boot_cpu() (so enable_sep_cpu() leaves the SYSENTER MSRs
 * alone), as Xen did.
 */
static int __init rv_backend_param(char *s)
{
	enum relvdso_backend b;

	if (!s || !relvdso_backend_lookup(s, &b)) {
		pr_warn("relvdso: bad relvdso.backend=%s ignored; using %s\n", s ? s : "",
			relvdso_backend_name(rv_backend));
		return 0;
	}
	rv_backend = b;
	rv_backend_given = true;
	if (!relvdso_backend_fast(b))
		setup_clear_cpu_cap(X86_FEATURE_SEP);
	return 0;
}
early_param("relvdso.backend", rv_backend_param);

/* relvdso_glue_boot() parses vdso_entry= itself; keep it away from init. */
static int __init rv_entry_param(char *s)
{
	return 1;
}
__setup("vdso_entry=", rv_entry_param);

#ifdef CONFIG_RELVDSO_FAULT_INJECT
/*
 * relvdso.inject=NAME (test kernels only).
 *
 * image: hand the glue copies of the built-in images with e_phentsize
 * broken, so that a real boot takes the "image refused -> vDSO disabled"
 * path of either mode: compat refuses it when relocating, normal when
 * checking.  Not __initdata: rv_host keeps pointing at them.
 *
 * skip-STEP: once the glue has relocated the compat copy, give one class
 * of its address fields back the value they have in the built-in image
 * (linked at 0), copied from the same offset.  The relocator only adds the
 * delta to each field, so the page is then exactly what it would have
 * written had it skipped that step; the core keeps no test hook.  Normal
 * mode relocates nothing, so there it changes nothing.
 */
static u8 rv_broken_data[RELVDSO_ENTRY_COUNT][RV_IMAGE_BYTES] __aligned(PAGE_SIZE);
static struct relvdso_image rv_broken[RELVDSO_ENTRY_COUNT];

enum rv_undo_kind {
	RV_UNDO_NONE,
	RV_UNDO_ENTRY,		/* e_entry */
	RV_UNDO_PHDR,		/* p_vaddr and p_paddr of each header of a p_type */
	RV_UNDO_SECTION_ADDR,	/* sh_addr of each section named prefix* */
	RV_UNDO_SECTION_BYTES,	/* the contents of each section of an sh_type */
};

struct rv_undo {
	enum rv_undo_kind kind;
	u32 type;		/* p_type or sh_type; 0: any */
	const char *prefix;	/* section name prefix; NULL: any */
};

struct rv_skip {
	const char *name;	/* relvdso.inject=NAME */
	const char *what;	/* the step, for the log line */
	struct rv_undo undo[2];
};

static const struct rv_skip rv_skips[] __initconst = {
	{ "skip-entry", "e_entry", { { RV_UNDO_ENTRY } } },
	{ "skip-load", "PT_LOAD", { { RV_UNDO_PHDR, PT_LOAD } } },
	{ "skip-dynamic", "PT_DYNAMIC", { { RV_UNDO_PHDR, PT_DYNAMIC } } },
	{ "skip-dtptr", ".dynamic d_ptr", { { RV_UNDO_SECTION_BYTES, SHT_DYNAMIC } } },
	{ "skip-dynsym", ".dynsym st_value", { { RV_UNDO_SECTION_BYTES, SHT_DYNSYM } } },
	{ "skip-ehframe", "PT_GNU_EH_FRAME and .eh_frame* sh_addr",
	  { { RV_UNDO_PHDR, PT_GNU_EH_FRAME }, { RV_UNDO_SECTION_ADDR, 0, ".eh_frame" } } },
};

/* The relvdso.inject=skip-STEP given: an index into rv_skips[], -1 for none. */
static int rv_skip_nr __initdata = -1;

/* Bytes [off, off + len) of @page back from @orig; counts what it restored. */
static void __init rv_restore(u8 *page, const u8 *orig, u32 size, u32 off, u32 len,
			      unsigned int *n)
{
	if (off > size || len > size - off)
		return;
	memcpy(page + off, orig + off, len);
	(*n)++;
}

static bool __init rv_section_matches(const struct rv_undo *u, const struct elf32_shdr *sh,
				      const char *names)
{
	return (!u->type || sh->sh_type == u->type) &&
	       (!u->prefix || !strncmp(names + sh->sh_name, u->prefix, strlen(u->prefix)));
}

/*
 * @orig is a built-in image the relocator has just checked (the glue
 * relocated a copy of it), so its tables are sound; only the copies
 * are bounds-checked.
 */
static void __init rv_undo_one(const struct rv_undo *u, u8 *page, const u8 *orig, u32 size,
			       unsigned int *n)
{
	const struct elf32_hdr *eh = (const void *)orig;
	const struct elf32_phdr *ph = (const void *)(orig + eh->e_phoff);
	const struct elf32_shdr *sh = (const void *)(orig + eh->e_shoff);
	const char *names = (const char *)orig + sh[eh->e_shstrndx].sh_offset;
	int i;

	switch (u->kind) {
	case RV_UNDO_NONE:
		break;
	case RV_UNDO_ENTRY:
		rv_restore(page, orig, size, offsetof(struct elf32_hdr, e_entry),
			   sizeof(eh->e_entry), n);
		break;
	case RV_UNDO_PHDR:
		for (i = 0; i < eh->e_phnum; i++)
			if (ph[i].p_type == u->type)	/* p_paddr follows p_vaddr */
				rv_restore(page, orig, size, (const u8 *)&ph[i].p_vaddr - orig,
					   sizeof(ph->p_vaddr) + sizeof(ph->p_paddr), n);
		break;
	case RV_UNDO_SECTION_ADDR:
	case RV_UNDO_SECTION_BYTES:
		for (i = 0; i < eh->e_shnum; i++) {
			if (!rv_section_matches(u, &sh[i], names))
				continue;
			if (u->kind == RV_UNDO_SECTION_ADDR)
				rv_restore(page, orig, size, (const u8 *)&sh[i].sh_addr - orig,
					   sizeof(sh->sh_addr), n);
			else
				rv_restore(page, orig, size, sh[i].sh_offset, sh[i].sh_size, n);
		}
		break;
	}
}

/* @page: the relocated compat copy of @img; NULL in normal mode. */
static void __init rv_inject_skip(const struct relvdso_image *img, u8 *page)
{
	const struct rv_skip *skip;
	unsigned int i, n = 0;

	if (rv_skip_nr < 0)
		return;
	skip = &rv_skips[rv_skip_nr];
	if (!page) {
		pr_warn("relvdso: fault injection: relvdso.inject=%s changes nothing in normal mode (no relocation)\n",
			skip->name);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(skip->undo); i++)
		rv_undo_one(&skip->undo[i], page, img->data, img->size, &n);
	pr_warn("relvdso: fault injection: compat image as if the relocator had skipped %s (%u tables/fields left at their linked values; relvdso.inject=%s)\n",
		skip->what, n, skip->name);
}

static void __init rv_inject_image(void)
{
	const struct relvdso_image *img;
	int e;

	rv_init_once();
	for (e = 0; e < RELVDSO_ENTRY_COUNT; e++) {
		img = relvdso_glue_image(&rv_host, e);
		if (!img || !img->data || img->alloc_size > RV_IMAGE_BYTES)
			continue;
		memcpy(rv_broken_data[e], img->data, img->alloc_size);
		rv_broken_data[e][offsetof(struct elf32_hdr, e_phentsize)] ^= 1;
		rv_broken[e] = *img;
		rv_broken[e].data = rv_broken_data[e];
		rv_host.images[e] = &rv_broken[e];
	}
	pr_warn("relvdso: fault injection: e_phentsize broken in every image (relvdso.inject=image)\n");
}

/*
 * data-header: the data page carries a wrong magic (both modes), so every
 * function of the image must take the system call.
 */
static void __init rv_inject_data_header(void)
{
	rv_data_magic = ~RELVDSO_DATA_MAGIC;
	pr_warn("relvdso: fault injection: data page magic 0x%08x instead of 0x%08x (relvdso.inject=data-header)\n",
		rv_data_magic, RELVDSO_DATA_MAGIC);
}

struct rv_inject {
	const char *name;
	void (*inject)(void);
};

static const struct rv_inject rv_injects[] __initconst = {
	{ "image", rv_inject_image },
	{ "data-header", rv_inject_data_header },
};

static int __init rv_inject_param(char *s)
{
	unsigned int i;

	for (i = 0; s && i < ARRAY_SIZE(rv_injects); i++)
		if (!strcmp(s, rv_injects[i].name)) {
			rv_injects[i].inject();
			return 0;
		}
	for (i = 0; s && i < ARRAY_SIZE(rv_skips); i++)
		if (!strcmp(s, rv_skips[i].name)) {
			rv_skip_nr = i;
			return 0;
		}
	pr_warn("relvdso: bad relvdso.inject=%s ignored (known: image, data-header, skip-entry, skip-load, skip-dynamic, skip-dtptr, skip-dynsym, skip-ehframe)\n",
		s ? s : "");
	return 0;
}
early_param("relvdso.inject", rv_inject_param);
#else
static inline void rv_inject_skip(const struct relvdso_image *img, u8 *page) { }
#endif

static enum relvdso_backend __init rv_detect_backend(void)
{
	if (rv_backend_given)
		return rv_backend;
	if (hypervisor_is_type(X86_HYPER_KVM))
		return RELVDSO_BACKEND_KVM;
	return RELVDSO_BACKEND_NATIVE;
}

/* The trampolines, bytes and lengths from the facts table (relvdso/vdso_facts.h). */
#define RV_TRAMPOLINE(id, field, ...)						\
	{ RELVDSO_SYM_##id, RELVDSO_TRAMPOLINE_LEN_##id, (const u8[]){ __VA_ARGS__ },	\
	  "trampoline " #id " (" #field ") does not hold the facts table's bytes" },

struct rv_trampoline {
	enum relvdso_sym sym;
	u8 len;
	const u8 *bytes;
	const char *why;
};

static const struct rv_trampoline rv_trampolines[] __initconst = {
	RELVDSO_VDSO_TRAMPOLINES(RV_TRAMPOLINE)
};

/* The kernel's SYSENTER return and syscall restart rely on these bytes. */
static const char *__init rv_check_image(const struct relvdso_image *img)
{
	const u8 *d = img->data;
	const struct rv_trampoline *t;

	if (img->alloc_size % PAGE_SIZE || img->size > img->alloc_size)
		return "image size is not whole pages";
	if (img->sym_landing_pad < 2 || img->sym_landing_pad >= img->size ||
	    d[img->sym_landing_pad - 2] != 0xcd || d[img->sym_landing_pad - 1] != 0x80)
		return "landing pad does not follow int $0x80 (syscall restart needs it)";
	for (t = rv_trampolines; t < rv_trampolines + ARRAY_SIZE(rv_trampolines); t++)
		if (img->sym[t->sym] + t->len > img->size ||
		    memcmp(d + img->sym[t->sym], t->bytes, t->len))
			return t->why;
	return NULL;
}

static void __init rv_fill_vdso_image(const struct relvdso_image *img, void *data)
{
	struct vdso_image *v = &vdso_image_32;

	memset(v, 0, sizeof(*v));
	v->data = data;
	v->size = img->alloc_size;
	/* the [vvar] area is the data page alone, right below the text */
	v->sym_vvar_start = -(long)RELVDSO_DATA_SIZE;
	v->sym_vvar_page = -(long)RELVDSO_DATA_SIZE;
	v->sym___kernel_vsyscall = img->sym_vsyscall;
	v->sym___kernel_sigreturn = img->sym_sigreturn;
	v->sym___kernel_rt_sigreturn = img->sym_rt_sigreturn;
	v->sym_int80_landing_pad = img->sym_landing_pad;
	/* just after the int $0x80 of each sigreturn (arch_syscall_is_vdso_sigreturn) */
	v->sym_vdso32_sigreturn_landing_pad = img->sym_sigreturn + img->sigreturn_len;
	v->sym_vdso32_rt_sigreturn_landing_pad = img->sym_rt_sigreturn + img->rt_sigreturn_len;
}

/* head_32.S (PAE) maps the top fixmap PMD without _PAGE_USER. */
static void __init rv_pmd_set_user(unsigned long addr)
{
	pgd_t *pgd = pgd_offset_k(addr);
	p4d_t *p4d = p4d_offset(pgd, addr);
	pud_t *pud = pud_offset(p4d, addr);
	pmd_t *pmd = pmd_offset(pud, addr);

	if (!(pmd_flags(*pmd) & _PAGE_USER))
		set_pmd(pmd, __pmd(pmd_val(*pmd) | _PAGE_USER));
}

/* The compat page as a gate area: /proc/PID/maps names it [vdso]. */
static const char *rv_gate_name(struct vm_area_struct *vma)
{
	return "[vdso]";
}

static const struct vm_operations_struct rv_gate_ops = {
	.name = rv_gate_name,
};

static struct vm_area_struct rv_gate_vma __ro_after_init = {
	.vm_page_prot	= PAGE_READONLY_EXEC,
	.vm_flags	= VM_READ | VM_EXEC,
	.vm_ops		= &rv_gate_ops,
};

static void __init rv_disable(const char *why)
{
	pr_err("relvdso: %s; vDSO disabled\n", why);
	vdso32_enabled = RELVDSO_LINUX_DISABLED;
	rv_gate_addr = 0;
	memset(&vdso_image_32, 0, sizeof(vdso_image_32));
}

void __init relvdso_linux_boot(void)
{
	const struct relvdso_image *img;
	const char *bad;
	unsigned long fix, data;

	rv_init_once();
	rv_host.cpu_caps = boot_cpu_has(X86_FEATURE_SEP) ? RELVDSO_CPU_SEP : 0;
	relvdso_glue_set_backend(&rv_glue, rv_detect_backend());
	relvdso_glue_boot(&rv_glue, boot_command_line);

	vdso32_enabled = RELVDSO_LINUX_DISABLED;
	if (rv_glue.status != RELVDSO_BOOT_OK || !rv_glue.image)
		return;		/* the glue said why */
	img = rv_glue.image;
	if (img->entry == RELVDSO_ENTRY_SYSCALL) {
		rv_disable("the syscall image on an i386 kernel (no SYSCALL entry)");
		return;
	}
	bad = rv_check_image(img);
	if (bad) {
		rv_disable(bad);
		return;
	}

	if (rv_glue.mode == RELVDSO_MODE_NORMAL) {
		if (img->alloc_size > sizeof(rv_normal_pages)) {
			rv_disable("image larger than the normal-mode pages");
			return;
		}
		memcpy(rv_normal_pages, img->data, img->alloc_size);
		rv_inject_skip(img, NULL);
		rv_fill_vdso_image(img, rv_normal_pages);
		vdso32_enabled = RELVDSO_LINUX_NORMAL;
		return;
	}

	/* Compat: the glue relocated the image into rv_compat_page. */
	fix = __fix_to_virt(FIX_RELVDSO);
	data = __fix_to_virt(FIX_RELVDSO_DATA);
	if (rv_glue.compat_base != fix || rv_glue.fixmap.data != data) {
		pr_err("relvdso: compat vDSO relocated to 0x%08x, data page 0x%08x, but FIX_RELVDSO is 0x%08lx, FIX_RELVDSO_DATA 0x%08lx\n",
		       rv_glue.compat_base, rv_glue.fixmap.data, fix, data);
		rv_disable("fixmap rule mismatch");
		return;
	}
	rv_inject_skip(img, rv_compat_page);
	rv_fill_vdso_image(img, rv_compat_page);
	rv_data_compat = true;
	__set_fixmap(FIX_RELVDSO, __pa_symbol(rv_compat_page), PAGE_READONLY_EXEC);
	__set_fixmap(FIX_RELVDSO_DATA, __pa_symbol(&rv_data), PAGE_READONLY);
	rv_pmd_set_user(fix);
	rv_pmd_set_user(data);
	pti_clone_relvdso_gate(fix);
	pti_clone_relvdso_gate(data);
	__flush_tlb_all();
	rv_gate_addr = fix;
	rv_gate_vma.vm_start = fix;
	rv_gate_vma.vm_end = fix + PAGE_SIZE;
	vdso32_enabled = RELVDSO_LINUX_COMPAT;
	pr_info("relvdso: compat gate page 0x%08lx-0x%08lx r-x (user), backed by pfn 0x%lx\n",
		fix, fix + PAGE_SIZE, __pa_symbol(rv_compat_page) >> PAGE_SHIFT);
	pr_info("relvdso: compat data page 0x%08lx-0x%08lx r--%s (user), backed by pfn 0x%lx\n",
		data, data + PAGE_SIZE, __supported_pte_mask & _PAGE_NX ? " nx" : "",
		__pa_symbol(&rv_data) >> PAGE_SHIFT);
}

int relvdso_linux_exec(struct mm_struct *mm, unsigned long random_base)
{
	struct relvdso_exec ex;

	relvdso_glue_exec(&rv_glue, random_base, &ex);
	if (!ex.present) {
		mm->context.vdso = NULL;
		return 0;
	}
	/* map_vdso() put [vvar] (normal) where the glue expects the data page */
	if (WARN_ON_ONCE(ex.at_sysinfo != ex.base + vdso_image_32.sym___kernel_vsyscall ||
			 ex.landing_pad != ex.base + vdso_image_32.sym_int80_landing_pad ||
			 ex.data != ex.base + vdso_image_32.sym_vvar_page ||
			 ex.data_size != -vdso_image_32.sym_vvar_start)) {
		mm->context.vdso = NULL;
		return 0;
	}
	mm->context.vdso = (void __user *)(unsigned long)ex.base;
	mm->context.vdso_image = &vdso_image_32;
	return 0;
}

/* ---- the gate area (compat mode) ------------------------------------- */

struct vm_area_struct *get_gate_vma(struct mm_struct *mm)
{
	if (!rv_gate_addr || !mm || (unsigned long)mm->context.vdso != rv_gate_addr)
		return NULL;
	return &rv_gate_vma;
}

int in_gate_area(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = get_gate_vma(mm);

	return vma && addr >= vma->vm_start && addr < vma->vm_end;
}

int in_gate_area_no_mm(unsigned long addr)
{
	return rv_gate_addr && (addr & PAGE_MASK) == rv_gate_addr;
}

/* ---- the time data page ---------------------------------------------- */

/*
 * Only this file knows struct vdso_data (relvdso_version.h pins the
 * release's layout of it).  relvdso's page keeps Linux's numbering of
 * clocks and bases.
 */
static_assert(sizeof(struct vdso_timestamp) == sizeof(struct relvdso_data_base));
static_assert(VDSO_BASES == RELVDSO_DATA_CLOCKS && CS_BASES == RELVDSO_DATA_CS_COUNT);
static_assert(CS_HRES_COARSE == RELVDSO_DATA_CS_HRES && CS_RAW == RELVDSO_DATA_CS_RAW);

/* The block Linux keeps the base of clock @id in. */
#define RV_LINUX_BLOCK(id)	(BIT(id) & VDSO_RAW ? CS_RAW : CS_HRES_COARSE)
/* Linux's clocks stored as relvdso's @kind says: hres bases shifted, coarse ones not. */
#define RV_LINUX_KIND(kind)	((kind) == RELVDSO_DATA_COARSE ? VDSO_COARSE : VDSO_HRES | VDSO_RAW)

/*
 * The clocks relvdso serves, with the block each one's base comes from.
 * A clock whose id, block or kind is not Linux's fails the build.
 */
#define RV_BASE(name, id, kind, cs)						\
	{ .clock = CLOCK_##name + BUILD_BUG_ON_ZERO(CLOCK_##name != (id) ||	\
			!(BIT(CLOCK_##name) & RV_LINUX_KIND(kind))),		\
	  .block = RV_LINUX_BLOCK(CLOCK_##name) +				\
		   BUILD_BUG_ON_ZERO(RV_LINUX_BLOCK(CLOCK_##name) != (cs)) },

static const struct {
	u8 clock;
	u8 block;
} rv_bases[] = {
	RELVDSO_DATA_CLOCK_IDS(RV_BASE)
};

/* How rdtsc_ordered() reads the TSC (its alternatives): rdtscp wins. */
static u32 rv_tsc_flags(void)
{
	if (boot_cpu_has(X86_FEATURE_RDTSCP))
		return RELVDSO_DATA_TSC_RDTSCP;
	return boot_cpu_has(X86_FEATURE_LFENCE_RDTSC) ? RELVDSO_DATA_TSC_LFENCE : 0;
}

/*
 * The kernel's values as they are, read under the kernel's seq: on the
 * tick path it is even and still, but the tz and time namespace paths
 * can run while the tick rewrites it.
 */
static void rv_copy_time(struct relvdso_data *d, const struct vdso_data *vd)
{
	const struct vdso_data *hres = &vd[CS_HRES_COARSE];
	const struct vdso_timestamp *ts;
	unsigned int i;
	u32 seq;

	do {
		seq = vdso_read_begin(hres);
		d->clock_mode = hres->clock_mode == VDSO_CLOCKMODE_TSC ?
				RELVDSO_DATA_CLOCK_TSC : RELVDSO_DATA_CLOCK_NONE;
		for (i = 0; i < RELVDSO_DATA_CS_COUNT; i++) {
			d->cs[i].cycle_last = vd[i].cycle_last;
			d->cs[i].mask = vd[i].mask;
			d->cs[i].mult = vd[i].mult;
			d->cs[i].shift = vd[i].shift;
		}
		for (i = 0; i < ARRAY_SIZE(rv_bases); i++) {
			ts = &vd[rv_bases[i].block].basetime[rv_bases[i].clock];
			d->base[rv_bases[i].clock].sec = ts->sec;
			d->base[rv_bases[i].clock].nsec = ts->nsec;
		}
		d->tz_minuteswest = hres->tz_minuteswest;
		d->tz_dsttime = hres->tz_dsttime;
		d->hrtimer_res = READ_ONCE(hres->hrtimer_res);
	} while (vdso_read_retry(hres, seq));
}

static void rv_sync(const struct vdso_data *vd)
{
	struct relvdso_data *d = &rv_data.d;
	unsigned long irqflags;
	u32 slow;

	raw_spin_lock_irqsave(&rv_data_lock, irqflags);
	slow = rv_data_compat && atomic_read(&rv_time_ns) > 0 ? RELVDSO_DATA_SLOW : 0;
	WRITE_ONCE(d->seq, d->seq + 1);
	/* an odd seq before the values: readers retry (relvdso/vdso_data.h) */
	smp_wmb();
	d->magic = rv_data_magic;
	d->version = RELVDSO_DATA_VERSION;
	d->flags = rv_tsc_flags() | slow;
	d->coarse_res = LOW_RES_NSEC;
	rv_copy_time(d, vd);
	/* the values before the even seq that publishes them */
	smp_wmb();
	WRITE_ONCE(d->seq, d->seq + 1);
	raw_spin_unlock_irqrestore(&rv_data_lock, irqflags);
}

/* Also before relvdso_linux_boot(): timekeeping_init() runs first. */
void relvdso_linux_sync_time(const struct vdso_data *vdata)
{
	WRITE_ONCE(rv_kdata, vdata);
	rv_sync(vdata);
}

unsigned long relvdso_linux_data_pfn(bool in_time_ns)
{
	return __pa_symbol(in_time_ns ? &rv_slow_data : &rv_data) >> PAGE_SHIFT;
}

void relvdso_linux_time_ns(int delta)
{
	const struct vdso_data *vd = READ_ONCE(rv_kdata);

	atomic_add(delta, &rv_time_ns);
	if (vd)
		rv_sync(vd);
}
