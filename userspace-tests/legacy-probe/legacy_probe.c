// SPDX-License-Identifier: GPL-2.0-only
/*
 * legacy-probe: behave towards the vDSO the way glibc 2.3.3 (and SUSE 9's
 * "2.3.2") does, as docs/design.md documents it, and report what such a libc
 * would experience.  No glibc code; no libc at all.
 *
 * What that libc does with AT_SYSINFO_EHDR:
 *  - takes the image as prelinked: PT_LOAD / PT_DYNAMIC p_vaddr, the dynamic
 *    pointers (DT_HASH, DT_STRTAB, DT_SYMTAB, DT_VERSYM, DT_VERDEF) and the
 *    symbol values are absolute addresses — there is no load bias;
 *  - asserts that the first PT_LOAD's p_vaddr equals AT_SYSINFO_EHDR
 *    ("dl_main: Assertion `(void *) ph->p_vaddr == _rtld_local._dl_sysinfo_dso'
 *    failed!") and aborts otherwise;
 *  - looks symbols up through DT_HASH with symbol versions;
 *  - makes system calls through e_entry, and through AT_SYSINFO.
 *  Without AT_SYSINFO* it simply uses int $0x80.
 *
 * Output: one line per finding and a final "legacy-probe: verdict=V" with
 *   compat-ok  exit 0   everything above holds: legacy glibc would run
 *   no-vdso    exit 0   no AT_SYSINFO*: legacy glibc would use int $0x80
 *   mismatch   exit 1   the assertion above fails: legacy glibc would abort
 *   broken     exit 3   something else is wrong with the image or the calls
 */
#include <stdint.h>
#include <stddef.h>
#include <elf.h>

#define NR_exit_group	252
#define NR_write	4
#define NR_getpid	20
#define NR_getppid	64

enum verdict { COMPAT_OK = 0, MISMATCH = 1, BROKEN = 3 };

/* ---- output through raw int $0x80 ---- */

static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	int80(NR_write, 1, (long)s, (long)str_len(s));
}

