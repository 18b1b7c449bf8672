#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run through its #! line inside the chroot: one more exec that must see our vDSO.
exec /relvdso/vdso-check "$@"
