#!/usr/bin/env bash
# Submits an hrnet-spark command to a cluster with spark-submit:
#   submit-scripts/submit.sh [--properties-file conf/spark/yarn-gpu.conf] [spark-submit options] -- COMMAND [OPTIONS]
# e.g.
#   submit-scripts/submit.sh --properties-file conf/spark/standalone.conf --master spark://head:7077 \
#     -- annotate --images hdfs:///coco/val2017 --annotations /data/person_keypoints_val2017.json \
#        --config conf/... --weights /models/pose_hrnet_w32_256x192.pth --output hdfs:///runs/val2017
# Without --properties-file, conf/spark/local.conf is used. Its settings are layered on top of the
# cluster's own $SPARK_HOME/conf/spark-defaults.conf (event logs, history server, ...), which stays in
# force; spark-submit options given here (--conf, --executor-memory, ...) override both. The Java 17
# options Spark needs (and the log4j2 config, for the driver) go into spark.{driver,executor}.defaultJavaOptions,
# leaving spark.*.extraJavaOptions to you. Needs spark-submit on PATH or SPARK_HOME. GPU clusters need
# the CUDA build: HRNET_SPARK_MAVEN_ARGS=-Pcuda (or mvn -B -Pcuda -DskipTests package).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

submit_args=()
properties=""
while [[ $# -gt 0 && "$1" != "--" ]]; do
  if [[ "$1" == "--properties-file" ]]; then
    properties="$2"
    shift 2
  else
    submit_args+=("$1")
    shift
  fi
done
if [[ $# -eq 0 ]]; then
  echo "usage: submit.sh [--properties-file FILE] [spark-submit options] -- COMMAND [OPTIONS]" >&2
  exit 2
fi
shift
properties="${properties:-$HRNET_SPARK_ROOT/conf/spark/local.conf}"

spark_submit="spark-submit"
if [[ -n "${SPARK_HOME:-}" ]]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
fi
if ! command -v "$spark_submit" >/dev/null; then
  echo "submit.sh: $spark_submit not found: install Apache Spark 3.5 (Scala 2.12) and put its bin/ on PATH or set" \
    "SPARK_HOME; to run on this machine without Spark, use submit-scripts/hrnet-spark." >&2
  exit 2
fi
if [[ ! -f "$properties" && -f "$HRNET_SPARK_ROOT/$properties" ]]; then
  properties="$HRNET_SPARK_ROOT/$properties"
fi
if [[ ! -f "$properties" ]]; then
  echo "submit.sh: properties file $properties does not exist; pass one of conf/spark/*.conf." >&2
  exit 2
fi
# The project's settings as --conf options: unlike --properties-file, they leave spark-defaults.conf in force.
project_conf=()
while read -r key value; do
  [[ -z "$key" || "$key" == \#* || "$key" == !* ]] && continue
  project_conf+=(--conf "$key=$value")
done < <(sed -E 's/^[[:space:]]*([^=:[:space:]]+)[[:space:]]*[=:]?[[:space:]]*/\1 /' "$properties")
hrnet_spark_build_if_missing
java17="$(hrnet_spark_java17_options)"
log4j="-Dlog4j2.configurationFile=$HRNET_SPARK_ROOT/conf/log4j2.properties"

exec "$spark_submit" \
  "${project_conf[@]}" \
  --conf "spark.driver.defaultJavaOptions=$java17 $log4j" \
  --conf "spark.executor.defaultJavaOptions=$java17" \
  --class io.hrnetspark.cli.HrnetSparkCli \
  "${submit_args[@]}" \
  "$HRNET_SPARK_JAR" "$@"
