# Shared by the hrnet-spark scripts: project root, fat jar (HRNET_SPARK_JAR overrides it), Java 17 options.
HRNET_SPARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HRNET_SPARK_JAR="${HRNET_SPARK_JAR:-$HRNET_SPARK_ROOT/spark-job/target/hrnet-spark.jar}"
HRNET_SPARK_CLASSPATH_FILE="${HRNET_SPARK_CLASSPATH_FILE:-$HRNET_SPARK_ROOT/spark-job/target/spark-classpath.txt}"

# Builds the fat jar (and the list of Spark's jars for local runs) when missing.
hrnet_spark_build_if_missing() {
  if [[ ! -f "$HRNET_SPARK_JAR" || ! -f "$HRNET_SPARK_CLASSPATH_FILE" ]]; then
    echo "hrnet-spark: building the project (first run, a few minutes)..." >&2
    (cd "$HRNET_SPARK_ROOT" && mvn -B -q -DskipTests ${HRNET_SPARK_MAVEN_ARGS:-} package) >&2
  fi
}

# The JVM options Spark needs on Java 17, one per line in conf/java17-options.
hrnet_spark_java17_options() {
  grep -v '^\s*\(#\|$\)' "$HRNET_SPARK_ROOT/conf/java17-options" | paste -sd ' ' -
}