static void put_hex(uint32_t v)
{
	char buf[11] = "0x";
	int i;

	for (i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
	buf[10] = '\0';
	put(buf);
}

static void put_dec(uint32_t v)
{
	char buf[12];
	int i = 11;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(buf + i);
}

static int finish(const char *verdict, int code)
{
	put("legacy-probe: verdict=");
	put(verdict);
	put("\n");
	return code;
}

static int broken(const char *what)
{
	put("legacy-probe: broken: ");
	put(what);
	put("\n");
	return finish("broken", BROKEN);
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The System V ELF hash, as DT_HASH buckets use it. */
static uint32_t elf_hash(const char *name)
{
	uint32_t h = 0, g;

	while (*name) {
		h = (h << 4) + (uint8_t)*name++;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* The image as legacy glibc sees it: every address taken as absolute. */
struct vdso_view {
	const Elf32_Ehdr *eh;
	const Elf32_Dyn *dyn;
	const uint32_t *hash;		/* nbucket, nchain, buckets, chains */
	const Elf32_Sym *symtab;
	const char *strtab;
	const uint16_t *versym;
	const Elf32_Verdef *verdef;
	uint32_t lo, hi;		/* the PT_LOAD range, absolute */
};

static int in_image(const struct vdso_view *v, uint32_t addr, uint32_t len)
{
	return addr >= v->lo && addr <= v->hi && len <= v->hi - addr;
}

/* The version name a .gnu.version index stands for. */
static const char *version_name(const struct vdso_view *v, uint16_t index)
{
	const Elf32_Verdef *d = v->verdef;
	int guard;

	for (guard = 0; d && guard < 64; guard++) {
		if ((d->vd_ndx & 0x7fff) == (index & 0x7fff)) {
			const Elf32_Verdaux *aux = (const void *)((const char *)d + d->vd_aux);

			return v->strtab + aux->vda_name;
		}
		if (!d->vd_next)
			break;
		d = (const void *)((const char *)d + d->vd_next);
	}
	return NULL;
}

static uint32_t lookup(const struct vdso_view *v, const char *name, const char *version)
{
	uint32_t nbucket = v->hash[0], nchain = v->hash[1], i, guard;
	const uint32_t *bucket = v->hash + 2, *chain = bucket + nbucket;

	if (!nbucket)
		return 0;
	for (i = bucket[elf_hash(name) % nbucket], guard = 0; i && i < nchain && guard < nchain;
	     i = chain[i], guard++) {
		const Elf32_Sym *s = &v->symtab[i];
		const char *vn;

		if (s->st_shndx == SHN_UNDEF || !str_eq(v->strtab + s->st_name, name))
			continue;
		vn = v->versym ? version_name(v, v->versym[i]) : NULL;
		if (vn && str_eq(vn, version))
			return s->st_value;
	}
	return 0;
}

static long call_vsyscall(uint32_t entry, long nr)
{
	long ret;

	/* __kernel_vsyscall preserves every register but eax */
	__asm__ volatile("call *%[fn]" : "=a"(ret) : [fn] "r"(entry), "0"(nr) : "memory", "cc");
	return ret;
}

static int check_dynamic(struct vdso_view *v)
{
	const Elf32_Dyn *d;

	for (d = v->dyn; d->d_tag != DT_NULL; d++) {
		uint32_t p = d->d_un.d_ptr;

		switch (d->d_tag) {
		case DT_HASH:	v->hash = (const void *)p; break;
		case DT_STRTAB:	v->strtab = (const void *)p; break;
		case DT_SYMTAB:	v->symtab = (const void *)p; break;
		case DT_VERSYM:	v->versym = (const void *)p; break;
		case DT_VERDEF:	v->verdef = (const void *)p; break;
		default:	continue;
		}
		if (!in_image(v, p, 4)) {
			put("legacy-probe: dynamic pointer ");
			put_hex(p);
			put(" lies outside the image\n");
			return 0;
		}
	}
	return v->hash && v->strtab && v->symtab;
}

int probe_main(uint32_t *sp)
{
	uint32_t argc = sp[0], *p = sp + 1 + argc + 1, ehdr = 0, sysinfo = 0;
	uint32_t vsyscall, i;
	struct vdso_view v = { 0 };
	const Elf32_Phdr *ph;
	long pid;

	while (*p)
		p++;				/* skip envp */
	for (p++; p[0] != AT_NULL; p += 2) {
		if (p[0] == AT_SYSINFO_EHDR)
			ehdr = p[1];
		if (p[0] == AT_SYSINFO)
			sysinfo = p[1];
	}
	put("legacy-probe: AT_SYSINFO_EHDR ");
	put_hex(ehdr);
	put(" AT_SYSINFO ");
	put_hex(sysinfo);
	put("\n");
	pid = int80(NR_getpid, 0, 0, 0);
	if (!ehdr && !sysinfo) {
		put("legacy-probe: no vDSO: system calls through int $0x80 (getpid ");
		put_dec((uint32_t)pid);
		put(")\n");
		return finish("no-vdso", COMPAT_OK);
	}
	if (!ehdr || !sysinfo)
		return broken("only one of AT_SYSINFO and AT_SYSINFO_EHDR given");

	v.eh = (const Elf32_Ehdr *)ehdr;
	if (v.eh->e_ident[EI_MAG0] != ELFMAG0 || v.eh->e_ident[EI_MAG1] != ELFMAG1 ||
	    v.eh->e_ident[EI_CLASS] != ELFCLASS32 || v.eh->e_machine != EM_386)
		return broken("AT_SYSINFO_EHDR is not an i386 ELF header");
	ph = (const Elf32_Phdr *)(ehdr + v.eh->e_phoff);
	for (i = 0; i < v.eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !v.hi) {
			put("legacy-probe: PT_LOAD p_vaddr ");
			put_hex(ph[i].p_vaddr);
			put("\n");
			if (ph[i].p_vaddr != ehdr) {
				put("legacy-probe: mismatch: glibc 2.3.3 aborts here: dl_main: Assertion "
				    "`(void *) ph->p_vaddr == _rtld_local._dl_sysinfo_dso' failed!\n");
				return finish("mismatch", MISMATCH);
			}
			v.lo = ph[i].p_vaddr;
			v.hi = ph[i].p_vaddr + ph[i].p_memsz;
		}
	}
	for (i = 0; i < v.eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			v.dyn = (const Elf32_Dyn *)ph[i].p_vaddr;
	if (!v.hi || !v.dyn || !in_image(&v, (uint32_t)v.dyn, sizeof(*v.dyn)))
		return broken("no PT_LOAD, or PT_DYNAMIC outside the image");
	if (!check_dynamic(&v))
		return broken("DT_HASH, DT_STRTAB or DT_SYMTAB missing or outside the image");

	vsyscall = lookup(&v, "__kernel_vsyscall", "LINUX_2.5");
	put("legacy-probe: __kernel_vsyscall@LINUX_2.5 ");
	put_hex(vsyscall);
	put(", e_entry ");
	put_hex(v.eh->e_entry);
	put("\n");
	if (!vsyscall || vsyscall != v.eh->e_entry || vsyscall != sysinfo)
		return broken("__kernel_vsyscall, e_entry and AT_SYSINFO disagree");
	if (!lookup(&v, "__kernel_sigreturn", "LINUX_2.5") ||
	    !lookup(&v, "__kernel_rt_sigreturn", "LINUX_2.5"))
		return broken("sigreturn trampolines not found through DT_HASH");
	if (call_vsyscall(v.eh->e_entry, NR_getpid) != pid ||
	    call_vsyscall(sysinfo, NR_getppid) != int80(NR_getppid, 0, 0, 0))
		return broken("a system call through e_entry / AT_SYSINFO gave a wrong answer");
	put("legacy-probe: getpid through e_entry and getppid through AT_SYSINFO agree with int $0x80\n");
	return finish("compat-ok", COMPAT_OK);
}
