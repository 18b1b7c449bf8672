# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the guest scripts (`. "$(dirname "$0")/env.sh"`): ROOT, the
# project; BUILD, absolute (default build); KVER, the series (default
# kernel-glue/default-series).  BUILD and KVER are exported, so the
# scripts one calls see the same.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
KVER=${KVER:-$(cat "$ROOT/kernel-glue/default-series")}
export BUILD KVER
