#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Generate the kernel series of KVER: git format-patch output that applies
# with `git am` to Debian's linux-source-$KVER and carries the relvdso core,
# the adapter and the image sources as files.
#
#   make-patches.sh [--out DIR] [--check DIR] [--tree]
#
# The series' source is kernel-glue/linux-$KVER/series/: for each patch NN,
#   NN-slug.msg    the commit message (subject line, blank line, body)
#   NN-slug.files  optional: "KERNEL-DEST PROJECT-SRC..." lines; a DEST
#                  ending in / is a directory, the SRCs project paths or
#                  globs (each must match); otherwise one file;
#                  "include PROJECT-FILE" reads another such list
#   NN-slug.diff   optional: a git diff against the tree after patch NN-1
# applied in that order in a worktree of the pristine source
# (kernel-src.sh), committed with the identity and date of
# kernel-glue/linux/series.conf and a Signed-off-by, then written out with
# a cover letter from kernel-glue/linux/cover-letter.txt (no Message-Id:
# git send-email threads them when they are sent).
#
#   --out DIR    where the patches go (default $BUILD/patches/linux-$KVER)
#   --check DIR  also compare the result with DIR (the checked-in copy):
#                exit 1 if they differ
#   --tree       print the path of the work tree (the series committed on
#                the pristine commit) and nothing else on stdout
# Environment: KVER, BUILD, LINUX_TARBALL (as kernel-src.sh).
# Exit status: 0 written (and equal), 1 a step failed (or differs), 2 bad usage.
set -eu
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; }
out='' check='' print_tree=no
while [ $# -gt 0 ]; do
	case "$1" in
	--out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out=$2; shift 2 ;;
	--check) [ $# -ge 2 ] || { usage >&2; exit 2; }; check=$2; shift 2 ;;
	--tree) print_tree=yes; shift ;;
	-h|--help) usage; exit 0 ;;
	*) echo "make-patches.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
. "$(dirname "$0")/env.sh"
S=$ROOT/kernel-glue/linux-$KVER/series
out=${out:-$BUILD/patches/linux-$KVER}
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
case "$check" in /*|'') ;; *) check=$PWD/$check ;; esac

log() { echo "make-patches: $*" >&2; }
die() { echo "make-patches: $*" >&2; exit 1; }

[ -d "$S" ] || die "no series for Linux $KVER (kernel-glue/linux-$KVER/series/)"
. "$ROOT/kernel-glue/linux/series.conf"
work=$BUILD/patches/work-$KVER

# a clean worktree at the pristine commit
"$ROOT/scripts/guest/kernel-src.sh" --worktree "$work" pristine

export GIT_AUTHOR_NAME="$SERIES_NAME" GIT_AUTHOR_EMAIL="$SERIES_EMAIL"
export GIT_COMMITTER_NAME="$SERIES_NAME" GIT_COMMITTER_EMAIL="$SERIES_EMAIL"
export GIT_AUTHOR_DATE="$SERIES_DATE" GIT_COMMITTER_DATE="$SERIES_DATE"

# add_files LIST: copy the project files LIST names into the work tree
add_files() {
	while read -r dest srcs; do
		case "$dest" in ''|'#'*) continue ;; esac
		[ -n "$srcs" ] || die "$(basename "$1"): '$dest' names no source"
		case "$dest" in
		include)
			[ -f "$ROOT/$srcs" ] || die "$(basename "$1"): no $srcs to include"
			add_files "$ROOT/$srcs" ;;
		*/)
			mkdir -p "$work/$dest"
			for pat in $srcs; do
				found=no
				for f in "$ROOT"/$pat; do
					[ -f "$f" ] || continue
					cp "$f" "$work/$dest$(basename "$f")"
					found=yes
				done
				[ $found = yes ] || die "$(basename "$1"): '$pat' matches no file"
			done ;;
		*)
			[ "$(echo "$srcs" | wc -w)" -eq 1 ] && [ -f "$ROOT/$srcs" ] ||
				die "$(basename "$1"): '$dest' needs exactly one existing source"
			mkdir -p "$(dirname "$work/$dest")"
			cp "$ROOT/$srcs" "$work/$dest" ;;
		esac
	done <"$1"
}

n=0
for msg in "$S"/[0-9]*.msg; do
	[ -f "$msg" ] || die "no patches in $S"
	base=${msg%.msg}
	n=$((n + 1))
	[ -f "$base.files" ] && add_files "$base.files"
	if [ -f "$base.diff" ]; then
		git -C "$work" apply --index "$base.diff" ||
			die "$(basename "$base.diff") does not apply"
	fi
	git -C "$work" add -A -f .
	git -C "$work" diff --cached --quiet && die "$(basename "$base") changes nothing"
	{ cat "$msg"; printf '\nSigned-off-by: %s <%s>\n' "$SERIES_NAME" "$SERIES_EMAIL"; } |
		git -C "$work" commit -q --no-verify -F -
done
if [ $print_tree = yes ]; then
	echo "$work"
	exit 0
fi

# the patches, then the cover letter's subject and blurb
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
git -C "$work" format-patch -q --cover-letter --no-signature \
	--subject-prefix=PATCH -o "$out.tmp" pristine..HEAD
cover=$out.tmp/0000-cover-letter.patch
letter=$ROOT/kernel-glue/linux/cover-letter.txt
[ -f "$letter" ] || die "no $letter"
ver=$(git -C "$work" log -1 --format=%s pristine)
subj=$(head -n1 "$letter")
tail -n +3 "$letter" | sed -e "s|@KVER@|$KVER|g" -e "s|@KERNEL@|$ver|g" >"$out.tmp/blurb"
awk -v subj="$subj" -v blurb="$out.tmp/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj); print; next }
	/\*\*\* BLURB HERE \*\*\*/ { while ((getline line < blurb) > 0) print line; next }
	/^ create mode / { next }
	{ print }' "$cover" >"$cover.new"
rm "$out.tmp/blurb"
mv "$cover.new" "$cover"

# the proof that the output is the series: git am of it on the pristine
# commit gives the same tree
am=$BUILD/patches/am-$KVER
"$ROOT/scripts/guest/kernel-src.sh" --worktree "$am" pristine
for p in "$out.tmp"/[0-9]*.patch; do
	[ "${p##*/}" = 0000-cover-letter.patch ] && continue
	git -C "$am" am -q "$p" >"$out.tmp/am.log" 2>&1 ||
		{ cat "$out.tmp/am.log" >&2; die "git am rejects ${p##*/}"; }
done
rm -f "$out.tmp/am.log"
[ "$(git -C "$am" rev-parse 'HEAD^{tree}')" = "$(git -C "$work" rev-parse 'HEAD^{tree}')" ] ||
	die "git am of the patches does not give the series' tree"
rm -rf "$out"
mv "$out.tmp" "$out"
log "$n patches and a cover letter in ${out#"$ROOT"/} (git am gives the series' tree)"

if [ -n "$check" ]; then
	if ! diff -r "$check" "$out" >/dev/null; then
		diff -ru "$check" "$out" | head -40 >&2
		die "$check differs from a fresh series: run make patches KVER=$KVER and commit it"
	fi
	log "the checked-in copy ${check#"$ROOT"/} is current"
fi
