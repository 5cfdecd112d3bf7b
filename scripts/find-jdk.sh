#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (PokeWatch compiles with release 21; Spring Boot 4 runs on 17+,
# but our bytecode needs 21). Preference: $JAVA_HOME if new enough, then the newest JDK under
# /usr/lib/jvm and /opt, then the java on PATH. Exits 1 with install advice when none is found.
set -u
MIN=21

version_of() { # major version of a JDK home, or 0
  local release="$1/release" v
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "${v:-0}"
}

ok() { [ -x "$1/bin/javac" ] && [ "$(version_of "$1")" -ge "$MIN" ]; }

if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi

best="" best_v=0
for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
  [ -d "$home" ] || continue
  [ -L "$home" ] && continue
  v=$(version_of "$home")
  if [ -x "$home/bin/javac" ] && [ "$v" -ge "$MIN" ] && [ "$v" -gt "$best_v" ]; then best="$home" best_v="$v"; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi

if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if ok "$home"; then echo "$home"; exit 0; fi
fi

echo "No JDK >= $MIN found (checked JAVA_HOME, /usr/lib/jvm, /opt, PATH)." >&2
echo "Install one, e.g. Temurin 21/25 (https://adoptium.net) or 'apt-get install openjdk-21-jdk' where available," >&2
echo "then re-run, or point JAVA_HOME at it." >&2
exit 1
