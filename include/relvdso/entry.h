/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Entry-method chooser: which way system calls enter the kernel, from the
 * CPU's capabilities, the host kernel kind, the paravirt backend and an
 * optional override.  Table-driven, freestanding, no state.
 */
#ifndef RELVDSO_ENTRY_H
#define RELVDSO_ENTRY_H

#include "types.h"
#include "image.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CPU capability bits (the host fills these from CPUID / its cpu caps). */
#define RELVDSO_CPU_SEP		(1u << 0)	/* CPUID SEP: sysenter/sysexit */
#define RELVDSO_CPU_SEP_ERRATUM	(1u << 1)	/* Pentium Pro: SEP set but unusable */
#define RELVDSO_CPU_SYSENTER32	(1u << 2)	/* 32-bit sysenter under a 64-bit kernel (Intel) */
#define RELVDSO_CPU_SYSCALL32	(1u << 3)	/* 32-bit syscall under a 64-bit kernel (AMD) */

enum relvdso_host_kind {
	RELVDSO_HOST_I386 = 0,		/* 32-bit kernel: has no SYSCALL entry */
	RELVDSO_HOST_X86_64,		/* 64-bit kernel running a 32-bit process */
	RELVDSO_HOST_COUNT
};

enum relvdso_backend {
	RELVDSO_BACKEND_NATIVE = 0,
	RELVDSO_BACKEND_KVM,
	RELVDSO_BACKEND_XEN,
	RELVDSO_BACKEND_LGUEST,
	RELVDSO_BACKEND_VMI,
	RELVDSO_BACKEND_COUNT
};

/* What the boot options asked for (vdso_entry=). */
enum relvdso_entry_req {
	RELVDSO_ENTRY_REQ_AUTO = 0,
	RELVDSO_ENTRY_REQ_INT80,
	RELVDSO_ENTRY_REQ_SYSENTER,
	RELVDSO_ENTRY_REQ_SYSCALL,
	RELVDSO_ENTRY_REQ_COUNT
};

/* Why a method is (or is not) usable; one string each. */
enum relvdso_entry_why {
	RELVDSO_WHY_OK = 0,
	RELVDSO_WHY_NO_SEP,		/* CPU lacks SEP */
	RELVDSO_WHY_SEP_ERRATUM,	/* Pentium Pro SEP erratum */
	RELVDSO_WHY_I386_NO_SYSCALL,	/* an i386 kernel has no SYSCALL entry */
	RELVDSO_WHY_NO_SYSENTER32,	/* CPU faults on sysenter from compat mode (AMD) */
	RELVDSO_WHY_NO_SYSCALL32,	/* CPU cannot syscall from 32-bit code (Intel) */
	RELVDSO_WHY_BACKEND_SLOW,	/* backend cannot take fast entries */
	RELVDSO_WHY_BAD_INPUT,		/* host, backend, entry or request out of range */
	RELVDSO_WHY_COUNT
};

struct relvdso_entry_choice {
	enum relvdso_entry entry;	/* the method to use */
	bool overridden;		/* an override was asked for ... */
	bool fell_back;			/* ... and could not be honoured */
	enum relvdso_entry_why why;	/* why the request was refused (fell_back) */
};

const char *relvdso_entry_name(enum relvdso_entry entry);		/* "int80" ... */
const char *relvdso_entry_req_name(enum relvdso_entry_req req);	/* "auto" ... */
const char *relvdso_backend_name(enum relvdso_backend backend);	/* "native" ... */
const char *relvdso_host_name(enum relvdso_host_kind host);		/* "i386", "x86_64" */
const char *relvdso_entry_why_str(enum relvdso_entry_why why);

/*
 * Every name/string function returns a string for any value, "?" (or
 * "unknown ...") when out of range.
 */

/*
 * Look a name up (exact, case-sensitive); false if unknown or NULL, and
 * *out is then left alone.  Names and lookups come from one table each, so
 * a host lists every value as name(0) ... name(COUNT - 1).
 */
bool relvdso_backend_lookup(const char *name, enum relvdso_backend *out);
bool relvdso_host_lookup(const char *name, enum relvdso_host_kind *out);

/* Can sysenter/syscall from user mode reach this backend's kernel?  False when out of range. */
bool relvdso_backend_fast(enum relvdso_backend backend);

/* Can @entry run here?  RELVDSO_WHY_OK if so, else the first reason it cannot. */
enum relvdso_entry_why relvdso_entry_usable(enum relvdso_entry entry, uint32_t cpu_caps,
					    enum relvdso_host_kind host,
					    enum relvdso_backend backend);

/*
 * Pick the entry: the request if usable, else the best usable method
 * (syscall > sysenter > int80, as Linux's compat vDSO prefers); int80 is
 * always usable.  Out-of-range inputs are treated as the most restrictive:
 * a host or backend >= its COUNT makes every fast method refuse with
 * RELVDSO_WHY_BAD_INPUT (so the result is int80); a request >= COUNT gives
 * int80 with overridden and fell_back set and why RELVDSO_WHY_BAD_INPUT.
 */
struct relvdso_entry_choice relvdso_entry_choose(uint32_t cpu_caps,
						 enum relvdso_host_kind host,
						 enum relvdso_backend backend,
						 enum relvdso_entry_req req);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_ENTRY_H */
