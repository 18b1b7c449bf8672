// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-show: print what an i386 process sees of its vDSO — the two auxv
 * entries, the image's symbols with their versions (read through its own
 * dynamic section, with the load bias applied as modern glibc does), the
 * entry instruction behind AT_SYSINFO, and a system call made through it.
 * The demo program of `make demo`.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#define NR_getppid 64

struct image {
	uintptr_t bias;		/* runtime address - link address */
	const Elf32_Sym *sym;
	const char *str;
	const uint16_t *versym;
	const Elf32_Verdef *verdef;
	uint32_t nsym;
};

static const char *entry_method(const uint8_t *p)
{
	/* push %ecx; push %edx; push %ebp; then the entry itself */
	static const struct { uint8_t bytes[4]; const char *name; } methods[] = {
		{ { 0x89, 0xe5, 0x0f, 0x34 }, "sysenter (movl %esp,%ebp; sysenter)" },
		{ { 0x89, 0xcd, 0x0f, 0x05 }, "syscall (movl %ecx,%ebp; syscall)" },
		{ { 0xcd, 0x80 }, "int $0x80" },
	};
	size_t i;

	if (p[0] != 0x51 || p[1] != 0x52 || p[2] != 0x55)
		return "unknown (not the push ecx/edx/ebp convention)";
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!memcmp(p + 3, methods[i].bytes, methods[i].bytes[0] == 0xcd ? 2 : 4))
			return methods[i].name;
	return "unknown";
}

static const char *version_of(const struct image *im, uint32_t i)
{
	const Elf32_Verdef *d = im->verdef;

	if (!im->versym || !d)
		return "";
	for (;;) {
		if (d->vd_ndx == (im->versym[i] & 0x7fff))
			return im->str + ((const Elf32_Verdaux *)((const char *)d + d->vd_aux))->vda_name;
		if (!d->vd_next)
			return "?";
		d = (const void *)((const char *)d + d->vd_next);
	}
}

static int load(uintptr_t ehdr, struct image *im)
{
	const Elf32_Ehdr *eh = (const void *)ehdr;
	const Elf32_Phdr *ph = (const void *)(ehdr + eh->e_phoff);
	const Elf32_Dyn *dyn = NULL;
	int i;

	memset(im, 0, sizeof(*im));
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			im->bias = ehdr - ph[i].p_vaddr;
			break;
		}
	for (i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)(ph[i].p_vaddr + im->bias);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(dyn->d_un.d_ptr + im->bias);

		switch (dyn->d_tag) {
		case DT_SYMTAB: im->sym = p; break;
		case DT_STRTAB: im->str = p; break;
		case DT_VERSYM: im->versym = p; break;
		case DT_VERDEF: im->verdef = p; break;
		case DT_HASH:	im->nsym = ((const uint32_t *)p)[1]; break;
		}
	}
	return im->sym && im->str && im->nsym ? 0 : -1;
}

int main(void)
{
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR), sysinfo = getauxval(AT_SYSINFO);
	struct timespec ts;
	struct image im;
	uint32_t i;
	long via;

	printf("vdso-show: pid %d\n", (int)getpid());
	printf("  AT_SYSINFO_EHDR  0x%08lx\n", (unsigned long)ehdr);
	printf("  AT_SYSINFO       0x%08lx\n", (unsigned long)sysinfo);
	if (!ehdr || !sysinfo) {
		printf("  no vDSO: glibc makes every system call with int $0x80\n");
		clock_gettime(CLOCK_MONOTONIC, &ts);
		printf("  clock_gettime(CLOCK_MONOTONIC) through the kernel: %ld.%09ld\n",
		       (long)ts.tv_sec, ts.tv_nsec);
		return 0;
	}
	if (load(ehdr, &im) != 0) {
		printf("  the image has no usable dynamic section\n");
		return 1;
	}
	printf("  image linked at  0x%08lx (load bias %#lx: %s)\n", (unsigned long)(ehdr - im.bias),
	       (unsigned long)im.bias, im.bias ? "normal, relocatable" : "prelinked, as legacy glibc needs");
	printf("  symbols:\n");
	for (i = 1; i < im.nsym; i++)
		if (im.sym[i].st_shndx != SHN_UNDEF && im.sym[i].st_shndx != SHN_ABS)
			printf("    0x%08lx  %-30s %s\n", (unsigned long)(im.sym[i].st_value + im.bias),
			       im.str + im.sym[i].st_name, version_of(&im, i));
	printf("  entry method     %s\n", entry_method((const uint8_t *)sysinfo));
	__asm__ volatile("call *%1" : "=a"(via) : "r"(sysinfo), "0"(NR_getppid) : "memory", "cc");
	printf("  getppid() through AT_SYSINFO = %ld (libc says %d)\n", via, (int)getppid());
	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("  clock_gettime(CLOCK_MONOTONIC) through the vDSO: %ld.%09ld\n",
	       (long)ts.tv_sec, ts.tv_nsec);
	return via == getppid() ? 0 : 1;
}
