#!/usr/bin/env bash
# Tests of bin/pokewatch's Java discovery against fake Java homes: an old `java` first on PATH
# or an old JAVA_HOME never wins over an installed JDK >= 21, and with none there is a clear
# error. Prints 'launcher: N passed, N failed' and exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
LAUNCHER=$PWD/bin/pokewatch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

fake_home() { # dir version: a Java home whose java prints its version and fails like Java 17 on our jars
  mkdir -p "$1/bin"
  printf 'JAVA_VERSION="%s"\n' "$2" > "$1/release"
  printf '#!/bin/sh\necho "fake java %s $*"\n[ "%s" -ge 21 ] || { echo UnsupportedClassVersionError >&2; exit 1; }\n' "$2" "$2" > "$1/bin/java"
  cp "$1/bin/java" "$1/bin/javac"
  chmod +x "$1/bin/java" "$1/bin/javac"
}
expect() { # name expected-exit expected-text command...
  local name=$1 code=$2 text=$3 out rc; shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$code" ] && grep -qF -- "$text" <<<"$out"; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name: exit $rc (expected $code), output:"; sed 's/^/     /' <<<"$out"; fi
}

# the JVM flags of serve with the AOT cache on Java 25 for a checkout at $1, from config/jvm.properties
property() { sed -n "s/^$1=//p" config/jvm.properties; }
aot_flags_of() {
  echo "$(property jvm.flags.serve) $(property jvm.flags.serve.jdk22) -XX:+UnlockDiagnosticVMOptions" \
    "-XX:CompilerDirectivesFile=$1/config/jit-directives.json $(property jvm.flags.jdk24)"
}
# a Java 25 home whose java writes the cache file a training run asks for, then prints its arguments
aot_home() { # dir
  mkdir -p "$1/bin"
  printf 'JAVA_VERSION="25"\n' > "$1/release"
  printf '#!/bin/sh\nfor a in "$@"; do case "$a" in -XX:AOTCacheOutput=*) echo cache > "${a#-XX:AOTCacheOutput=}" ;; esac; done\necho "fake java 25 $*"\n' > "$1/bin/java"
  chmod +x "$1/bin/java"
}
# the caller's own JVM options (make exports .env) would change every expected command line
unset POKEWATCH_JAVA_OPTS POKEWATCH_SERVE_JAVA_OPTS POKEWATCH_AOT POKEWATCH_AOT_CACHE POKEWATCH_JAR

fake_home "$work/old/jdk-17" 17
fake_home "$work/jvms/jdk-21" 21
fake_home "$work/jvms/jdk-25" 25
fake_home "$work/jvms/jdk-11" 11
mkdir -p "$work/jar/collector-service/target" && touch "$work/jar/collector-service/target/collector-service.jar"
OLD_PATH="$work/old/jdk-17/bin:/usr/bin:/bin"

expect "an old java on PATH and an old JAVA_HOME lose to the newest installed JDK" 0 "$work/jvms/jdk-25" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/old/jdk-17" POKEWATCH_JAVA_DIRS="$work/jvms" "$LAUNCHER" java-home
expect "a JAVA_HOME of 21 or newer is preferred" 0 "$work/jvms/jdk-21" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/jvms/jdk-21" POKEWATCH_JAVA_DIRS="$work/jvms" "$LAUNCHER" java-home
expect "a command runs on the found JDK with the jar and its arguments" 0 "fake java 25" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/jar/collector-service/target/collector-service.jar" \
  "$LAUNCHER" collect --days 3
expect "the JDK 24+ flags from config/jvm.properties are passed" 0 "--sun-misc-unsafe-memory-access=allow" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" "$LAUNCHER" train
expect "serve gets its own flags" 0 "-XX:+UseSerialGC" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" "$LAUNCHER" serve
expect "serve on JDK 22+ adds jvm.flags.serve.jdk22" 0 "-XX:CICompilerCount=4 -XX:TrimNativeHeapInterval=5000 -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$PWD/config/jit-directives.json --enable-native-access" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT=off "$LAUNCHER" serve
expect "serve on JDK 21 gets no flag it does not know" 0 "fake java 21 -XX:+UseSerialGC -Xmx384m -Xmn32m -XX:CICompilerCount=4 -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$PWD/config/jit-directives.json -jar" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/jvms/jdk-21" POKEWATCH_JAVA_DIRS="$work/old" POKEWATCH_JAR="$work/x.jar" "$LAUNCHER" serve
expect "POKEWATCH_SERVE_JAVA_OPTS replaces every serve flag" 0 "fake java 25 -Xmx1g --enable-native-access" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT=off POKEWATCH_SERVE_JAVA_OPTS=-Xmx1g "$LAUNCHER" serve
expect "on JDK 21-23 no JDK 24 flag is passed and an empty flag list is fine" 0 "fake java 21 -jar" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/jvms/jdk-21" POKEWATCH_JAVA_DIRS="$work/old" POKEWATCH_JAR="$work/x.jar" "$LAUNCHER" train
mkdir -p "$work/with space/jvms"
fake_home "$work/with space/jvms/jdk 22" 22
expect "Java homes in folders with spaces are found (':'-separated list)" 0 "$work/with space/jvms/jdk 22" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/old:$work/with space/jvms" "$LAUNCHER" java-home
expect "no JDK >= 21 anywhere: a clear error naming the old java" 2 "The java on PATH is version 17, too old" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/old" "$LAUNCHER" train
touch "$work/x.jar"
mkdir -p "$work/aot" && touch "$work/aot/serving.aot" && echo "$work/jvms/jdk-25" > "$work/aot/serving.aot.java-home"
aot_flags_of "$PWD" > "$work/aot/serving.aot.flags"
expect "serve starts with an AOT cache made by the same JDK" 0 "-XX:AOTCache=$work/aot/serving.aot" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT_CACHE="$work/aot/serving.aot" "$LAUNCHER" serve
expect "an AOT cache made by another JDK is not used, and serve says so" 0 "the AOT cache was made by another JDK" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/jvms/jdk-25" POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" \
  POKEWATCH_AOT_CACHE="$work/aot/other.aot" bash -c 'touch "$POKEWATCH_AOT_CACHE"; echo /elsewhere > "$POKEWATCH_AOT_CACHE.java-home"; "$0" serve' "$LAUNCHER"
