// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-reloc: what relocation costs.
 *
 *   1. each real image (relvdso_image_int80/_sysenter/_syscall): check +
 *      apply (relvdso_reloc_apply runs the whole check first) versus memcpy
 *      of the same bytes, and check alone;
 *   2. synthetic ELF32 images with 10 ... 10,000 symbols and/or dynamic
 *      entries, generated here, each accepted by relvdso_reloc_check: the
 *      cost of check + apply as a function of the count (three series:
 *      symbols only, dynamic entries only, both).
 *
 * Every measurement is a batch timed with this thread's CPU clock; rounds are
 * interleaved (every case once per round) so background load hits all of
 * them.  Output lines, for bench-report:
 *   reloc IMAGE SIZE ROUND APPLY_NS CHECK_NS MEMCPY_NS
 *   scale SERIES COUNT SIZE ROUND APPLY_NS MEMCPY_NS
 * usage: bench-reloc [-r ROUNDS] [-w FILE]   (-w: write one synthetic image
 *        with 1000 symbols and dynamic entries to FILE, for readelf)
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <relvdso/image.h>
#include <relvdso/reloc.h>

#define NEW_BASE	0xfeffe000u	/* vdsorun's default compat slot */

/*
 * This thread's CPU time (user + system), not wall time: on a shared
 * machine the time other jobs hold the CPU would otherwise be counted.
 */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Keep the compiler from dropping or merging the copies. */
