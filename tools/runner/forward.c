// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data page vdsorun gives every process: relvdso's magic and version,
 * RELVDSO_DATA_SLOW (there is no clock in it: whatever the image would
 * read from the page is a system call), and the forward table, which
 * sends the LINUX_2.6 functions to the host kernel's own 32-bit vDSO:
 * fast where the host is fast, time namespaces included, since the host
 * reads its own [vvar].
 *
 * The host's functions are found in the host [vdso] of the tracee (the
 * AT_SYSINFO_EHDR the kernel passed).  Every 32-bit process of a kernel
 * gets the same image, so its symbols are resolved once, as offsets from
 * its base.  Each exec reads the tracee's first host page only: the same
 * bytes mean the same image (its headers and symbols live there); other
 * bytes are read whole and resolved anew.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "../vdso_dynview.h"
#include "../vdso_syms.h"

/* A host vDSO larger than this is not one we understand (6.18's is 2 pages). */
#define HOST_VDSO_MAX	(16u * RELVDSO_PAGE_SIZE)

static const struct {
	const char *name;
	enum runner_forward how;
} forward_names[] = {
	{ "host", RUNNER_FORWARD_HOST },
	{ "off", RUNNER_FORWARD_OFF },
};

bool runner_forward_lookup(const char *name, enum runner_forward *out)
{
	size_t i;

	for (i = 0; i < sizeof(forward_names) / sizeof(forward_names[0]); i++) {
		if (strcmp(name, forward_names[i].name) == 0) {
			*out = forward_names[i].how;
			return true;
		}
	}
	return false;
}

/* The functions that read their forward slot: the LINUX_2.6 node's. */
#define SYM_FORWARDED_(id, name, node, type, field) RELVDSO_SYM_##id,
static const enum relvdso_sym forwarded[] = { RELVDSO_VDSO_LINUX_2_6(SYM_FORWARDED_, unused) };

unsigned int runner_forward_count(void)
{
	return sizeof(forwarded) / sizeof(forwarded[0]);
}

/* Bytes the host image declares: its PT_LOADs and its section headers; 0 if not an ELF32 we can read. */
static uint32_t image_extent(const uint8_t *page)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)page;
	uint64_t end = (uint64_t)eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize;
	unsigned int i;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_phentsize != sizeof(Elf32_Phdr) ||
	    (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > RELVDSO_PAGE_SIZE)
		return 0;
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = (const Elf32_Phdr *)(page + eh->e_phoff) + i;

		if (ph->p_type == PT_LOAD && (uint64_t)ph->p_offset + ph->p_filesz > end)
			end = (uint64_t)ph->p_offset + ph->p_filesz;
	}
	end = (end + RELVDSO_PAGE_SIZE - 1) & ~(uint64_t)(RELVDSO_PAGE_SIZE - 1);
	return end <= HOST_VDSO_MAX ? (uint32_t)end : 0;
}

/* Offsets of the forwarded functions in @image (0: the host lacks it). */
static bool resolve(const uint8_t *image, uint32_t size, uint32_t offset[RELVDSO_SYM_COUNT])
{
	struct vdso_dynview view;
	size_t i, k;

	memset(offset, 0, RELVDSO_SYM_COUNT * sizeof(offset[0]));
	if (!vdso_dynview_open(&view, image, size))
		return false;
	for (i = 1; i < view.nsyms; i++) {
		const char *name, *version;
		uint64_t off;
		GElf_Sym sym;

		if (!vdso_dynview_sym(&view, i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    GELF_ST_TYPE(sym.st_info) != STT_FUNC)
			continue;
		name = vdso_dynview_sym_name(&view, &sym);
		version = vdso_dynview_sym_version(&view, i);
		for (k = 0; name && version && k < runner_forward_count(); k++) {
			enum relvdso_sym s = forwarded[k];

			if (strcmp(name, vdso_syms[s].name) == 0 &&
			    strcmp(version, vdso_syms[s].version) == 0 &&
			    vdso_dynview_offset(&view, sym.st_value, 1, &off))
				offset[s] = (uint32_t)off;
		}
	}
	vdso_dynview_close(&view);
	return true;
}

/* Know the tracee's host vDSO at @host_vdso (rv->fwd); false if it cannot be read. */
static bool host_vdso_known(struct runner_vdso *rv, struct tracee *t, uint32_t host_vdso)
{
	struct runner_forward_cache *c = &rv->fwd;
	static uint8_t image[HOST_VDSO_MAX];
	uint32_t size;

	if (!host_vdso || !remote_read(t, host_vdso, image, RELVDSO_PAGE_SIZE))
		return false;
	if (c->known && memcmp(c->first, image, RELVDSO_PAGE_SIZE) == 0)
		return true;
	c->known = false;
	size = image_extent(image);
	if (!size || !remote_read(t, host_vdso, image, size))
		return false;
	c->resolved = resolve(image, size, c->offset);
	memcpy(c->first, image, RELVDSO_PAGE_SIZE);
	c->known = true;
	c->resolves++;
	return true;
}

unsigned int runner_data_fill(struct runner_vdso *rv, struct tracee *t, uint32_t host_vdso,
			      struct relvdso_data *d)
{
	unsigned int k, n = 0;

	memset(d, 0, sizeof(*d));
	d->magic = RELVDSO_DATA_MAGIC;
	d->version = RELVDSO_DATA_VERSION;
	d->flags = RELVDSO_DATA_SLOW;
	if (rv->forward == RUNNER_FORWARD_OFF)
		return 0;
	if (!host_vdso_known(rv, t, host_vdso) || !rv->fwd.resolved) {
		if (!rv->fwd.warned && remote_alive(t)) {	/* a dead tracee is no news */
			fprintf(stderr, "vdsorun: warning: pid %d: cannot read the host's vDSO at 0x%08x: "
				"the time functions make system calls\n", (int)t->pid, host_vdso);
			rv->fwd.warned = true;
		}
		return 0;
	}
	for (k = 0; k < runner_forward_count(); k++) {
		uint32_t off = rv->fwd.offset[forwarded[k]];

		d->forward[forwarded[k]] = off ? host_vdso + off : 0;
		n += off != 0;
	}
	return n;
}
