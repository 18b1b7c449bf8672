// SPDX-License-Identifier: GPL-2.0-only
/*
 * vDSO image rules.  Each check_*() owns one rule and runs only after every
 * earlier rule has passed, so it may rely on what they established (a single
 * PT_LOAD at 0, a readable dynamic section, the symbols found, ...).
 */
#include "vdso_validate.h"
#include "vdso_dynview.h"

#include <relvdso/image.h>
#include <relvdso/vdso_data.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define VDSO_SONAME	"linux-gate.so.1"

static const char *const rule_names[VDSO_RULE_COUNT] = {
	[VDSO_RULE_OK]			= "ok",
	[VDSO_RULE_ELF]			= "elf",
	[VDSO_RULE_ELF_CLASS]		= "elf-class",
	[VDSO_RULE_ELF_MACHINE]		= "elf-machine",
	[VDSO_RULE_ELF_TYPE]		= "elf-type",
	[VDSO_RULE_ONE_LOAD]		= "one-load",
	[VDSO_RULE_LOAD_AT_ZERO]	= "load-at-zero",
	[VDSO_RULE_LOAD_SIZE]		= "load-size",
	[VDSO_RULE_PT_DYNAMIC]		= "pt-dynamic",
	[VDSO_RULE_PT_DYNAMIC_RO]	= "pt-dynamic-readonly",
	[VDSO_RULE_PT_GNU_EH_FRAME]	= "pt-gnu-eh-frame",
	[VDSO_RULE_NO_RELOCATIONS]	= "no-relocations",
	[VDSO_RULE_DYNAMIC_TAGS]	= "dynamic-tags",
	[VDSO_RULE_LOAD_COVERS]		= "load-covers",
	[VDSO_RULE_SONAME]		= "soname",
	[VDSO_RULE_SYMBOL_DEFINED]	= "symbol-defined",
	[VDSO_RULE_SYMBOL_RANGE]	= "symbol-range",
	[VDSO_RULE_SYMBOL_TYPE]		= "symbol-type",
	[VDSO_RULE_SYMBOL_VERSION]	= "symbol-version",
	[VDSO_RULE_HASH_LOOKUP]		= "hash-lookup",
	[VDSO_RULE_ENTRY]		= "entry",
	[VDSO_RULE_SIGRETURN_BYTES]	= "sigreturn-bytes",
	[VDSO_RULE_PAGE_BUDGET]		= "page-budget",
};

#define TRAMPOLINE(id, field, ...) \
	{ RELVDSO_SYM_##id, RELVDSO_TRAMPOLINE_LEN_##id, #field, { __VA_ARGS__ } },
const struct vdso_trampoline vdso_trampolines[] = {
	RELVDSO_VDSO_TRAMPOLINES(TRAMPOLINE)
};

const size_t vdso_ntrampolines = ARRAY_SIZE(vdso_trampolines);

/* Dynamic tags that mean the image needs relocating. */
static const struct tag_name {
	int64_t tag;
	const char *name;
} reloc_tags[] = {
	{ DT_REL, "DT_REL" },		{ DT_RELSZ, "DT_RELSZ" },
	{ DT_RELA, "DT_RELA" },		{ DT_RELASZ, "DT_RELASZ" },
	{ DT_RELR, "DT_RELR" },		{ DT_RELRSZ, "DT_RELRSZ" },
	{ DT_JMPREL, "DT_JMPREL" },	{ DT_PLTRELSZ, "DT_PLTRELSZ" },
	{ DT_TEXTREL, "DT_TEXTREL" },	{ DT_RELCOUNT, "DT_RELCOUNT" },
	{ DT_RELACOUNT, "DT_RELACOUNT" },
};

/* Dynamic tags every consumer relies on. */
static const struct tag_name required_tags[] = {
	{ DT_HASH, "DT_HASH" },		{ DT_SYMTAB, "DT_SYMTAB" },
	{ DT_SYMENT, "DT_SYMENT" },	{ DT_STRTAB, "DT_STRTAB" },
	{ DT_STRSZ, "DT_STRSZ" },	{ DT_VERSYM, "DT_VERSYM" },
	{ DT_VERDEF, "DT_VERDEF" },	{ DT_VERDEFNUM, "DT_VERDEFNUM" },
	{ DT_SONAME, "DT_SONAME" },
};

#define X86_NOP	0x90

struct check {
	struct vdso_dynview view;
	const uint8_t *bytes;
	size_t size;
	unsigned int max_pages;
	size_t symidx[RELVDSO_SYM_COUNT];	/* set by check_symbol_defined */
	GElf_Sym sym[RELVDSO_SYM_COUNT];
	struct vdso_verdict *verdict;
};

static RELVDSO_PRINTF(3, 4)
enum vdso_rule fail(struct check *c, enum vdso_rule rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->verdict->detail, sizeof(c->verdict->detail), fmt, ap);
	va_end(ap);
	return c->verdict->rule = rule;
}

