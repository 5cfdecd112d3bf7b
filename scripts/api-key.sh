#!/usr/bin/env bash
# Generate a PokeWatch API key and its SHA-256 hash (called by `make api-key`).
#
#   scripts/api-key.sh            new key: pk_<43 url-safe base64 chars from 32 random bytes>
#   scripts/api-key.sh --hash     read an existing key from stdin, print its SHA-256 hex
#                                 (the key is not passed as an argument so it stays out of
#                                 `ps` output and shell history)
#
# Needs only coreutils, openssl or python3, whichever exist. The hash is the SHA-256 of the
# key's UTF-8 bytes as lowercase hex, the same as dev.pokewatch.serving.security.ApiKeyHashes.
# API_KEY_RANDOM (openssl|python3|urandom) and API_KEY_SHA256 (sha256sum|shasum|openssl|python3)
# force a tool; the tests use them to check every fallback.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

die() { echo "api-key.sh: $*" >&2; exit 1; }

# 32 random bytes, base64url without padding (43 characters).
random_token() {
	local tool="${API_KEY_RANDOM:-}"
	if [[ -z "$tool" ]]; then
		if have openssl; then tool=openssl
		elif have python3; then tool=python3
		elif [[ -r /dev/urandom ]] && have base64; then tool=urandom
		else die "need openssl, python3, or /dev/urandom with base64 to generate a key"
		fi
	fi
	case "$tool" in
		openssl) openssl rand -base64 32 | tr -d '\n=' | tr '+/' '-_' ;;
		python3) python3 -c 'import secrets; print(secrets.token_urlsafe(32), end="")' ;;
		urandom) head -c 32 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' ;;
		*) die "unknown API_KEY_RANDOM '$tool' (use openssl, python3 or urandom)" ;;
	esac
}

# SHA-256 hex of stdin.
sha256_hex() {
	local tool="${API_KEY_SHA256:-}"
	if [[ -z "$tool" ]]; then
		if have sha256sum; then tool=sha256sum
		elif have shasum; then tool=shasum
		elif have openssl; then tool=openssl
		elif have python3; then tool=python3
		else die "need sha256sum, shasum, openssl or python3 to hash a key"
		fi
	fi
	case "$tool" in
		sha256sum) sha256sum | cut -d' ' -f1 ;;
		shasum) shasum -a 256 | cut -d' ' -f1 ;;
		openssl) openssl dgst -sha256 -r | cut -d' ' -f1 ;;
		python3) python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())' ;;
		*) die "unknown API_KEY_SHA256 '$tool' (use sha256sum, shasum, openssl or python3)" ;;
	esac
}

case "${1:-}" in
	--hash)
		IFS= read -r key || [[ -n "$key" ]] || die "--hash reads the key from stdin, e.g. echo \"\$KEY\" | $0 --hash"
		key="${key%$'\r'}"
		[[ -n "$key" ]] || die "--hash got an empty key on stdin"
		printf '%s' "$key" | sha256_hex
		exit 0
		;;
	-h|--help)
		sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	"") ;;
	*) die "unknown argument '$1' (try --help)" ;;
esac

token="$(random_token)"
[[ ${#token} -eq 43 ]] || die "generated token has ${#token} characters, expected 43"
key="pk_${token}"
hash="$(printf '%s' "$key" | sha256_hex)"
[[ "$hash" =~ ^[0-9a-f]{64}$ ]] || die "could not compute the SHA-256 of the key"

cat <<MSG
New API key (give it to the client now; it cannot be recovered from the hash):
  ${key}
SHA-256 of the key (safe to store in configuration):
  ${hash}

Add ONE of these lines to .env (comma-separate several keys):
  API_KEYS=${key}
      local development: plaintext, hashed when serving-api starts
  API_KEY_HASHES=${hash}
      production: only the hash is stored
For an admin key (POST /admin/reload) use ADMIN_API_KEYS= or ADMIN_API_KEY_HASHES= instead.
MSG
