#!/bin/sh
# setup.sh: installs the host packages the build, `make run` and `make test`
# need, when any is missing (Debian/Ubuntu, through sudo when not root).
# Quiet and quick when everything is already there.
set -e

# command -> Debian package
need="
nasm:nasm
qemu-system-i386:qemu-system-x86
grub-mkrescue:grub-common
grub-file:grub-common
xorriso:xorriso
mformat:mtools
cpio:cpio
mkswap:util-linux
gdb:gdb
python3:python3
gcc:gcc
ld:binutils
make:make
"
missing=""
for pair in $need; do
    cmd=${pair%%:*}
    pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
# Files rather than commands: 32-bit libgcc, GRUB's BIOS modules, QEMU's
# firmware (qboot for -kernel boots, SeaBIOS for the ISO).
# 32-bit C library and libgcc, for the kernel and the host unit tests.
echo 'int main(void) { return 0; }' | gcc -m32 -x c - -o /dev/null 2>/dev/null || \
    missing="$missing gcc-multilib"
[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
[ -f /usr/share/qemu/qboot.rom ] || missing="$missing qemu-system-data"
[ -f /usr/share/seabios/bios-256k.bin ] || missing="$missing seabios"     # the ISO boots

install() {
    pkgs=$(echo "$@" | tr ' ' '\n' | sort -u | tr '\n' ' ')
    echo "setup: installing: $pkgs"
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$updated" ] || $SUDO apt-get update -qq
    updated=yes
    $SUDO apt-get install -y -qq --no-install-recommends $pkgs
}
updated=
[ -z "$missing" ] || install $missing

# The host unit tests are i386 programs. A host whose kernel cannot run them
# (no IA-32 emulation, or not x86 at all) runs them through qemu-i386
# (tests/run.py decides the same way): try one tiny program, once the 32-bit
# C library is there.
command -v qemu-i386 >/dev/null 2>&1 && exit 0
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'int main(void) { return 0; }' | gcc -m32 -static -x c - -o "$probe/p"
"$probe/p" 2>/dev/null || install qemu-user
