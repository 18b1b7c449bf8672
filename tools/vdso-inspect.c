// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-inspect: print what a loader sees in a vDSO image -- ELF header,
 * segments, dynamic tags, version definitions, .dynsym with versions, the
 * entry point, the landing pad and the sigreturn trampolines' bytes --
 * through libelf.  Addresses are printed
 * as found, so an image relocated to any base reads as naturally as one
 * linked at 0.
 *
 * Exit 0: printed.  1: not an ELF file, truncated or unreadable.  2: bad usage.
 */
#include "vdso_dynview.h"
#include "vdso_validate.h"
#include "file_io.h"
#include "tool_cli.h"

#include <relvdso/image.h>
#include <relvdso/reloc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum exit_code {
	EXIT_OK = TOOL_EXIT_OK, EXIT_UNREADABLE = TOOL_EXIT_FAILURE, EXIT_USAGE = TOOL_EXIT_USAGE
};

struct name {
	uint64_t value;
	const char *name;
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct name phdr_types[] = {
	{ PT_NULL, "NULL" },		{ PT_LOAD, "LOAD" },
	{ PT_DYNAMIC, "DYNAMIC" },	{ PT_INTERP, "INTERP" },
	{ PT_NOTE, "NOTE" },		{ PT_PHDR, "PHDR" },
	{ PT_TLS, "TLS" },		{ PT_GNU_EH_FRAME, "GNU_EH_FRAME" },
	{ PT_GNU_STACK, "GNU_STACK" },	{ PT_GNU_RELRO, "GNU_RELRO" },
	{ PT_GNU_PROPERTY, "GNU_PROPERTY" },
};

/* Dynamic tags; dyn_string_tags lists those whose value is a DT_STRTAB offset. */
static const struct name dyn_tags[] = {
	{ DT_NEEDED, "NEEDED" },	{ DT_PLTRELSZ, "PLTRELSZ" },
	{ DT_PLTGOT, "PLTGOT" },	{ DT_HASH, "HASH" },
	{ DT_STRTAB, "STRTAB" },	{ DT_SYMTAB, "SYMTAB" },
	{ DT_RELA, "RELA" },		{ DT_RELASZ, "RELASZ" },
	{ DT_RELAENT, "RELAENT" },	{ DT_STRSZ, "STRSZ" },
	{ DT_SYMENT, "SYMENT" },	{ DT_INIT, "INIT" },
	{ DT_FINI, "FINI" },		{ DT_SONAME, "SONAME" },
	{ DT_RPATH, "RPATH" },		{ DT_SYMBOLIC, "SYMBOLIC" },
	{ DT_REL, "REL" },		{ DT_RELSZ, "RELSZ" },
	{ DT_RELENT, "RELENT" },	{ DT_PLTREL, "PLTREL" },
	{ DT_DEBUG, "DEBUG" },		{ DT_TEXTREL, "TEXTREL" },
	{ DT_JMPREL, "JMPREL" },	{ DT_BIND_NOW, "BIND_NOW" },
	{ DT_RUNPATH, "RUNPATH" },	{ DT_FLAGS, "FLAGS" },
	{ DT_GNU_HASH, "GNU_HASH" },	{ DT_VERSYM, "VERSYM" },
	{ DT_RELACOUNT, "RELACOUNT" },	{ DT_RELCOUNT, "RELCOUNT" },
	{ DT_FLAGS_1, "FLAGS_1" },	{ DT_VERDEF, "VERDEF" },
	{ DT_VERDEFNUM, "VERDEFNUM" },	{ DT_VERNEED, "VERNEED" },
	{ DT_VERNEEDNUM, "VERNEEDNUM" },
};

static const int64_t dyn_string_tags[] = { DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH };

static const struct name sym_types[] = {
	{ STT_NOTYPE, "NOTYPE" },	{ STT_OBJECT, "OBJECT" },
	{ STT_FUNC, "FUNC" },		{ STT_SECTION, "SECTION" },
	{ STT_FILE, "FILE" },		{ STT_COMMON, "COMMON" },
	{ STT_TLS, "TLS" },		{ STT_GNU_IFUNC, "IFUNC" },
};

static const struct name sym_binds[] = {
	{ STB_LOCAL, "LOCAL" },		{ STB_GLOBAL, "GLOBAL" },
	{ STB_WEAK, "WEAK" },		{ STB_GNU_UNIQUE, "UNIQUE" },
};

static const struct name machines[] = {
	{ EM_386, "i386" },		{ EM_X86_64, "x86-64" },
};

static const struct name elf_types[] = {
	{ ET_NONE, "ET_NONE" },		{ ET_REL, "ET_REL" },
	{ ET_EXEC, "ET_EXEC" },		{ ET_DYN, "ET_DYN" },
	{ ET_CORE, "ET_CORE" },
};

/* Versym indexes with a fixed meaning. */
static const struct name versym_names[] = {
	{ VER_NDX_LOCAL, "*local*" },	{ VER_NDX_GLOBAL, "*global*" },
};

static const char *lookup(const struct name *table, size_t n, uint64_t value, const char *dflt)
{
	for (size_t i = 0; i < n; i++)
		if (table[i].value == value)
			return table[i].name;
	return dflt;
}

#define LOOKUP(table, value, dflt)	lookup(table, ARRAY_SIZE(table), value, dflt)

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vdso-inspect IMAGE\n"
		"\n"
		"Print a vDSO image's headers, segments, dynamic tags, version\n"
		"definitions and dynamic symbols, as a loader sees them.\n"
		"  -h, --help   this text\n"
		"  --version    print the version\n"
		"Exit status: 0 printed, 1 not an ELF file, truncated or unreadable,\n"
		"2 bad usage.\n");
}

