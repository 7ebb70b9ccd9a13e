#!/usr/bin/env bash
# Install the Debian packages that the build, the PDFs and the browser tests need,
# if any are missing. Safe to run again.
#   scripts/system_deps.sh venv    only what `python3 -m venv` needs
#   scripts/system_deps.sh build   only what the site build needs (graphviz)
#   scripts/system_deps.sh         everything (make print and make test)
#   chromium       browser tests, PDF rendering, Lighthouse
#   poppler-utils  pdfinfo, pdftotext, pdftoppm (PDF checks and thumbnails)
#   zbar-tools     zbarimg (QR code checks)
#   graphviz       dot (the police actions flowchart)
#   nodejs, npm    Lighthouse (package.json)
#   nginx-light    runs deploy/nginx.conf for real in tests/browser/test_nginx.py
set -euo pipefail
need=()
if [ "${1:-all}" = venv ]; then
  # Debian's own python3 needs python3-venv before `python3 -m venv` works.
  python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
else
command -v dot >/dev/null || need+=(graphviz)
fi
if [ "${1:-all}" = all ]; then
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v npm >/dev/null || need+=(nodejs npm)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx-light)
fc-list 2>/dev/null | grep -ci "DejaVu" >/dev/null || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -ci "NotoNaskhArabic\|NotoSansArabic" >/dev/null || need+=(fonts-noto-core)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Missing system packages: ${need[*]}" >&2
    echo "Install them with: apt-get install ${need[*]} (as root), then run make again." >&2
    exit 1
  fi
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Node tools for the checks (Lighthouse), pinned in package-lock.json.
if [ "${1:-all}" = all ] && [ -f package-lock.json ] && [ ! -x node_modules/.bin/lighthouse ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
