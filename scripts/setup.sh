#!/usr/bin/env bash
# Create .venv in the repo root and install cluster-intake with its development tools.
# As root, also install the Debian packages the backends need (listed in APT_PACKAGES).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: Debian's browser, driven by Playwright in the review station's browser tests (no browser download).
APT_PACKAGES=(libreoffice-writer-nogui fonts-noto-cjk poppler-utils tesseract-ocr tesseract-ocr-chi-sim chromium)

install_apt_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

if [ "${#APT_PACKAGES[@]}" -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  install_apt_packages "${APT_PACKAGES[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev,postgres,dask]"
# Byte-compile the project once (pip does so for the packages it installs): every batch process and its
# reading fork server would otherwise compile ≈55,000 lines again when PYTHONDONTWRITEBYTECODE is set.
.venv/bin/python -m compileall -q -j 0 cluster_intake schema extractors normalizers validators flows store reports review sample_docs >/dev/null