static void print_flags(uint64_t flags)
{
	printf("%c%c%c", flags & PF_R ? 'R' : '-', flags & PF_W ? 'W' : '-',
	       flags & PF_X ? 'X' : '-');
}

static void print_phdr(const GElf_Phdr *ph)
{
	printf("offset 0x%06llx vaddr 0x%08llx paddr 0x%08llx filesz 0x%06llx memsz 0x%06llx flags ",
	       (unsigned long long)ph->p_offset, (unsigned long long)ph->p_vaddr,
	       (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_filesz,
	       (unsigned long long)ph->p_memsz);
	print_flags(ph->p_flags);
	printf(" align 0x%llx\n", (unsigned long long)ph->p_align);
}

static void print_header(const struct vdso_dynview *v, const char *path)
{
	const unsigned char *id = v->ehdr.e_ident;

	printf("file: %s\n", path);
	printf("elf: %s %s, machine %u (%s), type %s, %zu bytes, %zu program headers\n",
	       id[EI_CLASS] == ELFCLASS32 ? "ELF32" : id[EI_CLASS] == ELFCLASS64 ? "ELF64" : "ELF?",
	       id[EI_DATA] == ELFDATA2LSB ? "LSB" : id[EI_DATA] == ELFDATA2MSB ? "MSB" : "?",
	       v->ehdr.e_machine, LOOKUP(machines, v->ehdr.e_machine, "?"),
	       LOOKUP(elf_types, v->ehdr.e_type, "?"), v->size, v->phnum);
}

static void print_segments(const struct vdso_dynview *v)
{
	GElf_Phdr ph;

	if (v->nload) {
		printf("load: ");
		print_phdr(&v->load);
	} else {
		printf("load: none\n");
	}
	printf("program headers (%zu):\n", v->phnum);
	for (size_t i = 0; i < v->phnum; i++) {
		if (!gelf_getphdr(v->elf, (int)i, &ph))
			continue;
		printf("  %-13s ", LOOKUP(phdr_types, ph.p_type, "?"));
		print_phdr(&ph);
	}
}

static bool is_string_tag(int64_t tag)
{
	for (size_t i = 0; i < ARRAY_SIZE(dyn_string_tags); i++)
		if (dyn_string_tags[i] == tag)
			return true;
	return false;
}

static void print_dynamic(const struct vdso_dynview *v)
{
	const char *tag, *s;
	GElf_Dyn dyn;

	printf("dynamic (%zu):\n", v->ndyn);
	for (size_t i = 0; i < v->ndyn; i++) {
		if (!gelf_getdyn(v->dyn, (int)i, &dyn))
			continue;
		tag = LOOKUP(dyn_tags, (uint64_t)dyn.d_tag, NULL);
		printf("  %-13s 0x%08llx", tag ? tag : "?", (unsigned long long)dyn.d_un.d_val);
		if (!tag)
			printf(" (tag 0x%llx)", (unsigned long long)dyn.d_tag);
		if (is_string_tag(dyn.d_tag)) {
			s = vdso_dynview_str(v, dyn.d_un.d_val);
			printf(" \"%s\"", s ? s : "(unreadable)");
		}
		printf("\n");
	}
}

static void print_versions(const struct vdso_dynview *v)
{
	uint64_t num = 0;
	GElf_Verdef def;
	const char *name;

	vdso_dynview_tag(v, DT_VERDEFNUM, &num);
	printf("version definitions (%llu):\n", (unsigned long long)num);
	for (unsigned int ndx = 1; ndx <= num; ndx++) {
		if (!vdso_dynview_verdef(v, ndx, &def, &name)) {
			printf("  %u (unreadable)\n", ndx);
			continue;
		}
		printf("  %u %s%s\n", ndx, name, def.vd_flags & VER_FLG_BASE ? " (base)" : "");
	}
}

static const char *sym_version(const struct vdso_dynview *v, size_t idx)
{
	GElf_Versym ver;
	const char *name;

	if (!vdso_dynview_versym(v, idx, &ver))
		return "-";
	name = LOOKUP(versym_names, ver, NULL);
	if (!name)
		name = vdso_dynview_sym_version(v, idx);
	return name ? name : "?";
}

/* A defined symbol at @addr, preferring functions; NULL if none. */
static const char *symbol_at(const struct vdso_dynview *v, uint64_t addr)
{
	const char *best = NULL;
	GElf_Sym sym;

	for (size_t i = 1; i < v->nsyms; i++) {
		if (!vdso_dynview_sym(v, i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    sym.st_value != addr)
			continue;
		if (!best || GELF_ST_TYPE(sym.st_info) == STT_FUNC)
			best = vdso_dynview_sym_name(v, &sym);
	}
	return best;
}

static void print_symbols(const struct vdso_dynview *v)
{
	GElf_Sym sym;
	const char *name;

	printf("symbols (%zu):\n", v->nsyms);
	printf("  %3s %-10s %5s %-7s %-6s %-10s %s\n", "idx", "value", "size", "type", "bind",
	       "version", "name");
	for (size_t i = 0; i < v->nsyms; i++) {
		if (!vdso_dynview_sym(v, i, &sym)) {
			printf("  %3zu (unreadable)\n", i);
			continue;
		}
		name = vdso_dynview_sym_name(v, &sym);
		printf("  %3zu 0x%08llx %5llu %-7s %-6s %-10s %s\n", i,
		       (unsigned long long)sym.st_value, (unsigned long long)sym.st_size,
		       LOOKUP(sym_types, GELF_ST_TYPE(sym.st_info), "?"),
		       LOOKUP(sym_binds, GELF_ST_BIND(sym.st_info), "?"), sym_version(v, i),
		       name ? name : "?");
	}
}

/* The defined symbol called @name, if there is one. */
static bool find_symbol(const struct vdso_dynview *v, const char *name, GElf_Sym *sym)
{
	const char *s;

	for (size_t i = 1; i < v->nsyms; i++) {
		s = vdso_dynview_sym(v, i, sym) ? vdso_dynview_sym_name(v, sym) : NULL;
		if (s && !strcmp(s, name) && sym->st_shndx != SHN_UNDEF)
			return true;
	}
	return false;
}

/* Each trampoline's bytes as the image holds them, as many as the facts table names. */
static void print_trampolines(const struct vdso_dynview *v, const uint8_t *image)
{
	GElf_Sym sym;
	uint64_t off;

	for (size_t i = 0; i < vdso_ntrampolines; i++) {
		const struct vdso_trampoline *t = &vdso_trampolines[i];
		const char *name = vdso_syms[t->sym].name;

		if (!find_symbol(v, name, &sym)) {
			printf("trampoline: none %s\n", name);
			continue;
		}
		printf("trampoline: 0x%08llx %s", (unsigned long long)sym.st_value, name);
		if (vdso_dynview_offset(v, sym.st_value, t->len, &off))
			for (unsigned int k = 0; k < t->len; k++)
				printf(" %02x", image[off + k]);
		else
			printf(" (outside the load segment)");
		printf("\n");
	}
}

static void print_entry_points(const struct vdso_dynview *v, const uint8_t *image)
{
	const char *entry = symbol_at(v, v->ehdr.e_entry);
	const char *pad = vdso_syms[RELVDSO_SYM_LANDING_PAD].name;
	GElf_Sym sym;

	printf("entry: 0x%08llx %s\n", (unsigned long long)v->ehdr.e_entry,
	       entry ? entry : "(no symbol)");
	if (find_symbol(v, pad, &sym))
		printf("landing pad: 0x%08llx %s\n", (unsigned long long)sym.st_value, pad);
	else
		printf("landing pad: none\n");
	print_trampolines(v, image);
}

/* The generator's verdict, budget aside: a relocated image fails load-at-zero. */
static void print_rules(const void *image, size_t size)
{
	struct vdso_verdict verdict;
	unsigned int pages = (unsigned int)((size + RELVDSO_PAGE_SIZE - 1) / RELVDSO_PAGE_SIZE);

	if (vdso_validate(image, size, pages ? pages : 1, NULL, &verdict) == VDSO_RULE_OK)
		printf("rules: ok\n");
	else
		printf("rules: %s: %s\n", vdso_rule_name(verdict.rule), verdict.detail);
}

/* @what needs the file to be @end bytes long; false if it is. */
static bool past_end(const struct vdso_dynview *v, const char *what, uint64_t end,
		     char *why, size_t len)
{
	if (end <= v->size)
		return false;
	snprintf(why, len, "%s: ends at 0x%llx, past the end of the file (0x%zx bytes)", what,
		 (unsigned long long)end, v->size);
	return true;
}

/* The first table or contents the headers place past the end of the file. */
static bool truncated(const struct vdso_dynview *v, char *why, size_t len)
{
	const GElf_Ehdr *eh = &v->ehdr;
	Elf_Scn *scn = NULL;
	GElf_Phdr ph;
	GElf_Shdr sh;

	/* e_phnum, not libelf's count: libelf drops the headers that do not fit */
	if (past_end(v, "program headers", eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize,
		     why, len))
		return true;
	for (size_t i = 0; i < v->phnum; i++)
		if (gelf_getphdr(v->elf, (int)i, &ph) &&
		    past_end(v, LOOKUP(phdr_types, ph.p_type, "segment"),
			     ph.p_offset + ph.p_filesz, why, len))
			return true;
	if (past_end(v, "section headers", eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize,
		     why, len))
		return true;
	while ((scn = elf_nextscn(v->elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type != SHT_NOBITS &&
		    past_end(v, "section contents", sh.sh_offset + sh.sh_size, why, len))
			return true;
	return false;
}

/* IMAGE stays argv[1]: -h, --help and --version exit, any other option is bad usage. */
static bool parse_args(int argc, char **argv)
{
	static const struct option longopts[] = { TOOL_CLI_OPTIONS, { NULL, 0, NULL, 0 } };
	int c;

	tool_cli_init(argv, "vdso-inspect");
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			exit(EXIT_OK);
		}
		if (c == TOOL_CLI_VERSION)
			exit(tool_cli_version());
		return false;
	}
	if (argc == 2 && optind == 1)
		return true;
	fprintf(stderr, "vdso-inspect: need one IMAGE\n");
	return false;
}

int main(int argc, char **argv)
{
	char why[128];
	struct vdso_dynview view;
	struct file_image in;

	if (!parse_args(argc, argv)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!file_read_image("vdso-inspect", argv[1], RELVDSO_RELOC_MAX_SIZE, &in))
		return EXIT_UNREADABLE;
	if (!vdso_dynview_open(&view, in.data, in.size)) {
		fprintf(stderr, "vdso-inspect: %s: not an ELF file\n", argv[1]);
		free(in.data);
		return EXIT_UNREADABLE;
	}
	if (truncated(&view, why, sizeof(why))) {
		fprintf(stderr, "vdso-inspect: %s: truncated: %s\n", argv[1], why);
		vdso_dynview_close(&view);
		free(in.data);
		return EXIT_UNREADABLE;
	}
	print_header(&view, argv[1]);
	print_entry_points(&view, in.data);
	print_segments(&view);
	print_dynamic(&view);
	print_versions(&view);
	print_symbols(&view);
	print_rules(in.data, in.size);
	vdso_dynview_close(&view);
	free(in.data);
	return EXIT_OK;
}