static void clobber(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

static void die(const char *what)
{
	fprintf(stderr, "bench-reloc: %s\n", what);
	exit(1);
}

/*
 * ns per check + apply.  The image ping-pongs 0 -> NEW_BASE -> 0, so every
 * call does the full work on a valid image and the buffer ends where it
 * started.
 */
static double time_apply(uint8_t *buf, uint32_t size, long iters)
{
	double t0 = now_ns();
	long i;

	for (i = 0; i < iters; i++) {
		uint32_t from = i & 1 ? NEW_BASE : 0, to = i & 1 ? 0 : NEW_BASE;

		if (relvdso_reloc_apply(buf, size, from, to, NULL) != RELVDSO_RELOC_OK)
			die("a valid image was refused");
		clobber(buf);
	}
	if (iters & 1 && relvdso_reloc_apply(buf, size, NEW_BASE, 0, NULL))
		die("rebase back refused");
	return (now_ns() - t0) / iters;
}

static double time_check(const uint8_t *buf, uint32_t size, long iters)
{
	double t0 = now_ns();
	long i;

	for (i = 0; i < iters; i++) {
		if (relvdso_reloc_check(buf, size, 0, NEW_BASE) != RELVDSO_RELOC_OK)
			die("a valid image was refused");
		clobber((void *)buf);
	}
	return (now_ns() - t0) / iters;
}

static double time_memcpy(uint8_t *dst, const uint8_t *src, uint32_t size, long iters)
{
	double t0 = now_ns();
	long i;

	for (i = 0; i < iters; i++) {
		memcpy(dst, src, size);
		clobber(dst);
	}
	return (now_ns() - t0) / iters;
}

/* --- synthetic images ------------------------------------------------ */

struct synth {
	uint8_t *data;
	uint32_t size;
};

static uint32_t align4(uint32_t x)
{
	return (x + 3) & ~3u;
}

/*
 * A valid ELF32 i386 ET_DYN linked at 0: one PT_LOAD over the whole file,
 * PT_DYNAMIC, sections .hash .dynsym .dynstr .text .dynamic .shstrtab.
 * @nsym defined function symbols in .dynsym (plus the null symbol), and
 * @ndyn extra dynamic entries (alternately DT_INIT, a pointer the relocator
 * rebases, and DT_DEBUG, a value it only classifies) after the six it needs.
 */
static struct synth make_synth(uint32_t nsym, uint32_t ndyn)
{
	static const char shstr[] =
		"\0.hash\0.dynsym\0.dynstr\0.text\0.dynamic\0.shstrtab";
	enum { S_NULL, S_HASH, S_DYNSYM, S_DYNSTR, S_TEXT, S_DYNAMIC, S_SHSTR, S_NUM };
	/* offsets of the names in shstr */
	static const uint32_t shname[S_NUM] = { 0, 1, 7, 15, 23, 29, 38 };
	const uint32_t nbucket = nsym / 4 + 1, nent = nsym + 1, text_size = 4096;
	uint32_t off_ph, off_hash, off_sym, off_str, str_size, off_text, off_dyn,
		 ndyn_all, off_shstr, off_sh, size, i, *hash;
	Elf32_Ehdr *eh;
	Elf32_Phdr *ph;
	Elf32_Shdr *sh;
	Elf32_Sym *sym;
	Elf32_Dyn *dyn;
	char *str;
	uint8_t *p;

	str_size = 1 + sizeof("linux-gate.so.1");
	for (i = 1; i <= nsym; i++)
		str_size += (uint32_t)snprintf(NULL, 0, "sym%u", i) + 1;
	ndyn_all = 6 + ndyn + 1;

	off_ph = sizeof(Elf32_Ehdr);
	off_hash = off_ph + 2 * sizeof(Elf32_Phdr);
	off_sym = align4(off_hash + 4 * (2 + nbucket + nent));
	off_str = off_sym + nent * sizeof(Elf32_Sym);
	off_text = (off_str + str_size + 15) & ~15u;
	off_dyn = off_text + text_size;
	off_shstr = off_dyn + ndyn_all * sizeof(Elf32_Dyn);
	off_sh = align4(off_shstr + sizeof(shstr));
	size = off_sh + S_NUM * sizeof(Elf32_Shdr);

	p = calloc(1, size);
	if (!p)
		die("out of memory");
	eh = (Elf32_Ehdr *)p;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = off_text;
	eh->e_phoff = off_ph;
	eh->e_shoff = off_sh;
	eh->e_ehsize = sizeof(Elf32_Ehdr);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 2;
	eh->e_shentsize = sizeof(Elf32_Shdr);
	eh->e_shnum = S_NUM;
	eh->e_shstrndx = S_SHSTR;

	ph = (Elf32_Phdr *)(p + off_ph);
	ph[0] = (Elf32_Phdr){ PT_LOAD, 0, 0, 0, size, size, PF_R | PF_X, 4096 };
	ph[1] = (Elf32_Phdr){ PT_DYNAMIC, off_dyn, off_dyn, off_dyn,
			      ndyn_all * sizeof(Elf32_Dyn), ndyn_all * sizeof(Elf32_Dyn),
			      PF_R, 4 };

	/* strings: "", soname, sym1, sym2, ... */
	str = (char *)p + off_str;
	memcpy(str + 1, "linux-gate.so.1", sizeof("linux-gate.so.1"));
	sym = (Elf32_Sym *)(p + off_sym);
	{
		uint32_t at = 1 + sizeof("linux-gate.so.1");

		for (i = 1; i <= nsym; i++) {
			sym[i].st_name = at;
			sym[i].st_value = off_text + (i * 16) % text_size;
			sym[i].st_size = 16;
			sym[i].st_info = ELF32_ST_INFO(STB_GLOBAL, STT_FUNC);
			sym[i].st_shndx = S_TEXT;
			at += (uint32_t)sprintf(str + at, "sym%u", i) + 1;
		}
	}

	/* SysV hash: every symbol chained into its bucket by the real hash */
	hash = (uint32_t *)(p + off_hash);
	hash[0] = nbucket;
	hash[1] = nent;
	for (i = 1; i <= nsym; i++) {
		const unsigned char *n = (const unsigned char *)str + sym[i].st_name;
		uint32_t h = 0, g, b;

		while (*n) {
			h = (h << 4) + *n++;
			g = h & 0xf0000000u;
			if (g)
				h ^= g >> 24;
			h &= ~g;
		}
		b = h % nbucket;
		hash[2 + nbucket + i] = hash[2 + b];
		hash[2 + b] = i;
	}

	memset(p + off_text, 0xc3, text_size);	/* ret */

	dyn = (Elf32_Dyn *)(p + off_dyn);
	dyn[0] = (Elf32_Dyn){ DT_HASH, { off_hash } };
	dyn[1] = (Elf32_Dyn){ DT_STRTAB, { off_str } };
	dyn[2] = (Elf32_Dyn){ DT_SYMTAB, { off_sym } };
	dyn[3] = (Elf32_Dyn){ DT_STRSZ, { str_size } };
	dyn[4] = (Elf32_Dyn){ DT_SYMENT, { sizeof(Elf32_Sym) } };
	dyn[5] = (Elf32_Dyn){ DT_SONAME, { 1 } };
	for (i = 0; i < ndyn; i++)
		dyn[6 + i] = i & 1 ? (Elf32_Dyn){ DT_DEBUG, { 0 } } :
				     (Elf32_Dyn){ DT_INIT, { off_text + (i * 4) % text_size } };
	dyn[6 + ndyn] = (Elf32_Dyn){ DT_NULL, { 0 } };

	memcpy(p + off_shstr, shstr, sizeof(shstr));
	sh = (Elf32_Shdr *)(p + off_sh);
	for (i = 0; i < S_NUM; i++)
		sh[i].sh_name = shname[i];
	sh[S_HASH] = (Elf32_Shdr){ shname[S_HASH], SHT_HASH, SHF_ALLOC, off_hash, off_hash,
				   4 * (2 + nbucket + nent), S_DYNSYM, 0, 4, 4 };
	sh[S_DYNSYM] = (Elf32_Shdr){ shname[S_DYNSYM], SHT_DYNSYM, SHF_ALLOC, off_sym, off_sym,
				     nent * sizeof(Elf32_Sym), S_DYNSTR, 1, 4, sizeof(Elf32_Sym) };
	sh[S_DYNSTR] = (Elf32_Shdr){ shname[S_DYNSTR], SHT_STRTAB, SHF_ALLOC, off_str, off_str,
				     str_size, 0, 0, 1, 0 };
	sh[S_TEXT] = (Elf32_Shdr){ shname[S_TEXT], SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
				   off_text, off_text, text_size, 0, 0, 16, 0 };
	sh[S_DYNAMIC] = (Elf32_Shdr){ shname[S_DYNAMIC], SHT_DYNAMIC, SHF_ALLOC, off_dyn, off_dyn,
				      ndyn_all * sizeof(Elf32_Dyn), S_DYNSTR, 0, 4,
				      sizeof(Elf32_Dyn) };
	sh[S_SHSTR] = (Elf32_Shdr){ shname[S_SHSTR], SHT_STRTAB, 0, 0, off_shstr,
				    sizeof(shstr), 0, 0, 1, 0 };

	return (struct synth){ p, size };
}

/* Enough iterations for a batch of about @budget_ns, at least 3. */
static long iters_for(double ns_each, double budget_ns)
{
	long n = (long)(budget_ns / (ns_each > 1 ? ns_each : 1));

	return n < 3 ? 3 : n;
}

int main(int argc, char **argv)
{
	static const struct relvdso_image *const real[] = {
		&relvdso_image_int80, &relvdso_image_sysenter, &relvdso_image_syscall,
	};
	static const uint32_t counts[] = { 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };
	static const char *const series[] = { "symbols", "dynamic", "both" };
	enum { NREAL = sizeof(real) / sizeof(real[0]), NCOUNT = sizeof(counts) / sizeof(counts[0]) };
	struct synth syn[3][NCOUNT];
	long rounds = 9, r, it_apply[NREAL], it_check[NREAL], it_copy[NREAL],
	     syn_it[3][NCOUNT], syn_cp[3][NCOUNT];
	uint8_t *buf[NREAL], *dst;
	const char *write_to = NULL;
	size_t i, s, c;
	int opt;

	while ((opt = getopt(argc, argv, "r:w:")) != -1) {
		switch (opt) {
		case 'r': rounds = atol(optarg); break;
		case 'w': write_to = optarg; break;
		default:
			fprintf(stderr, "usage: bench-reloc [-r ROUNDS] [-w FILE]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (write_to) {
		struct synth x = make_synth(1000, 1000);
		FILE *f = fopen(write_to, "wb");

		if (!f || fwrite(x.data, 1, x.size, f) != x.size || fclose(f))
			die("cannot write the synthetic image");
		return relvdso_reloc_check(x.data, x.size, 0, NEW_BASE) ? 1 : 0;
	}

	dst = malloc(1 << 20);
	if (!dst)
		die("out of memory");
	/* calibrate: ~20 ms batches for the real images, ~5 ms for synthetic ones */
	for (i = 0; i < NREAL; i++) {
		buf[i] = aligned_alloc(4096, real[i]->alloc_size);
		if (!buf[i])
			die("out of memory");
		memcpy(buf[i], real[i]->data, real[i]->size);
		it_apply[i] = iters_for(time_apply(buf[i], real[i]->size, 2000), 2e7);
		it_check[i] = iters_for(time_check(buf[i], real[i]->size, 2000), 2e7);
		it_copy[i] = iters_for(time_memcpy(dst, real[i]->data, real[i]->size, 20000), 2e7);
	}
	for (s = 0; s < 3; s++) {
		for (c = 0; c < NCOUNT; c++) {
			uint32_t nsym = s == 1 ? 0 : counts[c], ndyn = s == 0 ? 0 : counts[c];
			enum relvdso_reloc_err err;

			syn[s][c] = make_synth(nsym, ndyn);
			err = relvdso_reloc_check(syn[s][c].data, syn[s][c].size, 0, NEW_BASE);
			if (err != RELVDSO_RELOC_OK) {
				fprintf(stderr, "bench-reloc: synthetic %s %u refused: %s\n",
					series[s], counts[c], relvdso_reloc_strerror(err));
				return 1;
			}
			syn_it[s][c] = iters_for(time_apply(syn[s][c].data, syn[s][c].size, 5), 5e6);
			syn_cp[s][c] = iters_for(time_memcpy(dst, syn[s][c].data, syn[s][c].size, 50), 2e6);
		}
	}

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < NREAL; i++) {
			double a = time_apply(buf[i], real[i]->size, it_apply[i]);
			double k = time_check(buf[i], real[i]->size, it_check[i]);
			double m = time_memcpy(dst, real[i]->data, real[i]->size, it_copy[i]);

			printf("reloc %s %u %ld %.2f %.2f %.2f\n", real[i]->name,
			       real[i]->size, r, a, k, m);
		}
		for (s = 0; s < 3; s++) {
			for (c = 0; c < NCOUNT; c++) {
				double a = time_apply(syn[s][c].data, syn[s][c].size, syn_it[s][c]);
				double m = time_memcpy(dst, syn[s][c].data, syn[s][c].size, syn_cp[s][c]);

				printf("scale %s %u %u %ld %.2f %.2f\n", series[s], counts[c],
				       syn[s][c].size, r, a, m);
			}
		}
	}
	return 0;
}
