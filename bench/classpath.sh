#!/usr/bin/env bash
# Sourced by the benchmark scripts: compiles tenure-server and the modules it needs in the reactor
# (nothing has to be installed in ~/.m2), then sets CP to a class path over a snapshot of the
# project's classes (other builds may replace target/ while a benchmark runs) and the dependency
# jars. Needs ROOT (the project root) and SNAPSHOT (an empty temporary folder).
mvn -B -q -pl tenure-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp -r "$ROOT/tenure-server/target/classes" "$SNAPSHOT/tenure-server"
CP="$SNAPSHOT/tenure-server"
IFS=":" read -r -a ENTRIES < "$ROOT/tenure-server/target/bench-classpath.txt" || true  # no final newline
for entry in "${ENTRIES[@]}"; do
  case "$entry" in
    */target/classes)
      module="$(basename "$(dirname "$(dirname "$entry")")")"
      cp -r "$entry" "$SNAPSHOT/$module" && CP="$CP:$SNAPSHOT/$module" ;;
    *) CP="$CP:$entry" ;;
  esac
done