const char *vdso_rule_name(enum vdso_rule rule)
{
	return (unsigned int)rule < VDSO_RULE_COUNT ? rule_names[rule] : "unknown";
}

/* The System V ABI's ELF hash (DT_HASH, and vd_hash in version definitions). */
static uint32_t sysv_hash(const char *name)
{
	uint32_t h = 0, high;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		h = (h << 4) + *s;
		high = h & 0xf0000000u;
		if (high)
			h ^= high >> 24;
		h &= ~high;
	}
	return h;
}

/* The GNU hash (DT_GNU_HASH): h * 33 + c from 5381. */
static uint32_t gnu_hash(const char *name)
{
	uint32_t h = 5381;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		h = h * 33 + *s;
	return h;
}

static enum vdso_rule check_elf_class(struct check *c)
{
	const unsigned char *id = c->view.ehdr.e_ident;

	if (id[EI_CLASS] != ELFCLASS32 || id[EI_DATA] != ELFDATA2LSB)
		return fail(c, VDSO_RULE_ELF_CLASS,
			    "not ELFCLASS32 little-endian (class %u, data %u)",
			    id[EI_CLASS], id[EI_DATA]);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_elf_machine(struct check *c)
{
	if (c->view.ehdr.e_machine != EM_386)
		return fail(c, VDSO_RULE_ELF_MACHINE, "e_machine is %u, not EM_386",
			    c->view.ehdr.e_machine);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_elf_type(struct check *c)
{
	if (c->view.ehdr.e_type != ET_DYN)
		return fail(c, VDSO_RULE_ELF_TYPE, "e_type is %u, not ET_DYN", c->view.ehdr.e_type);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_one_load(struct check *c)
{
	if (c->view.nload != 1)
		return fail(c, VDSO_RULE_ONE_LOAD, "%u PT_LOAD segments, want exactly 1",
			    c->view.nload);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_load_at_zero(struct check *c)
{
	const GElf_Phdr *ld = &c->view.load;

	if (ld->p_offset != 0 || ld->p_vaddr != 0)
		return fail(c, VDSO_RULE_LOAD_AT_ZERO,
			    "PT_LOAD at offset %#llx vaddr %#llx, want 0 and 0",
			    (unsigned long long)ld->p_offset, (unsigned long long)ld->p_vaddr);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_load_size(struct check *c)
{
	const GElf_Phdr *ld = &c->view.load;

	if (ld->p_memsz != ld->p_filesz)
		return fail(c, VDSO_RULE_LOAD_SIZE, "PT_LOAD memsz %#llx != filesz %#llx",
			    (unsigned long long)ld->p_memsz, (unsigned long long)ld->p_filesz);
	if (ld->p_filesz > c->size)
		return fail(c, VDSO_RULE_LOAD_SIZE,
			    "PT_LOAD filesz %#llx past the end of the file (%zu)",
			    (unsigned long long)ld->p_filesz, c->size);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_pt_dynamic(struct check *c)
{
	const GElf_Phdr *dyn = &c->view.dynamic;
	uint64_t off;

	if (!c->view.has_dynamic)
		return fail(c, VDSO_RULE_PT_DYNAMIC, "no PT_DYNAMIC");
	if (!vdso_dynview_offset(&c->view, dyn->p_vaddr, dyn->p_filesz, &off) ||
	    off != dyn->p_offset)
		return fail(c, VDSO_RULE_PT_DYNAMIC, "PT_DYNAMIC is not inside the PT_LOAD");
	if (c->view.ndyn == 0)
		return fail(c, VDSO_RULE_PT_DYNAMIC, "PT_DYNAMIC has no entries");
	return VDSO_RULE_OK;
}

static enum vdso_rule check_pt_dynamic_ro(struct check *c)
{
	if (c->view.dynamic.p_flags & PF_W)
		return fail(c, VDSO_RULE_PT_DYNAMIC_RO, "PT_DYNAMIC is writable");
	return VDSO_RULE_OK;
}

static enum vdso_rule check_pt_gnu_eh_frame(struct check *c)
{
	GElf_Phdr ph;

	for (size_t i = 0; i < c->view.phnum; i++)
		if (gelf_getphdr(c->view.elf, (int)i, &ph) && ph.p_type == PT_GNU_EH_FRAME)
			return VDSO_RULE_OK;
	return fail(c, VDSO_RULE_PT_GNU_EH_FRAME, "no PT_GNU_EH_FRAME");
}

static enum vdso_rule check_no_relocations(struct check *c)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	uint64_t val;

	while ((scn = elf_nextscn(c->view.elf, scn)))
		if (gelf_getshdr(scn, &sh) && (sh.sh_type == SHT_REL || sh.sh_type == SHT_RELA ||
					       sh.sh_type == SHT_RELR))
			return fail(c, VDSO_RULE_NO_RELOCATIONS,
				    "section %zu is a relocation section",
				    elf_ndxscn(scn));
	for (size_t i = 0; i < ARRAY_SIZE(reloc_tags); i++)
		if (vdso_dynview_tag(&c->view, reloc_tags[i].tag, &val))
			return fail(c, VDSO_RULE_NO_RELOCATIONS, "%s present", reloc_tags[i].name);
	if (vdso_dynview_tag(&c->view, DT_FLAGS, &val) && (val & DF_TEXTREL))
		return fail(c, VDSO_RULE_NO_RELOCATIONS, "DT_FLAGS has DF_TEXTREL");
	return VDSO_RULE_OK;
}

static enum vdso_rule check_dynamic_tags(struct check *c)
{
	uint64_t val;

	for (size_t i = 0; i < ARRAY_SIZE(required_tags); i++)
		if (!vdso_dynview_tag(&c->view, required_tags[i].tag, &val))
			return fail(c, VDSO_RULE_DYNAMIC_TAGS, "%s missing", required_tags[i].name);
	if (vdso_dynview_tag(&c->view, DT_SYMENT, &val) &&
	    val != gelf_fsize(c->view.elf, ELF_T_SYM, 1, EV_CURRENT))
		return fail(c, VDSO_RULE_DYNAMIC_TAGS,
			    "DT_SYMENT is %llu", (unsigned long long)val);
	return VDSO_RULE_OK;
}

/*
 * Bytes each dynamic table occupies, from its own header or the tags; 0 if
 * that cannot be read.  Reads are bounded by the PT_LOAD, so a nonzero size
 * already means the parts read were inside it.
 */
static uint64_t sysv_hash_size(const struct vdso_dynview *v, uint64_t addr)
{
	Elf_Data *h = vdso_dynview_chunk(v, addr, 8, ELF_T_WORD);
	const uint32_t *w = h ? h->d_buf : NULL;

	return w ? (2ull + w[0] + w[1]) * 4 : 0;
}

static uint64_t gnu_hash_size(const struct vdso_dynview *v, uint64_t addr)
{
	Elf_Data *h = vdso_dynview_chunk(v, addr, 16, ELF_T_WORD);
	const uint32_t *w = h ? h->d_buf : NULL;

	if (!w || w[1] > v->nsyms)
		return 0;
	/* header, 32-bit bloom words, buckets, one chain word per hashed symbol */
	return 16 + 4ull * w[2] + 4ull * w[0] + 4ull * (v->nsyms - w[1]);
}

static uint64_t symtab_size(const struct vdso_dynview *v, uint64_t addr)
{
	(void)addr;
	return v->nsyms * (uint64_t)gelf_fsize(v->elf, ELF_T_SYM, 1, EV_CURRENT);
}

static uint64_t strtab_size(const struct vdso_dynview *v, uint64_t addr)
{
	uint64_t strsz = 0;

	(void)addr;
	vdso_dynview_tag(v, DT_STRSZ, &strsz);
	return strsz;
}

static uint64_t versym_size(const struct vdso_dynview *v, uint64_t addr)
{
	(void)addr;
	return v->nsyms * sizeof(GElf_Versym);
}

/* DT_VERDEFNUM entries, each with its vd_cnt auxiliary entries. */
static uint64_t verdef_size(const struct vdso_dynview *v, uint64_t addr)
{
	uint64_t num, end = 0;
	GElf_Verdef def;
	GElf_Verdaux aux;
	size_t at = 0, a;

	(void)addr;
	if (!v->verdef || !vdso_dynview_tag(v, DT_VERDEFNUM, &num) || num == 0)
		return 0;
	/* libelf bounds every read by the chunk, which ends with the PT_LOAD */
	for (uint64_t i = 0; i < num; i++, at += def.vd_next) {
		if (!gelf_getverdef(v->verdef, (int)at, &def))
			return 0;
		if (at + sizeof(def) > end)
			end = at + sizeof(def);
		a = at + def.vd_aux;
		for (unsigned int j = 0; j < def.vd_cnt; j++, a += aux.vda_next) {
			if (!gelf_getverdaux(v->verdef, (int)a, &aux))
				return 0;
			if (a + sizeof(aux) > end)
				end = a + sizeof(aux);
		}
	}
	return end;
}

static const struct dyn_table {
	int64_t tag;
	const char *name;
	uint64_t (*size)(const struct vdso_dynview *v, uint64_t addr);
} dyn_tables[] = {
	{ DT_HASH,	"DT_HASH",	sysv_hash_size },
	{ DT_GNU_HASH,	"DT_GNU_HASH",	gnu_hash_size },
	{ DT_SYMTAB,	"DT_SYMTAB",	symtab_size },
	{ DT_STRTAB,	"DT_STRTAB",	strtab_size },
	{ DT_VERSYM,	"DT_VERSYM",	versym_size },
	{ DT_VERDEF,	"DT_VERDEF",	verdef_size },
};

static enum vdso_rule check_load_covers(struct check *c)
{
	const struct vdso_dynview *v = &c->view;
	uint64_t addr, len, off;

	/* the PT_LOAD starts at offset 0 and address 0: offsets are addresses */
	if (!vdso_dynview_offset(v, 0, v->ehdr.e_ehsize, &off))
		return fail(c, VDSO_RULE_LOAD_COVERS, "ELF header is not inside the PT_LOAD");
	if (!vdso_dynview_offset(v, v->ehdr.e_phoff, (uint64_t)v->ehdr.e_phentsize * v->phnum,
				 &off))
		return fail(c, VDSO_RULE_LOAD_COVERS, "program headers are not inside the PT_LOAD");
	if (v->nsyms == 0)
		return fail(c, VDSO_RULE_LOAD_COVERS, "DT_HASH is unreadable or lists no symbols");
	for (size_t i = 0; i < ARRAY_SIZE(dyn_tables); i++) {
		const struct dyn_table *t = &dyn_tables[i];

		if (!vdso_dynview_tag(v, t->tag, &addr))
			continue;	/* required ones were checked before */
		len = t->size(v, addr);
		if (len == 0 || !vdso_dynview_offset(v, addr, len, &off))
			return fail(c, VDSO_RULE_LOAD_COVERS,
				    "%s table at %#llx is not inside the PT_LOAD",
				    t->name, (unsigned long long)addr);
	}
	return VDSO_RULE_OK;
}

static enum vdso_rule check_soname(struct check *c)
{
	uint64_t off = 0;
	const char *soname;

	vdso_dynview_tag(&c->view, DT_SONAME, &off);
	soname = vdso_dynview_str(&c->view, off);
	if (!soname || strcmp(soname, VDSO_SONAME) != 0)
		return fail(c, VDSO_RULE_SONAME, "DT_SONAME is \"%s\", want \"%s\"",
			    soname ? soname : "(unreadable)", VDSO_SONAME);
	return VDSO_RULE_OK;
}

/* Index of the defined symbol called @name in DT_SYMTAB, or 0. */
static size_t find_symbol(const struct vdso_dynview *v, const char *name, GElf_Sym *sym)
{
	const char *s;

	for (size_t i = 1; i < v->nsyms; i++) {
		if (!vdso_dynview_sym(v, i, sym) || sym->st_shndx == SHN_UNDEF)
			continue;
		s = vdso_dynview_sym_name(v, sym);
		if (s && strcmp(s, name) == 0)
			return i;
	}
	return 0;
}

static enum vdso_rule check_symbol_defined(struct check *c)
{
	uint64_t off;

	for (int i = 0; i < RELVDSO_SYM_COUNT; i++) {
		const char *name = vdso_syms[i].name;
		GElf_Sym *sym = &c->sym[i];

		c->symidx[i] = find_symbol(&c->view, name, sym);
		if (!c->symidx[i])
			return fail(c, VDSO_RULE_SYMBOL_DEFINED,
				    "%s is not defined in DT_SYMTAB", name);
		if (sym->st_shndx >= SHN_LORESERVE ||
		    !vdso_dynview_offset(&c->view, sym->st_value, sym->st_size ? sym->st_size : 1,
					 &off))
			return fail(c, VDSO_RULE_SYMBOL_DEFINED,
				    "%s (%#llx) is not inside the PT_LOAD",
				    name, (unsigned long long)sym->st_value);
	}
	return VDSO_RULE_OK;
}

/*
 * What a mapping of the image holds: its PT_LOAD at the base and the data
 * pages right below (vdso_data.h).  A symbol anywhere else names memory no
 * host maps, however the relocator moves it.
 */
static enum vdso_rule check_symbol_range(struct check *c)
{
	const uint64_t lo = (uint32_t)-RELVDSO_DATA_SIZE, hi = c->view.load.p_memsz;
	Elf_Scn *scn = NULL;
	Elf_Data *d;
	GElf_Shdr sh;
	GElf_Sym sym;

	while ((scn = elf_nextscn(c->view.elf, scn))) {
		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		for (int i = 1; gelf_getsym(d, i, &sym); i++)
			if (sym.st_shndx != SHN_UNDEF && sym.st_value > hi && sym.st_value < lo)
				return fail(c, VDSO_RULE_SYMBOL_RANGE,
					    "symbol %d of section %zu at %#llx is outside the image and its data page",
					    i, elf_ndxscn(scn), (unsigned long long)sym.st_value);
	}
	return VDSO_RULE_OK;
}

static enum vdso_rule check_symbol_type(struct check *c)
{
	for (int i = 0; i < RELVDSO_SYM_COUNT; i++)
		if (GELF_ST_TYPE(c->sym[i].st_info) != vdso_syms[i].type)
			return fail(c, VDSO_RULE_SYMBOL_TYPE, "%s has type %u, want %u",
				    vdso_syms[i].name, GELF_ST_TYPE(c->sym[i].st_info),
				    vdso_syms[i].type);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_symbol_version(struct check *c)
{
	GElf_Versym ver;
	GElf_Verdef def;
	const char *name;

	for (int i = 0; i < RELVDSO_SYM_COUNT; i++) {
		const char *sym = vdso_syms[i].name;

		if (!vdso_dynview_versym(&c->view, c->symidx[i], &ver) ||
		    !vdso_dynview_verdef(&c->view, ver & ~VDSO_VERSYM_HIDDEN, &def, &name))
			return fail(c, VDSO_RULE_SYMBOL_VERSION,
				    "%s has no version definition", sym);
		if (strcmp(name, vdso_syms[i].version) != 0 || (def.vd_flags & VER_FLG_BASE))
			return fail(c, VDSO_RULE_SYMBOL_VERSION, "%s has version %s, want %s",
				    sym, name, vdso_syms[i].version);
		/* loaders compare vd_hash before the name */
		if (def.vd_hash != sysv_hash(name))
			return fail(c, VDSO_RULE_SYMBOL_VERSION,
				    "version %s has a wrong vd_hash", name);
	}
	return VDSO_RULE_OK;
}

/* What a DT_HASH lookup (musl, legacy glibc) finds for @name; 0 if nothing. */
static size_t sysv_lookup(const struct vdso_dynview *v, const char *name)
{
	uint64_t addr = 0;
	Elf_Data *d;
	const uint32_t *w, *bucket, *chain;
	GElf_Sym sym;
	const char *s;

	vdso_dynview_tag(v, DT_HASH, &addr);
	d = vdso_dynview_chunk(v, addr, sysv_hash_size(v, addr), ELF_T_WORD);
	if (!d || ((const uint32_t *)d->d_buf)[0] == 0)
		return 0;
	w = d->d_buf;
	bucket = w + 2;
	chain = bucket + w[0];
	/* at most nchain steps: a looping chain finds nothing */
	for (uint32_t i = bucket[sysv_hash(name) % w[0]], n = 0; i && i < w[1] && n < w[1];
	     i = chain[i], n++) {
		if (!vdso_dynview_sym(v, i, &sym))
			continue;
		s = vdso_dynview_sym_name(v, &sym);
		if (s && strcmp(s, name) == 0)
			return i;
	}
	return 0;
}

/* What a DT_GNU_HASH lookup (glibc) finds for @name, bloom filter included. */
static size_t gnu_lookup(const struct vdso_dynview *v, uint64_t addr, const char *name)
{
	Elf_Data *d = vdso_dynview_chunk(v, addr, gnu_hash_size(v, addr), ELF_T_WORD);
	const uint32_t *w, *bloom, *bucket, *chain;
	uint32_t h = gnu_hash(name), word, mask;
	GElf_Sym sym;
	const char *s;

	if (!d)
		return 0;
	w = d->d_buf;
	if (w[0] == 0 || w[2] == 0)
		return 0;
	bloom = w + 4;
	bucket = bloom + w[2];
	chain = bucket + w[0];
	word = bloom[(h / 32) % w[2]];
	mask = (1u << (h % 32)) | (1u << ((h >> w[3]) % 32));
	if ((word & mask) != mask)
		return 0;
	for (size_t i = bucket[h % w[0]]; i >= w[1] && i < v->nsyms; i++) {
		uint32_t ch = chain[i - w[1]];

		if ((ch | 1) == (h | 1) && vdso_dynview_sym(v, i, &sym)) {
			s = vdso_dynview_sym_name(v, &sym);
			if (s && strcmp(s, name) == 0)
				return i;
		}
		if (ch & 1)
			break;
	}
	return 0;
}

static enum vdso_rule check_hash_lookup(struct check *c)
{
	uint64_t gnu;
	bool has_gnu = vdso_dynview_tag(&c->view, DT_GNU_HASH, &gnu);

	for (int i = 0; i < RELVDSO_SYM_COUNT; i++) {
		const char *name = vdso_syms[i].name;

		if (sysv_lookup(&c->view, name) != c->symidx[i])
			return fail(c, VDSO_RULE_HASH_LOOKUP,
				    "%s is not found through DT_HASH", name);
		if (has_gnu && gnu_lookup(&c->view, gnu, name) != c->symidx[i])
			return fail(c, VDSO_RULE_HASH_LOOKUP, "%s is not found through DT_GNU_HASH",
				    name);
	}
	return VDSO_RULE_OK;
}

static enum vdso_rule check_entry(struct check *c)
{
	uint64_t vsyscall = c->sym[RELVDSO_SYM_VSYSCALL].st_value;

	if (c->view.ehdr.e_entry != vsyscall)
		return fail(c, VDSO_RULE_ENTRY, "e_entry is %#llx, %s is %#llx",
			    (unsigned long long)c->view.ehdr.e_entry,
			    vdso_syms[RELVDSO_SYM_VSYSCALL].name, (unsigned long long)vsyscall);
	return VDSO_RULE_OK;
}

static enum vdso_rule check_sigreturn_bytes(struct check *c)
{
	for (size_t i = 0; i < vdso_ntrampolines; i++) {
		const struct vdso_trampoline *code = &vdso_trampolines[i];
		const char *name = vdso_syms[code->sym].name;
		uint64_t addr = c->sym[code->sym].st_value, off;

		/* offset == address: the PT_LOAD is at 0 and 0 */
		if (addr == 0 || !vdso_dynview_offset(&c->view, addr - 1, code->len + 1u, &off))
			return fail(c, VDSO_RULE_SIGRETURN_BYTES, "%s runs past the PT_LOAD", name);
		if (c->bytes[off] != X86_NOP)
			return fail(c, VDSO_RULE_SIGRETURN_BYTES,
				    "%s is not preceded by a nop", name);
		if (memcmp(c->bytes + off + 1, code->bytes, code->len) != 0)
			return fail(c, VDSO_RULE_SIGRETURN_BYTES,
				    "%s does not hold the exact trampoline",
				    name);
	}
	return VDSO_RULE_OK;
}

static enum vdso_rule check_page_budget(struct check *c)
{
	if (c->size > (uint64_t)c->max_pages * RELVDSO_PAGE_SIZE)
		return fail(c, VDSO_RULE_PAGE_BUDGET, "%zu bytes do not fit %u page(s)",
			    c->size, c->max_pages);
	return VDSO_RULE_OK;
}

/* In rule order; VDSO_RULE_ELF is decided by opening the image. */
static enum vdso_rule (*const checks[])(struct check *c) = {
	check_elf_class,
	check_elf_machine,
	check_elf_type,
	check_one_load,
	check_load_at_zero,
	check_load_size,
	check_pt_dynamic,
	check_pt_dynamic_ro,
	check_pt_gnu_eh_frame,
	check_no_relocations,
	check_dynamic_tags,
	check_load_covers,
	check_soname,
	check_symbol_defined,
	check_symbol_range,
	check_symbol_type,
	check_symbol_version,
	check_hash_lookup,
	check_entry,
	check_sigreturn_bytes,
	check_page_budget,
};

_Static_assert(ARRAY_SIZE(checks) == VDSO_RULE_COUNT - 2, "one check per rule after elf");

static void fill_layout(const struct check *c, struct vdso_layout *layout)
{
	layout->size = (uint32_t)c->size;
	layout->entry = (uint32_t)c->view.ehdr.e_entry;
	for (int i = 0; i < RELVDSO_SYM_COUNT; i++)
		layout->sym[i] = (uint32_t)c->sym[i].st_value;
}

enum vdso_rule vdso_validate(const void *image, size_t size, unsigned int max_pages,
			     struct vdso_layout *layout, struct vdso_verdict *verdict)
{
	struct check c = {
		.bytes = image,
		.size = size,
		.max_pages = max_pages,
		.verdict = verdict,
	};
	enum vdso_rule rule = VDSO_RULE_OK;

	verdict->rule = VDSO_RULE_OK;
	verdict->detail[0] = '\0';
	if (!vdso_dynview_open(&c.view, image, size))
		return fail(&c, VDSO_RULE_ELF, "libelf cannot read it as an ELF file");
	for (size_t i = 0; i < ARRAY_SIZE(checks) && rule == VDSO_RULE_OK; i++)
		rule = checks[i](&c);
	if (rule == VDSO_RULE_OK && layout)
		fill_layout(&c, layout);
	vdso_dynview_close(&c.view);
	return rule;
}
