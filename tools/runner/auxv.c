// SPDX-License-Identifier: GPL-2.0-only
/*
 * The auxiliary vector of a freshly exec'd i386 process, read from and
 * written back to its stack: argc, argv[], NULL, envp[], NULL, then
 * (type, value) pairs up to AT_NULL.
 */
#include <elf.h>
#include <string.h>
#include <unistd.h>

#include "runner.h"

#define ENVP_MAX (1u << 20)	/* a stack holds fewer pointers than this */
#define STACK_CHUNK 16384	/* argc..auxv of nearly every process fits */

/* The stack from @sp, read once; words past what was read come one by one. */
struct stack_view {
	struct tracee *t;
	uint32_t sp, have;	/* bytes in buf */
	uint32_t buf[STACK_CHUNK / 4];
};

static bool word_at(struct stack_view *v, uint32_t addr, uint32_t *w)
{
	uint32_t off = addr - v->sp;

	if (addr >= v->sp && off + 4 <= v->have) {
		*w = v->buf[off / 4];
		return true;
	}
	return remote_read(v->t, addr, w, sizeof(*w));
}

bool auxv_read(struct tracee *t, struct auxv *av)
{
	static struct stack_view v;
	uint32_t argc, p, w, i;
	ssize_t n;

	memset(av, 0, sizeof(*av));
	v.t = t;
	v.sp = (uint32_t)t->regs.rsp;
	/* a short read is fine: the stack may end within the chunk */
	n = t->mem_fd >= 0 ? pread(t->mem_fd, v.buf, sizeof(v.buf), v.sp) : -1;
	v.have = n > 0 ? (uint32_t)n & ~3u : 0;
	if (!word_at(&v, v.sp, &argc) || argc > ENVP_MAX)
		return false;
	p = v.sp + 4 + (argc + 1) * 4;
	for (i = 0; i < ENVP_MAX; i++, p += 4) {
		if (!word_at(&v, p, &w))
			return false;
		if (!w)
			break;
	}
	av->addr = p + 4;
	for (i = 0; i < AUXV_MAX; i++) {
		if (!word_at(&v, av->addr + i * 8, &av->pair[i][0]) ||
		    !word_at(&v, av->addr + i * 8 + 4, &av->pair[i][1]))
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
