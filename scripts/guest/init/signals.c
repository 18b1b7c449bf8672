// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signals without SA_RESTORER: the kernel must return through the vDSO's
 * __kernel_sigreturn / __kernel_rt_sigreturn (signal rt_signal).
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "init.h"

static volatile unsigned long sig_ret;
static volatile int sig_hits;

static void on_sig(int sig)
{
	(void)sig;
	sig_ret = (unsigned long)__builtin_return_address(0);
	sig_hits++;
}

static void on_sig_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	sig_ret = (unsigned long)__builtin_return_address(0);
	sig_hits++;
}

/* The kernel's struct sigaction (libc would add a restorer). */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned int mask[2];
};

static const struct sig_test {
	const char *name;
	void *handler;
	unsigned long flags;	/* never SA_RESTORER */
	enum relvdso_sym trampoline;
} sig_tests[] = {
	{ "signal", (void *)on_sig, 0, RELVDSO_SYM_SIGRETURN },
	{ "rt_signal", (void *)on_sig_info, SA_SIGINFO, RELVDSO_SYM_RT_SIGRETURN },
};

static void test_signal(const struct rv_env *e, const struct sig_test *t)
{
	struct k_sigaction ka;
	unsigned long want;
	long r;

	if (!e->view_ok && (t->flags & SA_SIGINFO)) {
		SKIP(t->name, "no vDSO: a restorer-less SA_SIGINFO handler has nowhere to return");
		return;
	}
	memset(&ka, 0, sizeof(ka));
	ka.handler = t->handler;
	ka.flags = t->flags;
	r = ut_int80_4(UT_NR_rt_sigaction, SIGUSR1, (long)&ka, 0, sizeof(ka.mask));
	if (r) {
		FAIL(t->name, "rt_sigaction: %ld", r);
		return;
	}
	sig_hits = 0;
	sig_ret = 0;
	ut_int80(UT_NR_kill, getpid(), SIGUSR1, 0);
	ut_int80(UT_NR_kill, getpid(), SIGUSR1, 0);
	if (e->view_ok) {
		want = ut_vdso_sym(&e->view, t->trampoline);
		CHECK(sig_hits == 2 && sig_ret == want, t->name,
		      "handler ran %d times, returned via 0x%08lx (vDSO %s 0x%08lx)", sig_hits, sig_ret,
		      ut_vdso_sym_name(t->trampoline), want);
	} else {
		CHECK(sig_hits == 2, t->name, "no vDSO: handler ran %d times via the stack trampoline 0x%08lx",
		      sig_hits, sig_ret);
	}
	signal(SIGUSR1, SIG_DFL);
}

void group_signals(struct rv_env *e)
{
	size_t i;

	for (i = 0; i < sizeof(sig_tests) / sizeof(sig_tests[0]); i++)
		test_signal(e, &sig_tests[i]);
}
