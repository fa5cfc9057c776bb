#!/usr/bin/env bash
# Installs every Debian 12 package Telerad needs to build, run and test.
# Idempotent: packages already present are skipped; safe to run again.
# Usage: packaging/install-deps.sh [--build-only]
set -euo pipefail

build_packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6sql6-sqlite
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  libdcmtk-dev libvtk9-dev libssl-dev libopenjp2-7-dev libqrencode-dev
  libgl-dev libglx-dev
)
runtime_test_packages=(
  dcmtk dicom3tools orthanc dpkg-dev desktop-file-utils systemd python3-pydicom libopenjp2-tools openssl poppler-utils
  xvfb xauth libgl1-mesa-dri
  clang libclang-rt-14-dev
  qt6-qpa-plugins qt6-translations-l10n
)

packages=("${build_packages[@]}")
[[ "${1:-}" == "--build-only" ]] || packages+=("${runtime_test_packages[@]}")

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
