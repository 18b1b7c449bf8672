/*
 * The auxiliary vector of a freshly exec'd i386 process, read from and
 * written back to its stack: argc, argv[], NULL, envp[], NULL, then
 * (type, value) pairs up to AT_NULL.
 */
#include <elf.h>
#include <string.h>

#include "runner.h"

#define ENVP_MAX (1u << 20)	/* a stack holds fewer pointers than this */

static bool read_word(struct tracee *t, uint32_t addr, uint32_t *v)
{
	return remote_read(t, addr, v, sizeof(*v));
}

bool auxv_read(struct tracee *t, struct auxv *av)
{
	uint32_t sp = (uint32_t)t->regs.rsp, argc, p, w, i;

	memset(av, 0, sizeof(*av));
	if (!read_word(t, sp, &argc) || argc > ENVP_MAX)
		return false;
	p = sp + 4 + (argc + 1) * 4;
	for (i = 0; i < ENVP_MAX; i++, p += 4) {
		if (!read_word(t, p, &w))
			return false;
		if (!w)
			break;
	}
	av->addr = p + 4;
	for (i = 0; i < AUXV_MAX; i++) {
		if (!remote_read(t, av->addr + i * 8, av->pair[i], 8))
			return false;
		if (av->pair[i][0] == AT_NULL) {
			av->n = i;
			return true;
		}
	}
	return false;		/* no AT_NULL within reach: not an auxv we understand */
}

uint32_t auxv_get(const struct auxv *av, uint32_t type, bool *found)
{
	uint32_t i;

	for (i = 0; i < av->n; i++) {
		if (av->pair[i][0] == type) {
			*found = true;
			return av->pair[i][1];
		}
	}
	*found = false;
	return 0;
}

/* Only replaces: the vector cannot grow in place on the tracee's stack. */
bool auxv_set(struct auxv *av, uint32_t type, uint32_t value)
{
	uint32_t i;

	for (i = 0; i < av->n; i++) {
		if (av->pair[i][0] == type) {
			av->pair[i][1] = value;
			return true;
		}
	}
	return false;
}

void auxv_remove(struct auxv *av, uint32_t type)
{
	uint32_t i, out = 0;

	for (i = 0; i < av->n; i++)
		if (av->pair[i][0] != type)
			memmove(av->pair[out++], av->pair[i], sizeof(av->pair[i]));
	av->n = out;
}

/* Write the pairs back, AT_NULL-filling what removals freed up to @old_n. */
bool auxv_write(struct tracee *t, const struct auxv *av, uint32_t old_n)
{
	static const uint32_t null_pair[2] = { AT_NULL, 0 };
	uint32_t i;

	if (av->n && !remote_write(t, av->addr, av->pair, av->n * 8))
		return false;
	for (i = av->n; i <= old_n; i++)
		if (!remote_write(t, av->addr + i * 8, null_pair, sizeof(null_pair)))
			return false;
	return true;
}
