# Shared by the hrnet-spark scripts: project root, fat jar (HRNET_SPARK_JAR overrides it), Java 17 options.
HRNET_SPARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HRNET_SPARK_JAR="${HRNET_SPARK_JAR:-$HRNET_SPARK_ROOT/spark-job/target/hrnet-spark.jar}"
HRNET_SPARK_CLASSPATH_FILE="${HRNET_SPARK_CLASSPATH_FILE:-$HRNET_SPARK_ROOT/spark-job/target/spark-classpath.txt}"

# Builds the fat jar (and the list of Spark's jars for local runs) when missing: a line per module as it
# starts, the full plain-text log in target/build.log, and its end when the build fails.
hrnet_spark_build_if_missing() {
  if [[ ! -f "$HRNET_SPARK_JAR" || ! -f "$HRNET_SPARK_CLASSPATH_FILE" ]]; then
    local log="$HRNET_SPARK_ROOT/target/build.log"
    mkdir -p "$HRNET_SPARK_ROOT/target"
    echo "hrnet-spark: building the project (first run: a few minutes, more while Maven downloads;" \
      "log in $log)..." >&2
    # shellcheck disable=SC2086
    (cd "$HRNET_SPARK_ROOT" && mvn -B -Dstyle.color=never -DskipTests ${HRNET_SPARK_MAVEN_ARGS:-} package) \
      > "$log" 2>&1 < /dev/null &
    local build=$!
    tail -n +1 -f "$log" --pid "$build" 2>/dev/null \
      | grep --line-buffered -E '^\[INFO\] (Building .*\[[0-9]+/[0-9]+\]|BUILD |Total time)' \
      | sed -u -E 's/^\[INFO\] /  /; s/ {2,}/ /g' >&2 || true
    if ! wait "$build"; then
      echo "hrnet-spark: the build failed; its last lines (full log: $log):" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
  fi
}

# The JVM options Spark needs on Java 17, one per line in conf/java17-options.
hrnet_spark_java17_options() {
  grep -v '^\s*\(#\|$\)' "$HRNET_SPARK_ROOT/conf/java17-options" | paste -sd ' ' -
}
