#!/bin/sh
# Run through its #! line inside the chroot: one more exec that must see our vDSO.
exec /relvdso/vdso-check "$@"