expect "an AOT cache made with other JVM flags is not used, and serve says so" 0 \
  "the AOT cache was made with other JVM flags" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT_CACHE="$work/aot/serving.aot" \
  POKEWATCH_SERVE_JAVA_OPTS="-XX:+UseParallelGC" "$LAUNCHER" serve
expect "an AOT cache made before extra JVM options were set is not used" 0 \
  "the AOT cache was made with other JVM flags" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT_CACHE="$work/aot/serving.aot" \
  POKEWATCH_JAVA_OPTS="-Xmx1g" "$LAUNCHER" serve
expect "POKEWATCH_AOT=off starts without the cache" 0 "$(aot_flags_of "$PWD") -jar" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" POKEWATCH_JAR="$work/x.jar" POKEWATCH_AOT_CACHE="$work/aot/serving.aot" POKEWATCH_AOT=off "$LAUNCHER" serve
# a rebuilt jar with the reproducible build's fixed timestamp: the recorded size tells it apart
root="$work/root"; mkdir -p "$root/bin" "$root/serving-api/target/aot/app"
cp "$LAUNCHER" "$root/bin/pokewatch"; cp -r config "$root/config"
printf 'old jar' > "$root/serving-api/target/serving-api.jar"; touch "$root/serving-api/target/aot/app/serving-api.jar"
touch -d '2000-01-01' "$root/serving-api/target/serving-api.jar"
touch "$root/serving-api/target/aot/serving-api.aot" && echo "$work/jvms/jdk-25" > "$root/serving-api/target/aot/serving-api.aot.java-home"
echo 7 > "$root/serving-api/target/aot/serving-api.aot.jar-size"
aot_flags_of "$root" > "$root/serving-api/target/aot/serving-api.aot.flags"
expect "an AOT cache made for this jar (same size) is used" 0 "-XX:AOTCache=$root/serving-api/target/aot/serving-api.aot" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" "$root/bin/pokewatch" serve
printf 'rebuilt jar' > "$root/serving-api/target/serving-api.jar"; touch -d '2000-01-01' "$root/serving-api/target/serving-api.jar"
expect "an AOT cache made for another jar of the same timestamp is not used, and serve says so" 0 \
  "the AOT cache was made for another serving-api.jar" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/jvms" "$root/bin/pokewatch" serve
# the round trip: the cache aot-cache makes (and the flags it records) is the one serve then uses
aot_home "$work/aotjvms/jdk-25"
expect "a cache made by aot-cache is used by serve under the same flags" 0 \
  "-XX:AOTCache=$root/serving-api/target/aot/trip.aot" \
  env PATH="$OLD_PATH" JAVA_HOME= POKEWATCH_JAVA_DIRS="$work/aotjvms" POKEWATCH_JAR="$work/x.jar" \
  POKEWATCH_AOT_CACHE="$root/serving-api/target/aot/trip.aot" bash -c '"$0" aot-cache && "$0" serve' "$root/bin/pokewatch"
expect "aot-cache on Java 21 is skipped with a clear word" 0 "an AOT cache needs Java 25 or newer, found 21" \
  env PATH="$OLD_PATH" JAVA_HOME="$work/jvms/jdk-21" POKEWATCH_JAVA_DIRS="$work/old" POKEWATCH_JAR="$work/x.jar" "$LAUNCHER" aot-cache
# the containers' health check: HTTP over bash's /dev/tcp, no curl or wget
mkdir -p "$work/www/actuator" && echo '{"status":"UP"}' > "$work/www/actuator/health"
# up to 30 s per try (python's start is slow on a loaded machine); a new port when the server
# exits, i.e. another process took the free port before it bound it
up=0
for _ in 1 2 3; do
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 300); do
    kill -0 "$server" 2>/dev/null || break
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { up=1; break; }
    sleep 0.1
  done
  [ "$up" = 1 ] && kill -0 "$server" 2>/dev/null && break
  up=0
done
[ "$up" = 1 ] || { echo "launcher tests: python3 -m http.server did not start on a free port" >&2; exit 1; }
expect "health answers 0 on a 200" 0 "" env MANAGEMENT_PORT="$port" "$LAUNCHER" health
expect "health fails on a 404 and says what it got" 1 "answered 'HTTP/1.0 404" "$LAUNCHER" health "$port" /actuator/missing
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
expect "health fails when nothing listens" 1 "nothing listens on 127.0.0.1:$port" "$LAUNCHER" health "$port"
expect "an unknown command is a usage error" 2 "unknown command 'trian'" "$LAUNCHER" trian

echo "launcher: $passed passed, $failed failed"
[ "$failed" = 0 ]
