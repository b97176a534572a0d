#!/usr/bin/env bash
# A fresh machine, simulated: what a new user meets with Node.js and npm and nothing else.
#
# A clean clone of this repository's HEAD in a new temporary folder, then the README's commands,
# `npm ci && npm run build`, and `npm test`, run with:
# - an empty HOME (so an empty npm cache: every package comes from the registry) and TMPDIR;
# - PATH holding only Node.js's folder, /usr/bin and /bin, and no other variable of this shell;
# - the programs the project once took from Debian hidden, each covered by /dev/null in a private
#   mount namespace: Chromium and Chrome, pandoc, poppler (pdftotext, pdfinfo, pdffonts, pdftoppm),
#   qpdf and GNU time.
#
# Needs `unshare -m` (root, or unprivileged user namespaces). Prints the time each command took and
# the size of node_modules, and exits with the first failing command's status. Usage:
#   scripts/tools/fresh-machine.sh [--keep]    (--keep leaves the temporary folder for a look)
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/paper-fresh-XXXXXX")
keep=false
[ "${1:-}" = "--keep" ] && keep=true
cleanup() { $keep || rm -rf "$work"; }
trap cleanup EXIT

git clone --quiet "$repo" "$work/paper"
mkdir -p "$work/home" "$work/tmp"
node_bin=$(dirname "$(readlink -f "$(command -v node)")")

hidden=()
for program in chromium chromium-browser google-chrome google-chrome-stable pandoc pdftotext pdfinfo pdffonts pdftoppm qpdf time; do
  for folder in /usr/bin /bin /usr/local/bin; do
    [ -e "$folder/$program" ] && hidden+=("$folder/$program")
  done
done

echo "fresh machine: $work/paper"
echo "hidden: ${hidden[*]:-(none installed)}"

# Inside the namespace: cover each program, then run the commands in a bare environment.
unshare -m bash -s "$work" "$node_bin" "${hidden[@]}" <<'INSIDE'
set -euo pipefail
work=$1; node_bin=$2; shift 2
for program in "$@"; do mount --bind /dev/null "$program"; done
cd "$work/paper"
run() {
  local started=$SECONDS
  env -i HOME="$work/home" TMPDIR="$work/tmp" PATH="$node_bin:/usr/bin:/bin" "$@"
  echo "fresh machine: \`$*\` took $((SECONDS - started)) s"
}
for program in chromium google-chrome pandoc pdftotext qpdf; do
  if env -i PATH="$node_bin:/usr/bin:/bin" sh -c "command -v $program >/dev/null && $program --version >/dev/null 2>&1"; then
    echo "fresh machine: $program is still usable; it must be hidden" >&2
    exit 1
  fi
done
run npm ci
echo "fresh machine: node_modules is $(du -sm node_modules | cut -f1) MB"
run npm run build
ls -l build/paper.html build/paper.pdf
run npm test
INSIDE
echo "fresh machine: npm ci, npm run build and npm test passed"
